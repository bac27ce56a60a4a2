package dev.jefevm.core.memory;

/**
 * One guest-physical range backed by RAM: {@code [base, base+size)}. A PC-style machine has at
 * most two, the RAM below the PCI hole (from address 0) and the rest remapped above 4 GiB.
 */
public record RamRange(long base, long size) {

    /** The first address past the range. */
    public long end() {
        return base + size;
    }

    /** True if {@code [pa, pa+length)} lies wholly inside this range. */
    public boolean contains(long pa, long length) {
        return pa >= base && length >= 0 && pa - base <= size - length;
    }
}
