package dev.jefevm.devices.bus;

/**
 * A device as the I/O port bus sees it: reads and writes at an offset into the port range the
 * board gave it. A device never knows its own port numbers (the board owns the port map), so the
 * same model serves COM1 at 0x3F8 and COM2 at 0x2F8. Accesses of unexpected offsets or widths are
 * the device's to ignore (count and log at debug), never to throw.
 */
public interface IoPortDevice {

    /** IN of {@code size} bytes (1, 2 or 4) at {@code offset}; the value is zero-extended. */
    int read(int offset, int size);

    /** OUT of the low {@code size} bytes (1, 2 or 4) of {@code value} at {@code offset}. */
    void write(int offset, int size, int value);
}
