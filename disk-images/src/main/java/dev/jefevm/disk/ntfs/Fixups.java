package dev.jefevm.disk.ntfs;

/**
 * Update sequence arrays ("fixups") of multi-sector structures (FILE records, INDX blocks, RSTR
 * pages). Before writing, the last two bytes of every 512-byte sector are saved in the array and
 * replaced by the update sequence number; after reading they must all equal that number (a torn
 * write shows up as a mismatch) and are put back. NTFS documentation, "Fixup" / "Update sequence".
 */
final class Fixups {

    static final int STRIDE = 512;

    private Fixups() {
    }

    /** Writes the header fields for a structure of {@code size} bytes whose array sits at {@code usaOffset}. */
    static void initHeader(byte[] b, int off, int usaOffset, int size) {
        Le.put16(b, off + 4, usaOffset);
        Le.put16(b, off + 6, size / STRIDE + 1);
    }

    /** Increments the sequence number and protects every sector of {@code b[off..off+size)}. */
    static void protect(byte[] b, int off, int size) {
        int usaOffset = Le.u16(b, off + 4);
        int count = Le.u16(b, off + 6);
        int usn = Le.u16(b, off + usaOffset) + 1;
        if (usn == 0 || usn == 0xFFFF) {
            usn = 1; // 0 and 0xFFFF are never used as sequence numbers
        }
        Le.put16(b, off + usaOffset, usn);
        for (int i = 1; i < count && i * STRIDE <= size; i++) {
            int end = off + i * STRIDE - 2;
            b[off + usaOffset + 2 * i] = b[end];
            b[off + usaOffset + 2 * i + 1] = b[end + 1];
            Le.put16(b, end, usn);
        }
    }

    /**
     * Checks and removes the protection of {@code b[off..off+size)}; {@code what} names the
     * structure in the error message.
     */
    static void unprotect(byte[] b, int off, int size, String what) throws NtfsException {
        int usaOffset = Le.u16(b, off + 4);
        int count = Le.u16(b, off + 6);
        if (count != size / STRIDE + 1 || usaOffset < 8 || (usaOffset & 1) != 0 || usaOffset + 2 * count > STRIDE - 2) {
            throw new NtfsException(what + ": bad update sequence array (offset " + usaOffset + ", count " + count + ")");
        }
        int usn = Le.u16(b, off + usaOffset);
        for (int i = 1; i < count; i++) {
            int end = off + i * STRIDE - 2;
            if (Le.u16(b, end) != usn) {
                throw new NtfsException(what + ": fixup mismatch in sector " + (i - 1) + " (torn or corrupt write)");
            }
            b[end] = b[off + usaOffset + 2 * i];
            b[end + 1] = b[off + usaOffset + 2 * i + 1];
        }
    }
}
