package dev.jefevm.disk.ntfs;

/**
 * The $UpCase table: for each of the 65536 UTF-16 code units, its upper-case form, used to look
 * names up case-insensitively and to order directory indexes (the file name collation compares
 * upcased code units). The table we write is generated from {@code Character.toUpperCase(char)}
 * (Unicode simple case mapping of the running JDK); a mounted volume's own table is used for
 * its lookups and ordering, as NTFS requires.
 */
final class UpcaseTable {

    static final int BYTES = 65536 * 2;

    private final char[] upper;

    private UpcaseTable(char[] upper) {
        this.upper = upper;
    }

    static UpcaseTable generated() {
        char[] t = new char[65536];
        for (int c = 0; c < 65536; c++) {
            t[c] = Character.toUpperCase((char) c);
        }
        return new UpcaseTable(t);
    }

    static UpcaseTable fromBytes(byte[] b) {
        char[] t = new char[65536];
        for (int c = 0; c < 65536; c++) {
            t[c] = (char) Le.u16(b, 2 * c);
        }
        return new UpcaseTable(t);
    }

    byte[] toBytes() {
        byte[] b = new byte[BYTES];
        for (int c = 0; c < 65536; c++) {
            Le.put16(b, 2 * c, upper[c]);
        }
        return b;
    }

    /** NTFS file name collation: upcased code units compared as unsigned numbers, then length. */
    int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int ca = upper[a.charAt(i)];
            int cb = upper[b.charAt(i)];
            if (ca != cb) {
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    boolean equalsIgnoreCase(String a, String b) {
        return a.length() == b.length() && compare(a, b) == 0;
    }
}
