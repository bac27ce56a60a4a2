package dev.jefevm.disk.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * One 1 KiB FILE record of the MFT, held without its fixups: the header (sequence number, link
 * count, flags, used size, base record) and its attributes, sorted by type then name, ending
 * with 0xFFFFFFFF. Parsing checks every length and offset so that walking a corrupt record can
 * never run outside it. NTFS documentation, "FILE record" and "Attribute header".
 */
final class MftRecord {

    static final int SIZE = 1024;
    static final int FLAG_IN_USE = 0x01;
    static final int FLAG_DIRECTORY = 0x02;
    static final int FLAG_IS_4 = 0x04;
    static final int FLAG_VIEW_INDEX = 0x08;

    private static final int USA_OFFSET = 0x30;
    private static final int FIRST_ATTRIBUTE = 0x38;
    private static final int END_MARKER_BYTES = 8;

    final long number;
    final byte[] data;

    private MftRecord(long number, byte[] data) {
        this.number = number;
        this.data = data;
    }

    /** A fresh record with no attributes. */
    static MftRecord create(long number, int sequence, int flags) {
        byte[] b = new byte[SIZE];
        Le.putAscii(b, 0, "FILE");
        Fixups.initHeader(b, 0, USA_OFFSET, SIZE);
        Le.put16(b, USA_OFFSET, 0);
        Le.put16(b, 16, sequence);
        Le.put16(b, 20, FIRST_ATTRIBUTE);
        Le.put16(b, 22, flags);
        Le.put32(b, 28, SIZE);
        Le.put32(b, 44, number);
        Le.put32(b, FIRST_ATTRIBUTE, 0xFFFF_FFFFL);
        Le.put32(b, 24, FIRST_ATTRIBUTE + END_MARKER_BYTES);
        return new MftRecord(number, b);
    }

    /** Validates and unprotects a record read from disk ({@code raw} is not modified). */
    static MftRecord parse(long number, byte[] raw) throws NtfsException {
        byte[] b = raw.clone();
        String what = "MFT record " + number;
        if (!Le.hasMagic(b, 0, "FILE")) {
            throw new NtfsException(what + ": bad magic (not a FILE record)");
        }
        Fixups.unprotect(b, 0, SIZE, what);
        int first = Le.u16(b, 20);
        long used = Le.u32(b, 24);
        if (Le.u32(b, 28) != SIZE || used > SIZE || used < first + 4 || first < 0x30 || (first & 7) != 0) {
            throw new NtfsException(what + ": bad header sizes");
        }
        MftRecord r = new MftRecord(number, b);
        int p = first;
        int count = 0;
        while (Le.u32(b, p) != 0xFFFF_FFFFL) {
            long len = Le.u32(b, p + 4);
            if (len < 24 || (len & 7) != 0 || p + len > used - 4 || ++count > 100) {
                throw new NtfsException(what + ": attribute at offset " + p + " has a bad length");
            }
            int nameLen = Le.u8(b, p + 9);
            int nameOff = Le.u16(b, p + 10);
            boolean nonResident = b[p + 8] != 0;
            if (nameLen > 0 && nameOff + 2 * nameLen > len) {
                throw new NtfsException(what + ": attribute name outside the attribute");
            }
            if (nonResident) {
                int mp = Le.u16(b, p + 32);
                if (len < 64 || mp < 64 || mp >= len || Le.i64(b, p + 16) < 0 || Le.i64(b, p + 24) < Le.i64(b, p + 16) - 1
                        || Le.i64(b, p + 48) < 0 || Le.i64(b, p + 40) < 0 || Le.i64(b, p + 56) < 0) {
                    throw new NtfsException(what + ": non-resident attribute with bad fields");
                }
            } else {
                long vlen = Le.u32(b, p + 16);
                int voff = Le.u16(b, p + 20);
                if (voff + vlen > len) {
                    throw new NtfsException(what + ": resident value outside its attribute");
                }
            }
            p += (int) len;
        }
        return r;
    }

    /** The record's bytes with fixups applied, ready to write. */
    byte[] toDisk() {
        byte[] out = data.clone();
        Fixups.protect(out, 0, SIZE);
        Le.put16(data, USA_OFFSET, Le.u16(out, USA_OFFSET)); // remember the sequence number for the next write
        return out;
    }

    int sequence() {
        return Le.u16(data, 16);
    }

    void setSequence(int seq) {
        Le.put16(data, 16, seq);
    }

    int flags() {
        return Le.u16(data, 22);
    }

    void setFlags(int flags) {
        Le.put16(data, 22, flags);
    }

    boolean inUse() {
        return (flags() & FLAG_IN_USE) != 0;
    }

    boolean isDirectory() {
        return (flags() & FLAG_DIRECTORY) != 0;
    }

    int linkCount() {
        return Le.u16(data, 18);
    }

    void setLinkCount(int n) {
        Le.put16(data, 18, n);
    }

    long baseRecord() {
        return Le.i64(data, 32) & 0xFFFF_FFFF_FFFFL;
    }

    /** The file reference of this record: number and sequence (NTFS documentation, "File reference"). */
    long reference() {
        return number | (long) sequence() << 48;
    }

    int used() {
        return (int) Le.u32(data, 24);
    }

