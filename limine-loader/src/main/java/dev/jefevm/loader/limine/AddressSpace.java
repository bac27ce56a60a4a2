package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.RamRange;
import dev.jefevm.loader.elf.ElfImage;
import dev.jefevm.loader.elf.LoadSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The mappings the Limine protocol sets up at entry ("Memory Layout at Entry", "Caching"): the
 * kernel's segments at their link addresses with PT_LOAD permissions (read always, write if
 * PF_W, execute only if PF_X), the higher half direct map, and for base revision 0 the identity
 * map from 0x1000. Direct maps are supervisor read-write-execute, write-back, except the
 * framebuffer, which is write-combining (PAT entry 5). RAM may lie in two ranges around a PCI
 * hole; both are mapped, the hole only where the revision asks for the whole first 4 GiB.
 */
final class AddressSpace {

    /** Where the higher half direct map starts: physical 0 appears here. */
    static final long HHDM_OFFSET = 0xFFFF_8000_0000_0000L;
    private static final long FOUR_GIB = 1L << 32;
    private static final long DIRECT = PageTableBuilder.WRITABLE;
    private static final long WRITE_COMBINING = PageTableBuilder.WRITABLE | PageTableBuilder.PAT_4K | PageTableBuilder.PWT;

    private AddressSpace() {
    }

    /** Builds all mappings into {@code tables}. */
    static void build(PageTableBuilder tables, ElfImage image, KernelPlacement kernel, int baseRevision,
            List<RamRange> ram, FramebufferInfo framebuffer) throws KernelLoadException {
        for (LoadSegment s : image.segments()) {
            long first = s.virtualAddress() & -BootAllocator.PAGE;
            long end = BootAllocator.roundUp(s.virtualEnd(), BootAllocator.PAGE);
            long flags = (s.writable() ? PageTableBuilder.WRITABLE : 0) | (s.executable() ? 0 : PageTableBuilder.NO_EXECUTE);
            for (long v = first; v != end; v += BootAllocator.PAGE) {
                tables.map4k(v, kernel.physical(v), flags);
            }
        }
        List<RamRange> direct = directRanges(baseRevision, ram);
        mapDirect(tables, HHDM_OFFSET, 0, direct, framebuffer);
        if (baseRevision == 0) {
            mapDirect(tables, 0, BootAllocator.PAGE, direct, framebuffer);
        }
    }

    /**
     * Base revisions 0-2 map the first 4 GiB whatever it holds, then RAM above it; revision 3
     * only what the map calls usable, reclaimable, kernel/modules or framebuffer. Mapping all of
     * RAM is a superset.
     */
    private static List<RamRange> directRanges(int baseRevision, List<RamRange> ram) {
        if (baseRevision > 2) {
            return ram;
        }
        List<RamRange> out = new ArrayList<>();
        long top = FOUR_GIB;
        for (RamRange r : ram) {
            top = r.base() <= FOUR_GIB ? Math.max(top, r.end()) : top;
        }
        out.add(new RamRange(0, top));
        for (RamRange r : ram) {
            if (r.base() > FOUR_GIB) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Maps each physical range (from {@code floor} up) at {@code offset + physical}, and the
     * framebuffer write-combining.
     */
    private static void mapDirect(PageTableBuilder tables, long offset, long floor, List<RamRange> ranges,
            FramebufferInfo fb) throws KernelLoadException {
        for (RamRange r : ranges) {
            long start = Math.max(r.base(), floor);
            long end = r.end();
            if (fb == null) {
                if (end > start) {
                    tables.mapRange(offset + start, start, end - start, DIRECT);
                }
                continue;
            }
            long fbStart = fb.physicalAddress() & -BootAllocator.PAGE;
            long fbEnd = BootAllocator.roundUp(fb.physicalAddress() + fb.byteSize(), BootAllocator.PAGE);
            long below = Math.min(end, fbStart);
            if (below > start) {
                tables.mapRange(offset + start, start, below - start, DIRECT);
            }
            long above = Math.max(start, fbEnd);
            if (end > above) {
                tables.mapRange(offset + above, above, end - above, DIRECT);
            }
        }
        if (fb != null) {
            long fbStart = fb.physicalAddress() & -BootAllocator.PAGE;
            long fbEnd = BootAllocator.roundUp(fb.physicalAddress() + fb.byteSize(), BootAllocator.PAGE);
            long fbFrom = offset == 0 ? Math.max(fbStart, floor) : fbStart;
            tables.mapRange(offset + fbFrom, fbFrom, fbEnd - fbFrom, WRITE_COMBINING);
        }
    }
}
