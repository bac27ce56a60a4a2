package dev.jefevm.disk.ntfs;

/**
 * The $FILE_NAME attribute value, also the key of directory index entries: parent directory
 * reference, four timestamps, allocated and data sizes, file attribute flags, and the name in
 * UTF-16 with its namespace. NTFS documentation, "$FILE_NAME (0x30)".
 */
final class FileName {

    static final int NS_POSIX = 0;
    static final int NS_WIN32 = 1;
    static final int NS_DOS = 2;
    static final int NS_WIN32_AND_DOS = 3;

    static final int ATTR_READONLY = 0x01;
    static final int ATTR_HIDDEN = 0x02;
    static final int ATTR_SYSTEM = 0x04;
    static final int ATTR_ARCHIVE = 0x20;
    /** Set on directories in $FILE_NAME: the file has an $I30 index. */
    static final int ATTR_DIRECTORY_INDEX = 0x1000_0000;
    static final int ATTR_VIEW_INDEX = 0x2000_0000;

    private FileName() {
    }

    static byte[] build(long parentRef, long ntTime, long allocated, long size, int attributes, String name, int namespace) {
        byte[] v = new byte[66 + 2 * name.length()];
        Le.put64(v, 0, parentRef);
        for (int i = 0; i < 4; i++) {
            Le.put64(v, 8 + 8 * i, ntTime);
        }
        Le.put64(v, 40, allocated);
        Le.put64(v, 48, size);
        Le.put32(v, 56, attributes);
        v[64] = (byte) name.length();
        v[65] = (byte) namespace;
        Le.putUtf16(v, 66, name);
        return v;
    }

    static void validate(byte[] v, String what) throws NtfsException {
        if (v.length < 66 || v.length < 66 + 2 * Le.u8(v, 64) || Le.u8(v, 64) == 0) {
            throw new NtfsException(what + ": malformed $FILE_NAME");
        }
    }

    static String name(byte[] v) {
        return Le.utf16(v, 66, Le.u8(v, 64));
    }

    static int namespace(byte[] v) {
        return Le.u8(v, 65);
    }

    static long parent(byte[] v) {
        return Le.i64(v, 0);
    }

    static void setSizes(byte[] v, long allocated, long size) {
        Le.put64(v, 40, allocated);
        Le.put64(v, 48, size);
    }

    static void setTimes(byte[] v, long modified) {
        Le.put64(v, 16, modified);
        Le.put64(v, 24, modified);
        Le.put64(v, 32, modified);
    }
}
