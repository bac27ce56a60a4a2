package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import java.nio.ByteBuffer;

/**
 * The qcow2 version 3 header (QEMU docs/interop/qcow2.txt, "Header"), parsed and validated:
 * every offset and size is checked against the file and against sane limits before anything is
 * allocated from it, so a corrupt or hostile header becomes a one-line
 * {@link DiskImageException}, never a huge allocation. Header extensions are read by
 * {@link Qcow2HeaderExtensions}.
 */
public record Qcow2Header(
        int version,
        long backingFileOffset,
        int backingFileSize,
        int clusterBits,
        long size,
        int cryptMethod,
        int l1Size,
        long l1TableOffset,
        long refcountTableOffset,
        int refcountTableClusters,
        int snapshotCount,
        long snapshotsOffset,
        long incompatibleFeatures,
        long compatibleFeatures,
        long autoclearFeatures,
        int refcountOrder,
        int headerLength) {

    /** "QFI\xfb". */
    public static final int MAGIC = 0x514649fb;
    /** Length of the version 3 header without the optional compression type byte. */
    public static final int V3_LENGTH = 104;
    /** What QEMU 5.1+ writes: the v3 header, compression type 0 (zlib) and 7 bytes of padding. */
    public static final int LENGTH_WITH_COMPRESSION_TYPE = 112;

    // Incompatible feature bits (spec: bytes 72-79).
    public static final long INCOMPAT_DIRTY = 1L;
    public static final long INCOMPAT_CORRUPT = 1L << 1;
    public static final long INCOMPAT_EXTERNAL_DATA = 1L << 2;
    public static final long INCOMPAT_COMPRESSION_TYPE = 1L << 3;
    public static final long INCOMPAT_EXTENDED_L2 = 1L << 4;
    private static final long INCOMPAT_KNOWN = INCOMPAT_DIRTY | INCOMPAT_CORRUPT | INCOMPAT_EXTERNAL_DATA
            | INCOMPAT_COMPRESSION_TYPE | INCOMPAT_EXTENDED_L2;

    /** QEMU's own limits (block/qcow2.h QCOW_MAX_L1_SIZE, QCOW_MAX_REFTABLE_SIZE): beyond them no real image goes. */
    static final long MAX_L1_BYTES = 32L << 20;
    static final long MAX_REFCOUNT_TABLE_BYTES = 8L << 20;
    /** The largest virtual disk we accept: 64 TiB. */
    public static final long MAX_SIZE = 64L << 40;
    /** Host offsets in L1/L2/refcount entries are bits 9..55 (spec: "Bits 9-55 of host cluster offset"). */
    static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;

    public int clusterSize() {
        return 1 << clusterBits;
    }

    /** L2 entries per L2 table: a cluster of 8-byte entries. */
    public int l2Entries() {
        return 1 << (clusterBits - 3);
    }

    public int refcountBits() {
        return 1 << refcountOrder;
    }

    /** Refcount entries per refcount block. */
    public long refcountBlockEntries() {
        return (8L << clusterBits) >>> refcountOrder;
    }

    public boolean dirty() {
        return (incompatibleFeatures & INCOMPAT_DIRTY) != 0;
    }

    public boolean corrupt() {
        return (incompatibleFeatures & INCOMPAT_CORRUPT) != 0;
    }

    /**
     * Parses and validates the header at the start of {@code head} (at least the file's first
     * cluster or the whole file if smaller) for a file of {@code fileSize} bytes named {@code name}.
     */
    public static Qcow2Header parse(ByteBuffer head, long fileSize, String name) throws DiskImageException {
        if (head.limit() < 72) {
            throw new DiskImageException(name + ": qcow2 header is truncated (" + head.limit() + " bytes)");
        }
        if (head.getInt(0) != MAGIC) {
            throw new DiskImageException(name + ": not a qcow2 image (bad magic)");
        }
        int version = head.getInt(4);
        if (version != 3) {
            throw new DiskImageException(name + ": qcow2 version " + Integer.toUnsignedString(version)
                    + " is not supported (only version 3; convert with 'qemu-img amend -o compat=1.1')");
        }
        if (head.limit() < V3_LENGTH) {
            throw new DiskImageException(name + ": qcow2 header is truncated (" + head.limit() + " bytes)");
        }
        int clusterBits = head.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new DiskImageException(name + ": qcow2 cluster_bits " + Integer.toUnsignedString(clusterBits)
                    + " outside 9..21");
        }
        int headerLength = head.getInt(100);
        Qcow2Header h = new Qcow2Header(version, head.getLong(8), head.getInt(16), clusterBits, head.getLong(24),
                head.getInt(32), head.getInt(36), head.getLong(40), head.getLong(48), head.getInt(56),
                head.getInt(60), head.getLong(64), head.getLong(72), head.getLong(80), head.getLong(88),
                head.getInt(96), headerLength);
        h.validate(fileSize, name);
        return h;
    }

    private void validate(long fileSize, String name) throws DiskImageException {
        int cs = clusterSize();
        if (headerLength < V3_LENGTH || headerLength > cs || headerLength % 8 != 0) {
            throw new DiskImageException(name + ": qcow2 header_length " + Integer.toUnsignedString(headerLength)
                    + " is invalid");
        }
        if (fileSize < cs) {
            throw new DiskImageException(name + ": qcow2 file is truncated (" + fileSize + " bytes, cluster size " + cs + ")");
        }
        long unknown = incompatibleFeatures & ~INCOMPAT_KNOWN;
        if (unknown != 0) {
            throw new DiskImageException(name + ": qcow2 image uses unknown incompatible features 0x" + Long.toHexString(unknown));
        }
        if ((incompatibleFeatures & INCOMPAT_EXTERNAL_DATA) != 0) {
            throw new DiskImageException(name + ": qcow2 images with an external data file are not supported");
        }
        if ((incompatibleFeatures & INCOMPAT_EXTENDED_L2) != 0) {
            throw new DiskImageException(name + ": qcow2 images with extended L2 entries (subclusters) are not supported");
        }
        if (cryptMethod != 0) {
            throw new DiskImageException(name + ": encrypted qcow2 images are not supported");
        }
        if (backingFileOffset != 0) {
            throw new DiskImageException(name + ": qcow2 images with a backing file are not supported"
                    + " (flatten it with 'qemu-img convert -O qcow2')");
        }
        if (refcountOrder < 0 || refcountOrder > 6) {
            throw new DiskImageException(name + ": qcow2 refcount_order " + Integer.toUnsignedString(refcountOrder)
                    + " outside 0..6");
        }
        if (size < 0 || size > MAX_SIZE) {
            throw new DiskImageException(name + ": qcow2 virtual size " + Long.toUnsignedString(size)
                    + " is beyond the supported 64 TiB");
        }
        long l1Needed = ceilDiv(ceilDiv(size, cs), l2Entries());
        if (l1Size < 0 || (long) l1Size * 8 > MAX_L1_BYTES) {
            throw new DiskImageException(name + ": qcow2 L1 table size " + Integer.toUnsignedString(l1Size) + " is absurd");
        }
        if (l1Size < l1Needed) {
            throw new DiskImageException(name + ": qcow2 L1 table (" + l1Size + " entries) is too small for the disk size");
        }
        checkTable(name, "L1 table", l1TableOffset, (long) l1Size * 8, fileSize);
        if (refcountTableClusters <= 0 || (long) refcountTableClusters * cs > MAX_REFCOUNT_TABLE_BYTES) {
            throw new DiskImageException(name + ": qcow2 refcount table size (" + Integer.toUnsignedString(refcountTableClusters)
                    + " clusters) is invalid");
        }
        checkTable(name, "refcount table", refcountTableOffset, (long) refcountTableClusters * cs, fileSize);
        if (snapshotCount < 0 || snapshotCount > 65536) {
            throw new DiskImageException(name + ": qcow2 snapshot count " + Integer.toUnsignedString(snapshotCount) + " is absurd");
        }
        if (snapshotCount > 0 && (snapshotsOffset <= 0 || snapshotsOffset % cs != 0 || snapshotsOffset >= fileSize)) {
            throw new DiskImageException(name + ": qcow2 snapshot table offset 0x" + Long.toHexString(snapshotsOffset) + " is invalid");
        }
    }

    /** A table must be cluster aligned, after the header cluster and inside the file. */
    private void checkTable(String name, String what, long offset, long bytes, long fileSize) throws DiskImageException {
        if (bytes == 0) {
            return;
        }
        if (offset < clusterSize() || offset % clusterSize() != 0) {
            throw new DiskImageException(name + ": qcow2 " + what + " offset 0x" + Long.toHexString(offset)
                    + (offset < clusterSize() ? " overlaps the header" : " is not cluster aligned"));
        }
        if (offset > fileSize - bytes) {
            throw new DiskImageException(name + ": qcow2 " + what + " at 0x" + Long.toHexString(offset)
                    + " lies past the end of the file");
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Encodes this header in the first {@link #headerLength} bytes of {@code dst}. */
    public void encode(ByteBuffer dst) {
        dst.putInt(0, MAGIC).putInt(4, version).putLong(8, backingFileOffset).putInt(16, backingFileSize)
                .putInt(20, clusterBits).putLong(24, size).putInt(32, cryptMethod).putInt(36, l1Size)
                .putLong(40, l1TableOffset).putLong(48, refcountTableOffset).putInt(56, refcountTableClusters)
                .putInt(60, snapshotCount).putLong(64, snapshotsOffset).putLong(72, incompatibleFeatures)
                .putLong(80, compatibleFeatures).putLong(88, autoclearFeatures).putInt(96, refcountOrder)
                .putInt(100, headerLength);
    }
}
