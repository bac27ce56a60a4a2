package dev.jefevm.devices.pci;

/**
 * What one Base Address Register decodes (PCI Local Bus 3.0, 6.2.5.1): an I/O range, or a
 * memory range with a 32- or 64-bit address (a 64-bit BAR also takes the next register for the
 * high dword) and a prefetchable flag. The size is a power of two, at least 4 bytes for I/O and
 * 16 bytes for memory, because the low bits of the register hold its kind and read as zero in
 * the address; the guest finds the size by writing all ones and reading the mask back.
 *
 * @param kind          I/O, 32-bit memory or 64-bit memory
 * @param size          bytes decoded, a power of two
 * @param prefetchable  memory only: reads have no side effects (bit 3)
 */
public record PciBar(Kind kind, long size, boolean prefetchable) {

    /** The address space and width of a BAR (bit 0 and bits 2:1 of the register). */
    public enum Kind { IO, MEMORY_32, MEMORY_64 }

    /** Bit 0: the BAR decodes I/O space. */
    static final int IO_SPACE = 0x1;
    /** Bits 2:1 = 10b: the memory BAR is 64 bits wide and continues in the next register. */
    static final int MEMORY_TYPE_64 = 0x4;
    /** Bit 3: prefetchable memory. */
    static final int PREFETCHABLE = 0x8;

    public PciBar {
        long minimum = kind == Kind.IO ? 4 : 16;
        long maximum = kind == Kind.MEMORY_64 ? 1L << 62 : kind == Kind.IO ? 1L << 16 : 1L << 31;
        if (size < minimum || size > maximum || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException(kind + " BAR size " + size + " is not a power of two in ["
                    + minimum + ", " + maximum + "]");
        }
        if (prefetchable && kind == Kind.IO) {
            throw new IllegalArgumentException("an I/O BAR cannot be prefetchable");
        }
    }

    /** An I/O BAR of {@code size} bytes (4..65536). */
    public static PciBar io(int size) {
        return new PciBar(Kind.IO, size, false);
    }

    /** A 32-bit memory BAR (below 4 GiB). */
    public static PciBar memory32(long size, boolean prefetchable) {
        return new PciBar(Kind.MEMORY_32, size, prefetchable);
    }

    /** A 64-bit memory BAR, which also uses the following register. */
    public static PciBar memory64(long size, boolean prefetchable) {
        return new PciBar(Kind.MEMORY_64, size, prefetchable);
    }

    /** Registers this BAR occupies: 2 for a 64-bit memory BAR, otherwise 1. */
    public int registerCount() {
        return kind == Kind.MEMORY_64 ? 2 : 1;
    }

    /** The read-only low bits of the (low) register: space, type and prefetchable flags. */
    int flagBits() {
        return switch (kind) {
            case IO -> IO_SPACE;
            case MEMORY_32 -> prefetchable ? PREFETCHABLE : 0;
            case MEMORY_64 -> MEMORY_TYPE_64 | (prefetchable ? PREFETCHABLE : 0);
        };
    }

    /** Address bits the guest may write, over the whole 32- or 64-bit BAR. */
    long addressMask() {
        long width = kind == Kind.MEMORY_64 ? -1L : 0xFFFF_FFFFL;
        return ~(size - 1) & width;
    }

    /** True for the memory kinds, which the Memory Space enable controls. */
    boolean isMemory() {
        return kind != Kind.IO;
    }
}
