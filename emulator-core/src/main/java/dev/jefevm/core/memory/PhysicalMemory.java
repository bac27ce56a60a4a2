package dev.jefevm.core.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's physical address space. RAM is one off-heap, page-aligned {@link MemorySegment},
 * so every CPU back end shares the very same bytes, and it appears at up to two guest-physical
 * ranges as on a PC: low RAM from address 0 up to the board's low-RAM limit, and the remainder
 * (if any) from {@link #HIGH_RAM_BASE} (4 GiB) up. The gap between them is the PCI hole, where
 * the board maps further segments (a framebuffer) and MMIO handlers. Reads of unmapped
 * addresses return all ones and writes to them are dropped, as on a PC bus.
 *
 * <p>Pages that hold decoded code are marked; a write to a marked page unmarks it and tells the
 * {@link CodeWriteListener}, which is how self-modifying code invalidates cached blocks. Per-page
 * state is indexed by guest frame number: {@link #frameLimit()} bounds every RAM frame, and the
 * frames of the hole in between (at most 1 M of them) are simply never RAM.
 */
public final class PhysicalMemory {

    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Where RAM above the PCI hole starts (the PC's "remapped" RAM, as on i440FX/Q35 boards). */
    public static final long HIGH_RAM_BASE = 1L << 32;

    private final MemorySegment ram;
    private final boolean mapped;
    private final long ramSize;
    /** RAM at [0, lowSize) is segment offset [0, lowSize). */
    private final long lowSize;
    /** RAM at [HIGH_RAM_BASE, HIGH_RAM_BASE + highSize) is segment offset [lowSize, ramSize). */
    private final long highSize;
    /** Guest address minus segment offset for high RAM. */
    private final long highDelta;
    // Largest offset past HIGH_RAM_BASE (exclusive) at which an access of 2, 4 or 8 bytes stays in high RAM.
    private final long highLimit2;
    private final long highLimit4;
    private final long highLimit8;
    private final List<RamRange> ramRanges;
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

    /** Allocates {@code ramSize} bytes of zeroed RAM (a multiple of 4 KiB) as one block at address 0. */
    public PhysicalMemory(long ramSize) {
        this(ramSize, ramSize);
    }

    /**
     * Allocates {@code ramSize} bytes of zeroed RAM (a multiple of 4 KiB): at most
     * {@code lowRamLimit} bytes of it from address 0, the rest from {@link #HIGH_RAM_BASE}.
     *
     * @param lowRamLimit where the board's PCI hole starts; a multiple of 4 KiB, at most 4 GiB
     *                    unless all of RAM fits below it
     */
    public PhysicalMemory(long ramSize, long lowRamLimit) {
        if (ramSize <= 0 || (ramSize & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + ramSize);
        }
        if (lowRamLimit <= 0 || (lowRamLimit & (PAGE_SIZE - 1)) != 0
                || (lowRamLimit < ramSize && lowRamLimit > HIGH_RAM_BASE)) {
            throw new IllegalArgumentException("low RAM limit must be a positive multiple of 4 KiB up to 4 GiB: 0x"
                    + Long.toHexString(lowRamLimit));
        }
        this.ramSize = ramSize;
        this.lowSize = Math.min(ramSize, lowRamLimit);
        this.highSize = ramSize - lowSize;
        if (highSize > Long.MAX_VALUE - HIGH_RAM_BASE || ((HIGH_RAM_BASE + highSize) >>> PAGE_SHIFT) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RAM size too large: 0x" + Long.toHexString(ramSize));
        }
        this.highDelta = HIGH_RAM_BASE - lowSize;
        this.highLimit2 = Math.max(0, highSize - 1);
        this.highLimit4 = Math.max(0, highSize - 3);
        this.highLimit8 = Math.max(0, highSize - 7);
        this.ramRanges = highSize == 0 ? List.of(new RamRange(0, lowSize))
                : List.of(new RamRange(0, lowSize), new RamRange(HIGH_RAM_BASE, highSize));
        // Freed when the machine becomes unreachable (tests make many machines).
        RamAllocator.Block block = RamAllocator.allocate(ramSize, PAGE_SIZE);
        this.ram = block.segment();
        this.mapped = block.mapped();
        this.codePages = new byte[frameLimit()];
    }

    /**
     * The RAM segment itself: low RAM at offset 0, then high RAM (guest address
     * {@link #HIGH_RAM_BASE} is offset {@code ramRanges().getFirst().size()}).
     */
    public MemorySegment ram() {
        return ram;
    }

    /** Bytes of RAM from guest address 0 (below the hole): RAM offset = guest address there. */
    public long lowRamSize() {
        return lowSize;
    }

    /**
     * The code-page map, nonzero for a page frame that holds translated code (a write to it must
     * go through {@link #write64} and its kin so translations are invalidated): for compiled
     * code's fast path, which stores directly into {@link #ram()} only where this is zero.
     */
    public byte[] codePageMap() {
        return codePages;
    }

    /** Total RAM in bytes, below and above the hole. */
    public long ramSize() {
        return ramSize;
    }

    /** The guest-physical RAM ranges in address order: low RAM, then high RAM if there is any. */
    public List<RamRange> ramRanges() {
        return ramRanges;
    }

    /**
     * One past the highest RAM frame number: an array of this length indexed by frame number
     * covers every RAM page (and the hole's frames, which {@link #isRamFrame} rejects).
     */
    public int frameLimit() {
        return (int) ((highSize == 0 ? lowSize : HIGH_RAM_BASE + highSize) >>> PAGE_SHIFT);
    }

    /** True if page frame {@code frame} is RAM (below the hole or above 4 GiB). */
    public boolean isRamFrame(long frame) {
        return Long.compareUnsigned(frame, lowSize >>> PAGE_SHIFT) < 0
                || Long.compareUnsigned(frame - (HIGH_RAM_BASE >>> PAGE_SHIFT), highSize >>> PAGE_SHIFT) < 0;
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
        for (RamRange ramRange : ramRanges) {
            if (Long.compareUnsigned(r.base, ramRange.end()) < 0 && Long.compareUnsigned(ramRange.base(), r.base + r.size) < 0) {
                throw new IllegalArgumentException(r.name + " at 0x" + Long.toHexString(r.base) + " overlaps RAM");
            }
        }
        for (Region o : regions) {
            if (r.base < o.base + o.size && o.base < r.base + r.size) {
                throw new IllegalArgumentException(r.name + " overlaps " + o.name);
            }
        }
        regions.add(r);
        regionArray = regions.toArray(Region[]::new);
    }

    /** True if {@code [pa, pa+size)} lies wholly in one RAM range. */
    public boolean isRam(long pa, long size) {
        return pa >= 0 && size >= 0 && (pa <= lowSize - size
                || (pa >= HIGH_RAM_BASE && pa - HIGH_RAM_BASE <= highSize - size));
    }

    /** Offset in {@link #ram()} of RAM address {@code pa} (which must be RAM). */
    private long ramOffset(long pa) {
        return pa < lowSize ? pa : pa - highDelta;
    }

    /** A plain-memory view of {@code [pa, pa+size)} if it lies in RAM or one mapped segment, else null. */
    public MemorySegment directView(long pa, long size) {
        if (isRam(pa, size)) {
            return ram.asSlice(ramOffset(pa), size);
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

    /** Marks RAM page {@code pageFrame} as holding decoded code (other frames are ignored). */
    public void markCodePage(long pageFrame) {
        if (isRamFrame(pageFrame)) {
            codePages[(int) pageFrame] = 1;
        }
    }

    /** True if RAM page {@code pageFrame} holds decoded code (its writes must go through here). */
    public boolean isCodePage(long pageFrame) {
        return pageFrame >= 0 && pageFrame < codePages.length && codePages[(int) pageFrame] != 0;
    }

    private void noteWrite(long pa, long size) {
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

    // Each accessor tries low RAM first (one unsigned compare), then high RAM (one more), then
    // the slow path. An access straddling the end of a RAM range takes the byte-wise slow path.

    public int read8(long pa) {
        if (Long.compareUnsigned(pa, lowSize) < 0) {
            return ram.get(ValueLayout.JAVA_BYTE, pa) & 0xFF;
        }
        if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highSize) < 0) {
            return ram.get(ValueLayout.JAVA_BYTE, pa - highDelta) & 0xFF;
        }
        return (int) readSlow(pa, 1);
    }

    public int read16(long pa) {
        if (Long.compareUnsigned(pa, lowSize - 1) < 0) {
            return ram.get(LE16, pa) & 0xFFFF;
        }
        if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit2) < 0) {
            return ram.get(LE16, pa - highDelta) & 0xFFFF;
        }
        return (int) readSlow(pa, 2);
    }

    public int read32(long pa) {
        if (Long.compareUnsigned(pa, lowSize - 3) < 0) {
            return ram.get(LE32, pa);
        }
        if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit4) < 0) {
            return ram.get(LE32, pa - highDelta);
        }
        return (int) readSlow(pa, 4);
    }

    public long read64(long pa) {
        if (Long.compareUnsigned(pa, lowSize - 7) < 0) {
            return ram.get(LE64, pa);
        }
        if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit8) < 0) {
            return ram.get(LE64, pa - highDelta);
        }
        return readSlow(pa, 8);
    }

    public void write8(long pa, int value) {
        long off;
        if (Long.compareUnsigned(pa, lowSize) < 0) {
            off = pa;
        } else if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highSize) < 0) {
            off = pa - highDelta;
        } else {
            writeSlow(pa, 1, value);
            return;
        }
        if (codePages[(int) (pa >>> PAGE_SHIFT)] != 0) {
            noteWrite(pa, 1);
        }
        ram.set(ValueLayout.JAVA_BYTE, off, (byte) value);
    }

    public void write16(long pa, int value) {
        long off;
        if (Long.compareUnsigned(pa, lowSize - 1) < 0) {
            off = pa;
        } else if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit2) < 0) {
            off = pa - highDelta;
        } else {
            writeSlow(pa, 2, value);
            return;
        }
        noteWriteIfCode(pa, 2);
        ram.set(LE16, off, (short) value);
    }

    public void write32(long pa, int value) {
        long off;
        if (Long.compareUnsigned(pa, lowSize - 3) < 0) {
            off = pa;
        } else if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit4) < 0) {
            off = pa - highDelta;
        } else {
            writeSlow(pa, 4, value);
            return;
        }
        noteWriteIfCode(pa, 4);
        ram.set(LE32, off, value);
    }

    public void write64(long pa, long value) {
        long off;
        if (Long.compareUnsigned(pa, lowSize - 7) < 0) {
            off = pa;
        } else if (Long.compareUnsigned(pa - HIGH_RAM_BASE, highLimit8) < 0) {
            off = pa - highDelta;
        } else {
            writeSlow(pa, 8, value);
            return;
        }
        noteWriteIfCode(pa, 8);
        ram.set(LE64, off, value);
    }

    private void noteWriteIfCode(long pa, int size) {
        if (codePages[(int) (pa >>> PAGE_SHIFT)] != 0 || codePages[(int) ((pa + size - 1) >>> PAGE_SHIFT)] != 0) {
            noteWrite(pa, size);
        }
    }

    /** Copies {@code length} bytes from guest physical memory into {@code dst}. */
    public void readBytes(long pa, byte[] dst, int off, int length) {
        if (isRam(pa, length)) {
            MemorySegment.copy(ram, ValueLayout.JAVA_BYTE, ramOffset(pa), dst, off, length);
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
            MemorySegment.copy(src, off, ram, ValueLayout.JAVA_BYTE, ramOffset(pa), length);
            return;
        }
        for (int i = 0; i < length; i++) {
            write8(pa + i, src[off + i]);
        }
    }

    /** Sets {@code [pa, pa+length)}, which must lie in one RAM range, to {@code value}. */
    public void fill(long pa, long length, byte value) {
        if (!isRam(pa, length)) {
            throw new IllegalArgumentException("fill outside RAM: 0x" + Long.toHexString(pa));
        }
        noteWrite(pa, Math.max(length, 1));
        ram.asSlice(ramOffset(pa), length).fill(value);
    }

    /**
     * Zeroes all of RAM, as at power-on. Mapped RAM is handed back to the host kernel rather than
     * written, so clearing a large, mostly untouched guest costs nothing.
     */
    public void clear() {
        for (RamRange r : ramRanges) {
            noteWrite(r.base(), r.size());
        }
        RamAllocator.zero(ram, mapped);
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
