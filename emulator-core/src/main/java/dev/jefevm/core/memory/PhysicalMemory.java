package dev.jefevm.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's physical address space. RAM is one off-heap, page-aligned {@link MemorySegment}
 * starting at physical address 0, so every CPU back end shares the very same bytes. Above RAM
 * (or in holes) the board maps further segments (a framebuffer) and MMIO handlers. Reads of
 * unmapped addresses return all ones and writes to them are dropped, as on a PC bus.
 *
 * <p>Pages that hold decoded code are marked; a write to a marked page unmarks it and tells the
 * {@link CodeWriteListener}, which is how self-modifying code invalidates cached blocks.
 */
public final class PhysicalMemory {

    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment ram;
    private final long ramSize;
    private final byte[] codePages;
    private final List<Region> regions = new ArrayList<>();
    private Region[] regionArray = new Region[0];
    private CodeWriteListener codeWriteListener = pageFrame -> { };

    /** A mapped range above or beside RAM: either a plain segment or an MMIO handler. */
    private record Region(long base, long size, MemorySegment segment, MmioHandler mmio, String name) {
        boolean contains(long pa) {
            return Long.compareUnsigned(pa - base, size) < 0;
        }
    }

    /** Allocates {@code ramSize} bytes of zeroed RAM (a multiple of 4 KiB). */
    public PhysicalMemory(long ramSize) {
        if (ramSize <= 0 || (ramSize & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + ramSize);
        }
        this.ramSize = ramSize;
        // Freed when the machine becomes unreachable (tests make many machines).
        this.ram = RamAllocator.allocate(ramSize, PAGE_SIZE);
        this.codePages = new byte[(int) (ramSize >>> PAGE_SHIFT)];
    }

    /** The RAM segment itself (physical address 0 up to {@link #ramSize()}). */
    public MemorySegment ram() {
        return ram;
    }

    public long ramSize() {
        return ramSize;
    }

    /** Maps a host segment (such as framebuffer memory) at {@code base}. Overlaps are refused. */
    public void mapSegment(long base, MemorySegment segment, String name) {
        addRegion(new Region(base, segment.byteSize(), segment, null, name));
    }

    /** Maps an MMIO handler over {@code [base, base+size)}. Overlaps are refused. */
    public void mapMmio(long base, long size, MmioHandler handler, String name) {
        addRegion(new Region(base, size, null, handler, name));
    }

    private void addRegion(Region r) {
        if (r.base < ramSize) {
            throw new IllegalArgumentException(r.name + " at 0x" + Long.toHexString(r.base) + " overlaps RAM");
        }
        for (Region o : regions) {
            if (r.base < o.base + o.size && o.base < r.base + r.size) {
                throw new IllegalArgumentException(r.name + " overlaps " + o.name);
            }
        }
        regions.add(r);
        regionArray = regions.toArray(Region[]::new);
    }

    /** True if {@code [pa, pa+size)} lies wholly in RAM. */
    public boolean isRam(long pa, long size) {
        return pa >= 0 && size >= 0 && pa + size <= ramSize && pa + size >= pa;
    }

    /** A plain-memory view of {@code [pa, pa+size)} if it lies in RAM or one mapped segment, else null. */
    public MemorySegment directView(long pa, long size) {
        if (isRam(pa, size)) {
            return ram.asSlice(pa, size);
        }
        Region r = find(pa);
        if (r != null && r.segment != null && pa - r.base + size <= r.size) {
            return r.segment.asSlice(pa - r.base, size);
        }
        return null;
    }

    private Region find(long pa) {
        for (Region r : regionArray) {
            if (r.contains(pa)) {
                return r;
            }
        }
        return null;
    }

    // ---- code-page tracking (self-modifying code) ----

    public void setCodeWriteListener(CodeWriteListener listener) {
        this.codeWriteListener = listener;
    }

    /** Marks RAM page {@code pageFrame} as holding decoded code. */
    public void markCodePage(long pageFrame) {
        if (pageFrame >= 0 && pageFrame < codePages.length) {
            codePages[(int) pageFrame] = 1;
        }
    }

    /** True if RAM page {@code pageFrame} holds decoded code (its writes must go through here). */
    public boolean isCodePage(long pageFrame) {
        return pageFrame >= 0 && pageFrame < codePages.length && codePages[(int) pageFrame] != 0;
    }

    private void noteWrite(long pa, int size) {
        long first = pa >>> PAGE_SHIFT;
        long last = (pa + size - 1) >>> PAGE_SHIFT;
        for (long p = first; p <= last; p++) {
            if (p < codePages.length && codePages[(int) p] != 0) {
                codePages[(int) p] = 0;
                codeWriteListener.codePageWritten(p);
            }
        }
    }

    // ---- accessors: little-endian, any alignment ----

    public int read8(long pa) {
        if (Long.compareUnsigned(pa, ramSize) < 0) {
            return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFF;
        }
        return (int) readSlow(pa, 1);
    }

