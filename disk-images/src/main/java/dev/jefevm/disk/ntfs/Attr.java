package dev.jefevm.disk.ntfs;

/** Attribute type codes of NTFS 3.1 (NTFS documentation, "Attribute types"). */
final class Attr {

    static final int STANDARD_INFORMATION = 0x10;
    static final int ATTRIBUTE_LIST = 0x20;
    static final int FILE_NAME = 0x30;
    static final int VOLUME_NAME = 0x60;
    static final int VOLUME_INFORMATION = 0x70;
    static final int DATA = 0x80;
    static final int INDEX_ROOT = 0x90;
    static final int INDEX_ALLOCATION = 0xA0;
    static final int BITMAP = 0xB0;

    static final String I30 = "$I30";

    private Attr() {
    }

    /** A $STANDARD_INFORMATION value (NTFS 3.x, 72 bytes) with all four times set to {@code ntTime}. */
    static byte[] standardInformation(long ntTime, int fileAttributes, int securityId) {
        byte[] v = new byte[72];
        for (int i = 0; i < 4; i++) {
            Le.put64(v, 8 * i, ntTime);
        }
        Le.put32(v, 32, fileAttributes);
        Le.put32(v, 52, securityId);
        return v;
    }
}
