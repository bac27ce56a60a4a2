package dev.jefevm.disk.ntfs;

/** Little-endian field access on byte arrays: every NTFS structure is little-endian. */
final class Le {

    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xFFFF_FFFFL) | (long) i32(b, off + 4) << 32;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void put64(byte[] b, int off, long v) {
        put32(b, off, v);
        put32(b, off + 4, v >>> 32);
    }

    static void putAscii(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            b[off + i] = (byte) s.charAt(i);
        }
    }

    static boolean hasMagic(byte[] b, int off, String magic) {
        for (int i = 0; i < 4; i++) {
            if (b[off + i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static void putUtf16(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            put16(b, off + 2 * i, s.charAt(i));
        }
    }

    static String utf16(byte[] b, int off, int chars) {
        char[] c = new char[chars];
        for (int i = 0; i < chars; i++) {
            c[i] = (char) u16(b, off + 2 * i);
        }
        return new String(c);
    }

    static int align8(int v) {
        return (v + 7) & ~7;
    }
}