    public int read16(long pa) {
        if (Long.compareUnsigned(pa, ramSize - 1) < 0) {
            return ram.get(LE16, pa) & 0xFFFF;
        }
        return (int) readSlow(pa, 2);
    }

    public int read32(long pa) {
        if (Long.compareUnsigned(pa, ramSize - 3) < 0) {
            return ram.get(LE32, pa);
        }
        return (int) readSlow(pa, 4);
    }

    public long read64(long pa) {
        if (Long.compareUnsigned(pa, ramSize - 7) < 0) {
            return ram.get(LE64, pa);
        }
        return readSlow(pa, 8);
    }

    public void write8(long pa, int value) {
        if (Long.compareUnsigned(pa, ramSize) < 0) {
            if (codePages[(int) (pa >>> PAGE_SHIFT)] != 0) {
                noteWrite(pa, 1);
            }
            ram.set(ValueLayout.JAVA_BYTE, pa, (byte) value);
        } else {
            writeSlow(pa, 1, value);
        }
    }

    public void write16(long pa, int value) {
        if (Long.compareUnsigned(pa, ramSize - 1) < 0) {
            noteWriteIfCode(pa, 2);
            ram.set(LE16, pa, (short) value);
        } else {
            writeSlow(pa, 2, value);
        }
    }

    public void write32(long pa, int value) {
        if (Long.compareUnsigned(pa, ramSize - 3) < 0) {
            noteWriteIfCode(pa, 4);
            ram.set(LE32, pa, value);
        } else {
            writeSlow(pa, 4, value);
        }
    }

    public void write64(long pa, long value) {
        if (Long.compareUnsigned(pa, ramSize - 7) < 0) {
            noteWriteIfCode(pa, 8);
            ram.set(LE64, pa, value);
        } else {
            writeSlow(pa, 8, value);
        }
    }

    private void noteWriteIfCode(long pa, int size) {
        if (codePages[(int) (pa >>> PAGE_SHIFT)] != 0 || codePages[(int) ((pa + size - 1) >>> PAGE_SHIFT)] != 0) {
            noteWrite(pa, size);
        }
    }

    /** Copies {@code length} bytes from guest physical memory into {@code dst}. */
    public void readBytes(long pa, byte[] dst, int off, int length) {
        if (isRam(pa, length)) {
            MemorySegment.copy(ram, ValueLayout.JAVA_BYTE, pa, dst, off, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            dst[off + i] = (byte) read8(pa + i);
        }
    }

    /** Copies {@code length} bytes of {@code src} into guest physical memory. */
    public void writeBytes(long pa, byte[] src, int off, int length) {
        if (isRam(pa, length)) {
            noteWrite(pa, Math.max(length, 1));
            MemorySegment.copy(src, off, ram, ValueLayout.JAVA_BYTE, pa, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            write8(pa + i, src[off + i]);
        }
    }

    /** Zeroes {@code [pa, pa+length)} of RAM. */
    public void fill(long pa, long length, byte value) {
        if (!isRam(pa, length)) {
            throw new IllegalArgumentException("fill outside RAM: 0x" + Long.toHexString(pa));
        }
        noteWrite(pa, (int) Math.min(Math.max(length, 1), Integer.MAX_VALUE));
        ram.asSlice(pa, length).fill(value);
    }

    // Byte-wise slow path: accesses that straddle RAM's end, mapped segments and MMIO.
    private long readSlow(long pa, int size) {
        Region r = find(pa);
        if (r != null && pa - r.base + size <= r.size) {
            long off = pa - r.base;
            if (r.mmio != null) {
                return r.mmio.read(off, size);
            }
            return switch (size) {
                case 1 -> r.segment.get(ValueLayout.JAVA_BYTE, off) & 0xFFL;
                case 2 -> r.segment.get(LE16, off) & 0xFFFFL;
                case 4 -> r.segment.get(LE32, off) & 0xFFFF_FFFFL;
                default -> r.segment.get(LE64, off);
            };
        }
        if (size == 1) {
            return 0xFF; // unmapped: the bus floats high
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) read8(pa + i) << (8 * i);
        }
        return v;
    }

    private void writeSlow(long pa, int size, long value) {
        Region r = find(pa);
        if (r != null && pa - r.base + size <= r.size) {
            long off = pa - r.base;
            if (r.mmio != null) {
                r.mmio.write(off, size, value);
                return;
            }
            switch (size) {
                case 1 -> r.segment.set(ValueLayout.JAVA_BYTE, off, (byte) value);
                case 2 -> r.segment.set(LE16, off, (short) value);
                case 4 -> r.segment.set(LE32, off, (int) value);
                default -> r.segment.set(LE64, off, value);
            }
            return;
        }
        if (size == 1) {
            return; // unmapped: dropped
        }
        for (int i = 0; i < size; i++) {
            write8(pa + i, (int) (value >>> (8 * i)));
        }
    }
}