    int freeSpace() {
        return SIZE - used();
    }

    List<Attribute> attributes() {
        List<Attribute> list = new ArrayList<>();
        int p = Le.u16(data, 20);
        while (Le.u32(data, p) != 0xFFFF_FFFFL) {
            Attribute a = new Attribute(data, p);
            list.add(a);
            p += a.length();
        }
        return list;
    }

    Attribute find(int type, String name) {
        for (Attribute a : attributes()) {
            if (a.type() == type && a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    void remove(Attribute a) {
        int p = a.offset;
        int len = a.length();
        int used = used();
        System.arraycopy(data, p + len, data, p, used - p - len);
        java.util.Arrays.fill(data, used - len, used, (byte) 0);
        Le.put32(data, 24, used - len);
    }

    /** Adds a resident attribute; returns false (record unchanged) if it does not fit. */
    boolean addResident(int type, String name, byte[] value, int residentFlags) {
        int nameBytes = 2 * name.length();
        int valueOff = Le.align8(24 + nameBytes);
        int len = Le.align8(valueOff + value.length);
        byte[] a = new byte[len];
        header(a, type, len, false, name, 24);
        Le.put32(a, 16, value.length);
        Le.put16(a, 20, valueOff);
        a[22] = (byte) residentFlags;
        System.arraycopy(value, 0, a, valueOff, value.length);
        return insert(a);
    }

    /**
     * Adds a non-resident attribute with the given runs and sizes; returns false (record
     * unchanged) if it does not fit.
     */
    boolean addNonResident(int type, String name, List<Runlist.Run> runs, long dataSize, long initSize, int clusterSize) {
        byte[] pairs = Runlist.encode(runs);
        int nameBytes = 2 * name.length();
        int pairsOff = Le.align8(64 + nameBytes);
        int len = Le.align8(pairsOff + pairs.length);
        byte[] a = new byte[len];
        header(a, type, len, true, name, 64);
        long clusters = Runlist.clusters(runs);
        long firstVcn = runs.isEmpty() ? 0 : runs.getFirst().vcn();
        Le.put64(a, 16, firstVcn);
        Le.put64(a, 24, firstVcn + clusters - 1);
        Le.put16(a, 32, pairsOff);
        Le.put64(a, 40, clusters * clusterSize);
        Le.put64(a, 48, dataSize);
        Le.put64(a, 56, initSize);
        System.arraycopy(pairs, 0, a, pairsOff, pairs.length);
        return insert(a);
    }

    private static void header(byte[] a, int type, int len, boolean nonResident, String name, int nameOff) {
        Le.put32(a, 0, type);
        Le.put32(a, 4, len);
        a[8] = (byte) (nonResident ? 1 : 0);
        a[9] = (byte) name.length();
        Le.put16(a, 10, name.isEmpty() ? (nonResident ? 64 : 24) : nameOff);
        Le.putUtf16(a, nameOff, name);
    }

    private boolean insert(byte[] a) {
        int used = used();
        if (used + a.length > SIZE) {
            return false;
        }
        int type = Le.i32(a, 0);
        String name = Le.utf16(a, Le.u16(a, 10), Le.u8(a, 9));
        int p = Le.u16(data, 20);
        for (Attribute existing : attributes()) {
            int t = existing.type();
            if (Integer.compareUnsigned(t, type) > 0 || (t == type && existing.name().compareTo(name) > 0)) {
                break;
            }
            p = existing.offset + existing.length();
        }
        System.arraycopy(data, p, data, p + a.length, used - p);
        System.arraycopy(a, 0, data, p, a.length);
        int instance = Le.u16(data, 40);
        Le.put16(data, p + 14, instance);
        Le.put16(data, 40, instance + 1);
        Le.put32(data, 24, used + a.length);
        return true;
    }

    /** A view of one attribute inside the record's bytes; valid until the record changes. */
    static final class Attribute {
        private final byte[] b;
        final int offset;

        Attribute(byte[] b, int offset) {
            this.b = b;
            this.offset = offset;
        }

        int type() {
            return Le.i32(b, offset);
        }

        int length() {
            return (int) Le.u32(b, offset + 4);
        }

        boolean nonResident() {
            return b[offset + 8] != 0;
        }

        String name() {
            return Le.utf16(b, offset + Le.u16(b, offset + 10), Le.u8(b, offset + 9));
        }

        int flags() {
            return Le.u16(b, offset + 12);
        }

        byte[] value() {
            int voff = Le.u16(b, offset + 20);
            int vlen = (int) Le.u32(b, offset + 16);
            byte[] v = new byte[vlen];
            System.arraycopy(b, offset + voff, v, 0, vlen);
            return v;
        }

        long lowestVcn() {
            return Le.i64(b, offset + 16);
        }

        long allocatedSize() {
            return Le.i64(b, offset + 40);
        }

        long dataSize() {
            return nonResident() ? Le.i64(b, offset + 48) : Le.u32(b, offset + 16);
        }

        long initializedSize() {
            return Le.i64(b, offset + 56);
        }

        List<Runlist.Run> runs(long totalClusters) throws NtfsException {
            return Runlist.decode(b, offset + Le.u16(b, offset + 32), offset + length(), lowestVcn(), totalClusters);
        }
    }
}
