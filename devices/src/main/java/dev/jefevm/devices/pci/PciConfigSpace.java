package dev.jefevm.devices.pci;

/**
 * The 256-byte configuration space of one PCI function (PCI Local Bus 3.0, 6.1), stored little
 * endian, with two per-byte masks that give each bit its kind: bits in the writable mask take
 * what the guest writes, bits in the write-one-to-clear mask are cleared by writing 1 (the
 * error bits of the Status register, 6.2.3), and all other bits are read-only (IDs, class code,
 * header type, hardwired zeros). The device model itself sets any bit through the {@code init}
 * and {@code setBits} methods, which ignore the masks; {@code init} also records the power-on
 * value that {@link #reset()} restores (PCI 3.0, 6.1: RST# puts registers at their defaults).
 */
public final class PciConfigSpace {

    /** Size of the conventional configuration space in bytes (PCI 3.0, 6.1). */
    public static final int SIZE = 256;

    private final byte[] bytes = new byte[SIZE];
    private final byte[] powerOn = new byte[SIZE];
    private final byte[] writable = new byte[SIZE];
    private final byte[] writeOneToClear = new byte[SIZE];

    /**
     * Reads {@code size} bytes (1, 2 or 4) at {@code offset}, zero-extended. An access that runs
     * past the end of the space reads the missing bytes as zero.
     */
    public int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            if (at >= 0 && at < SIZE) {
                value |= (bytes[at] & 0xFF) << (8 * i);
            }
        }
        return value;
    }

    /**
     * A guest write of the low {@code size} bytes of {@code value} at {@code offset}: each byte
     * changes only in its writable bits and loses the write-one-to-clear bits written as 1.
     * Bytes past the end of the space are dropped.
     */
    public void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            if (at < 0 || at >= SIZE) {
                continue;
            }
            int in = (value >>> (8 * i)) & 0xFF;
            int old = bytes[at] & 0xFF;
            int mask = writable[at] & 0xFF;
            int merged = (old & ~mask) | (in & mask);
            merged &= ~(in & writeOneToClear[at] & 0xFF);
            bytes[at] = (byte) merged;
        }
    }

    /** Sets the power-on value and current value of a field, regardless of the masks (IDs, defaults). */
    public void init(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
            powerOn[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Device-side event: sets {@code bits} in the current value only, regardless of the masks. */
    public void setBits(int offset, int size, int bits) {
        int value = read(offset, size) | bits;
        for (int i = 0; i < size; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Returns every byte to its power-on value. */
    public void reset() {
        System.arraycopy(powerOn, 0, bytes, 0, SIZE);
    }

    /** A copy of the 256 current bytes, for saved state. */
    public byte[] snapshot() {
        return bytes.clone();
    }

    /** Replaces the current bytes with a {@link #snapshot()}; the masks are the model's own. */
    public void restore(byte[] saved) {
        System.arraycopy(saved, 0, bytes, 0, SIZE);
    }

    /** Makes {@code bits} of the {@code size}-byte field at {@code offset} guest-writable. */
    public void makeWritable(int offset, int size, int bits) {
        orMask(writable, offset, size, bits);
    }

    /** Makes {@code bits} of the {@code size}-byte field at {@code offset} write-one-to-clear. */
    public void makeWriteOneToClear(int offset, int size, int bits) {
        orMask(writeOneToClear, offset, size, bits);
    }

    private static void orMask(byte[] mask, int offset, int size, int bits) {
        for (int i = 0; i < size; i++) {
            mask[offset + i] |= (byte) (bits >>> (8 * i));
        }
    }
}
