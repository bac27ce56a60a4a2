package dev.jefevm.disk.ntfs;

/**
 * The contents of $Secure for a new volume: one self-relative security descriptor (owner and
 * group BUILTIN\Administrators, a DACL granting Everyone full control, inherited by files and
 * folders) with id 0x100, shared by every file. It is stored in the $SDS stream twice (the
 * second copy 256 KiB further, as NTFS mirrors each 256 KiB chunk) and indexed by id in $SII
 * and by hash in $SDH. NTFS documentation, "$Secure" and "Security descriptor".
 */
final class SecureFile {

    static final int DEFAULT_ID = 0x100;
    static final int SDS_MIRROR = 0x40000;
    static final int COLLATION_ULONG = 0x10;
    static final int COLLATION_SID = 0x11;
    static final int COLLATION_SECURITY_HASH = 0x12;
    static final int COLLATION_ULONGS = 0x13;

    private static final int SDS_HEADER = 20;

    private SecureFile() {
    }

    static byte[] descriptor() {
        byte[] sd = new byte[80];
        sd[0] = 1; // revision
        Le.put16(sd, 2, 0x8004); // SE_SELF_RELATIVE | SE_DACL_PRESENT
        Le.put32(sd, 4, 48); // owner
        Le.put32(sd, 8, 64); // group
        Le.put32(sd, 16, 20); // DACL
        sd[20] = 2; // ACL revision
        Le.put16(sd, 22, 28); // ACL size
        Le.put16(sd, 24, 1); // one ACE
        sd[28] = 0; // ACCESS_ALLOWED_ACE_TYPE
        sd[29] = 0x03; // OBJECT_INHERIT | CONTAINER_INHERIT
        Le.put16(sd, 30, 20);
        Le.put32(sd, 32, 0x001F01FFL); // FILE_ALL_ACCESS
        sid(sd, 36, 1, 0); // S-1-1-0 Everyone
        sid(sd, 48, 5, 32, 544); // S-1-5-32-544 Administrators
        sid(sd, 64, 5, 32, 544);
        return sd;
    }

    private static void sid(byte[] b, int off, int authority, int... subAuthorities) {
        b[off] = 1;
        b[off + 1] = (byte) subAuthorities.length;
        b[off + 7] = (byte) authority; // 48-bit big-endian identifier authority
        for (int i = 0; i < subAuthorities.length; i++) {
            Le.put32(b, off + 8 + 4 * i, subAuthorities[i]);
        }
    }

    /** The hash NTFS keys $SDH with: over each 32-bit word, rotate left by 3 and add. */
    static int hash(byte[] sd) {
        int h = 0;
        for (int i = 0; i + 4 <= sd.length; i += 4) {
            h = Integer.rotateLeft(h, 3) + Le.i32(sd, i);
        }
        return h;
    }

    private static byte[] sdsHeader() {
        byte[] sd = descriptor();
        byte[] h = new byte[SDS_HEADER];
        Le.put32(h, 0, hash(sd));
        Le.put32(h, 4, DEFAULT_ID);
        Le.put64(h, 8, 0);
        Le.put32(h, 16, SDS_HEADER + sd.length);
        return h;
    }

    /** The $SDS stream: the entry at 0 and its mirror at 256 KiB. */
    static byte[] sds() {
        byte[] sd = descriptor();
        byte[] entry = new byte[SDS_HEADER + sd.length];
        System.arraycopy(sdsHeader(), 0, entry, 0, SDS_HEADER);
        System.arraycopy(sd, 0, entry, SDS_HEADER, sd.length);
        byte[] s = new byte[SDS_MIRROR + entry.length];
        System.arraycopy(entry, 0, s, 0, entry.length);
        System.arraycopy(entry, 0, s, SDS_MIRROR, entry.length);
        return s;
    }

    /** $SII root entries: key = security id, data = the $SDS header. */
    static byte[] siiEntries() {
        byte[] e = new byte[40 + 16];
        Le.put16(e, 0, 20); // data offset
        Le.put16(e, 2, SDS_HEADER);
        Le.put16(e, 8, 40);
        Le.put16(e, 10, 4);
        Le.put32(e, 16, DEFAULT_ID);
        System.arraycopy(sdsHeader(), 0, e, 20, SDS_HEADER);
        endEntry(e, 40);
        return e;
    }

    /** $SDH root entries: key = (hash, id), data = the $SDS header, padded with "II" as Windows does. */
    static byte[] sdhEntries() {
        byte[] e = new byte[48 + 16];
        byte[] h = sdsHeader();
        Le.put16(e, 0, 24);
        Le.put16(e, 2, SDS_HEADER);
        Le.put16(e, 8, 48);
        Le.put16(e, 10, 8);
        System.arraycopy(h, 0, e, 16, 8);
        System.arraycopy(h, 0, e, 24, SDS_HEADER);
        Le.putUtf16(e, 44, "II");
        endEntry(e, 48);
        return e;
    }

    static byte[] emptyEntries() {
        byte[] e = new byte[16];
        endEntry(e, 0);
        return e;
    }

    private static void endEntry(byte[] e, int p) {
        Le.put16(e, p + 8, 16);
        Le.put16(e, p + 12, 2);
    }
}
