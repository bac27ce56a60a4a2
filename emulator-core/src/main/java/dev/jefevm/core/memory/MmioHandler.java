package dev.jefevm.core.memory;

/**
 * A device region in the physical address space that is not RAM. The handler sees only the
 * offset into its region, never its absolute address (the board owns the address map).
 */
public interface MmioHandler {

    /** Reads {@code size} (1, 2, 4 or 8) bytes at {@code offset}, little-endian, zero-extended. */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset}. */
    void write(long offset, int size, long value);
}
