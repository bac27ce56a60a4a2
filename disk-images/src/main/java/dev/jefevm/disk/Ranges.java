package dev.jefevm.disk;

/**
 * Checks the preconditions every {@link BlockDevice} method shares: a byte range that lies
 * inside the disk and inside the caller's array, and for a write, a device open for writing. A
 * range violation is a bug in the caller (the device model validates guest LBAs first), so it is
 * an unchecked exception; a write to a read-only image is the user's choice of mode, so it is a
 * {@link DiskImageException} naming the image.
 */
public final class Ranges {

    private Ranges() {
    }

    /** Throws IllegalArgumentException unless {@code [offset, offset+length)} lies in {@code [0, size)} and in the array. */
    public static void check(long offset, int length, long size, byte[] array, int arrayOffset) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside a disk of " + size + " bytes");
        }
        if (arrayOffset < 0 || arrayOffset > array.length - length) {
            throw new IllegalArgumentException("array range " + arrayOffset + "+" + length + " outside " + array.length);
        }
    }

    /** As {@link #check}, and refuses the write if the image {@code name} is open read-only. */
    public static void checkWrite(long offset, int length, long size, byte[] array, int arrayOffset,
            boolean readOnly, String name) throws DiskImageException {
        check(offset, length, size, array, arrayOffset);
        if (readOnly) {
            throw new DiskImageException(name + ": image is open read-only");
        }
    }
}
