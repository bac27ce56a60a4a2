package dev.jefevm.disk.ntfs;

/**
 * The two restart pages ("RSTR") at the start of $LogFile of a cleanly unmounted volume: log
 * version 1.1, 4 KiB system and log pages, a restart area flagged clean with one client record
 * ("NTFS") not in use, and no log records; the rest of the log is filled with 0xFF (empty).
 * NTFS documentation, "$LogFile" restart area.
 */
final class LogFileRestart {

    static final int PAGE = 4096;
    private static final int USA_OFFSET = 0x1E;
    private static final int AREA = 0x30;
    private static final int CLIENTS = 0x40;
    private static final int CLIENT_SIZE = 0xA0;
    private static final int NO_CLIENT = 0xFFFF;
    private static final int VOLUME_IS_CLEAN = 0x0002;

    private LogFileRestart() {
    }

    /** One protected restart page for a log of {@code logSize} bytes. */
    static byte[] page(long logSize) {
        byte[] b = new byte[PAGE];
        java.util.Arrays.fill(b, (byte) 0);
        Le.putAscii(b, 0, "RSTR");
        Fixups.initHeader(b, 0, USA_OFFSET, PAGE);
        Le.put32(b, 16, PAGE); // system page size
        Le.put32(b, 20, PAGE); // log page size
        Le.put16(b, 24, AREA);
        Le.put16(b, 26, 1); // minor version
        Le.put16(b, 28, 1); // major version
        int a = AREA;
        Le.put16(b, a + 8, 1); // log clients
        Le.put16(b, a + 10, NO_CLIENT); // free list
        Le.put16(b, a + 12, 0); // in-use list: client 0
        Le.put16(b, a + 14, VOLUME_IS_CLEAN);
        Le.put32(b, a + 16, 64 + 3 - (63 - Long.numberOfLeadingZeros(logSize))); // sequence number bits
        Le.put16(b, a + 20, CLIENTS + CLIENT_SIZE); // restart area length
        Le.put16(b, a + 22, CLIENTS); // client array offset
        Le.put64(b, a + 24, logSize);
        Le.put16(b, a + 36, 0x30); // log record header length
        Le.put16(b, a + 38, 0x40); // log page data offset
        int c = a + CLIENTS;
        Le.put16(b, c + 16, NO_CLIENT); // previous client
        Le.put16(b, c + 18, NO_CLIENT); // next client
        Le.put32(b, c + 28, 8); // name length in bytes
        Le.putUtf16(b, c + 32, "NTFS");
        Fixups.protect(b, 0, PAGE);
        return b;
    }
}
