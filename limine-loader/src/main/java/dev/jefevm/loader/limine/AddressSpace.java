package dev.jefevm.loader.limine;

import dev.jefevm.loader.elf.ElfImage;
import dev.jefevm.loader.elf.LoadSegment;

/**
 * The mappings the Limine protocol sets up at entry ("Memory Layout at Entry", "Caching"): the
 * kernel's segments at their link addresses with PT_LOAD permissions (read always, write if
 * PF_W, execute only if PF_X), the higher half direct map, and for base revision 0 the identity
 * map from 0x1000. Direct maps are supervisor read-write-execute, write-back, except the
 * framebuffer, which is write-combining (PAT entry 5).
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
            long ramSize, FramebufferInfo framebuffer) throws KernelLoadException {
        for (LoadSegment s : image.segments()) {
            long first = s.virtualAddress() & -BootAllocator.PAGE;
            long end = BootAllocator.roundUp(s.virtualEnd(), BootAllocator.PAGE);
            long flags = (s.writable() ? PageTableBuilder.WRITABLE : 0) | (s.executable() ? 0 : PageTableBuilder.NO_EXECUTE);
            for (long v = first; v != end; v += BootAllocator.PAGE) {
                tables.map4k(v, kernel.physical(v), flags);
            }
        }
        // Base revisions 0-2 map the first 4 GiB whatever it holds; revision 3 only what the map
        // calls usable, reclaimable, kernel/modules or framebuffer. Mapping all of RAM is a superset.
        long top = baseRevision <= 2 ? Math.max(FOUR_GIB, ramSize) : ramSize;
        mapDirect(tables, HHDM_OFFSET, 0, top, framebuffer);
        if (baseRevision == 0) {
            mapDirect(tables, 0, BootAllocator.PAGE, top, framebuffer);
        }
    }

    /** Maps physical {@code [start, end)} at {@code offset + physical}, and the framebuffer write-combining. */
    private static void mapDirect(PageTableBuilder tables, long offset, long start, long end, FramebufferInfo fb)
            throws KernelLoadException {
        if (fb == null) {
            tables.mapRange(offset + start, start, end - start, DIRECT);
            return;
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
        long fbFrom = offset == 0 ? Math.max(fbStart, start) : fbStart;
        tables.mapRange(offset + fbFrom, fbFrom, fbEnd - fbFrom, WRITE_COMBINING);
    }
}
