package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an empty NTFS 3.1 volume: 4 KiB clusters, 1 KiB MFT records, 4 KiB index blocks; the
 * boot sector and its backup in the last sector; system files 0-15 ($MFT, $MFTMirr, $LogFile,
 * $Volume, $AttrDef, the root directory, $Bitmap, $Boot, $BadClus, $Secure, $UpCase, $Extend,
 * 12-15 reserved in use), records 16-23 reserved and free, and $Quota, $ObjId, $Reparse (24-26)
 * in $Extend. Layout: $Boot at cluster 0, the $MFT bitmap after it, $MFT at cluster 4 followed
 * by a zone kept for its growth, $MFTMirr and $LogFile in the middle of the volume.
 * NTFS documentation, "Files" (the system files) and "$Boot".
 */
final class NtfsFormatter {

    static final int CLUSTER = 4096;
    static final int INDEX_BLOCK = 4096;
    static final long MIN_SIZE = 8L << 20;
    private static final int INITIAL_RECORDS = 64;
    private static final int SYS_ATTRS = FileName.ATTR_HIDDEN | FileName.ATTR_SYSTEM;

    private final BlockDevice dev;
    private final long offset;
    private final long size;
    private final String label;
    private final Clock clock;
    private final long now;

    NtfsFormatter(BlockDevice dev, long offset, long size, String label, Clock clock) {
        this.dev = dev;
        this.offset = offset;
        this.size = size / BlockDevice.SECTOR_SIZE * BlockDevice.SECTOR_SIZE;
        this.label = label == null ? "" : label;
        this.clock = clock;
        this.now = NtTime.of(clock.instant());
    }

    void format() throws IOException {
        if (offset < 0 || offset % BlockDevice.SECTOR_SIZE != 0 || offset + size > dev.size()) {
            throw new NtfsException("volume range does not fit the disk");
        }
        if (size < MIN_SIZE) {
            throw new NtfsException("volume too small for NTFS: " + size + " bytes (minimum " + MIN_SIZE + ")");
        }
        if (label.length() > 128) {
            throw new NtfsException("volume label longer than 128 characters");
        }
        if (dev.readOnly()) {
            throw new NtfsException("disk is read-only");
        }
        long totalSectors = size / 512 - 1; // the last sector holds the backup boot sector
        long n = totalSectors * 512 / CLUSTER;
        int bitmapBytes = Le.align8((int) ((n + 7) / 8));
        ClusterBitmap bitmap = new ClusterBitmap(new byte[Le.align8(bitmapBytes)], n);
        for (long i = n; i < ((n + 7) & ~7L); i++) {
            bitmap.bytes()[(int) (i >>> 3)] |= (byte) (1 << (i & 7)); // bits past the end count as used
        }
        int bootClusters = 8192 / CLUSTER;
        long mftBitmapLcn = bootClusters;
        long mftLcn = bootClusters + 2;
        int mftClusters = INITIAL_RECORDS * MftRecord.SIZE / CLUSTER;
        bitmap.setRange(0, bootClusters + 1, true);
        bitmap.setRange(mftLcn, mftClusters, true);
        long logSize = Math.clamp(size / 64, 1L << 20, 64L << 20) / CLUSTER * CLUSTER;
        List<Runlist.Run> mirror = allocate(bitmap, 1, n / 2);
        List<Runlist.Run> log = allocate(bitmap, logSize / CLUSTER, n / 2 + 1);
        long zone = mftLcn + Math.max(16, n / 8);
        byte[] attrDef = AttrDefTable.bytes();
        byte[] upcase = UpcaseTable.generated().toBytes();
        byte[] sds = SecureFile.sds();
        List<Runlist.Run> attrDefRuns = allocate(bitmap, clusters(attrDef.length), zone);
        List<Runlist.Run> bitmapRuns = allocate(bitmap, clusters(bitmapBytes), zone);
        List<Runlist.Run> upcaseRuns = allocate(bitmap, clusters(upcase.length), zone);
        List<Runlist.Run> sdsRuns = allocate(bitmap, clusters(sds.length), zone);

        BootSector boot = new BootSector(512, CLUSTER, totalSectors, mftLcn, mirror.getFirst().lcn(), MftRecord.SIZE,
                INDEX_BLOCK, clock.instant().toEpochMilli() * 0x9E3779B97F4A7C15L);
        byte[] bootBytes = Arrays.copyOf(boot.toBytes(offset / 512), 8192);
        write(0, bootBytes);
        write(totalSectors * 512, Arrays.copyOf(bootBytes, 512));

        List<MftRecord> recs = new ArrayList<>();
        MftRecord mft = system(0, "$MFT", 0);
        mft.addNonResident(Attr.DATA, "", List.of(new Runlist.Run(0, mftLcn, mftClusters)),
                (long) INITIAL_RECORDS * MftRecord.SIZE, (long) INITIAL_RECORDS * MftRecord.SIZE, CLUSTER);
        mft.addNonResident(Attr.BITMAP, "", List.of(new Runlist.Run(0, mftBitmapLcn, 1)), 8, 8, CLUSTER);
        recs.add(mft);
        recs.add(dataFile(1, "$MFTMirr", mirror, 4L * MftRecord.SIZE));
        recs.add(dataFile(2, "$LogFile", log, logSize));
        MftRecord volume = system(3, "$Volume", 0);
        byte[] labelBytes = new byte[2 * label.length()];
        Le.putUtf16(labelBytes, 0, label);
        volume.addResident(Attr.VOLUME_NAME, "", labelBytes, 0);
        byte[] info = new byte[12];
        info[8] = 3; // NTFS 3.1
        info[9] = 1;
        volume.addResident(Attr.VOLUME_INFORMATION, "", info, 0);
        volume.addResident(Attr.DATA, "", new byte[0], 0);
        recs.add(volume);
        recs.add(dataFile(4, "$AttrDef", attrDefRuns, attrDef.length));
        MftRecord root = system(5, ".", MftRecord.FLAG_DIRECTORY);
        recs.add(root);
        recs.add(dataFile(6, "$Bitmap", bitmapRuns, bitmapBytes));
        recs.add(dataFile(7, "$Boot", List.of(new Runlist.Run(0, 0, bootClusters)), 8192));
        MftRecord bad = system(8, "$BadClus", 0);
        bad.addResident(Attr.DATA, "", new byte[0], 0);
        bad.addNonResident(Attr.DATA, "$Bad", List.of(new Runlist.Run(0, -1, n)), n * CLUSTER, 0, CLUSTER);
        recs.add(bad);
        MftRecord secure = system(9, "$Secure", MftRecord.FLAG_VIEW_INDEX);
        secure.addNonResident(Attr.DATA, "$SDS", sdsRuns, sds.length, sds.length, CLUSTER);
        secure.addResident(Attr.INDEX_ROOT, "$SDH", viewRoot(SecureFile.COLLATION_SECURITY_HASH, SecureFile.sdhEntries()), 0);
        secure.addResident(Attr.INDEX_ROOT, "$SII", viewRoot(SecureFile.COLLATION_ULONG, SecureFile.siiEntries()), 0);
        recs.add(secure);
        recs.add(dataFile(10, "$UpCase", upcaseRuns, upcase.length));
        MftRecord extend = system(11, "$Extend", MftRecord.FLAG_DIRECTORY);
        recs.add(extend);
        for (int i = 12; i < 16; i++) {
            MftRecord r = MftRecord.create(i, i, MftRecord.FLAG_IN_USE);
            r.addResident(Attr.STANDARD_INFORMATION, "", Attr.standardInformation(now, SYS_ATTRS, SecureFile.DEFAULT_ID), 0);
            r.addResident(Attr.DATA, "", new byte[0], 0);
            recs.add(r);
        }
        for (int i = 16; i < 24; i++) {
            recs.add(MftRecord.create(i, i, 0));
        }
        int extendFlags = MftRecord.FLAG_IN_USE | MftRecord.FLAG_IS_4 | MftRecord.FLAG_VIEW_INDEX;
        MftRecord quota = extension(24, "$Quota", extendFlags);
        quota.addResident(Attr.INDEX_ROOT, "$O", viewRoot(SecureFile.COLLATION_SID, SecureFile.emptyEntries()), 0);
        quota.addResident(Attr.INDEX_ROOT, "$Q", viewRoot(SecureFile.COLLATION_ULONG, SecureFile.emptyEntries()), 0);
        recs.add(quota);
        MftRecord objId = extension(25, "$ObjId", extendFlags);
        objId.addResident(Attr.INDEX_ROOT, "$O", viewRoot(SecureFile.COLLATION_ULONGS, SecureFile.emptyEntries()), 0);
        recs.add(objId);
        MftRecord reparse = extension(26, "$Reparse", extendFlags);
        reparse.addResident(Attr.INDEX_ROOT, "$R", viewRoot(SecureFile.COLLATION_ULONGS, SecureFile.emptyEntries()), 0);
        recs.add(reparse);
        for (int i = 27; i < INITIAL_RECORDS; i++) {
            recs.add(MftRecord.create(i, 1, 0));
        }
        root.addResident(Attr.INDEX_ROOT, Attr.I30, emptyDirectoryRoot(), 0);
        extend.addResident(Attr.INDEX_ROOT, Attr.I30, emptyDirectoryRoot(), 0);

        for (MftRecord r : recs) {
            byte[] disk = r.toDisk();
            write(mftLcn * CLUSTER + r.number * MftRecord.SIZE, disk);
            if (r.number < 4) {
                write(mirror.getFirst().lcn() * CLUSTER + r.number * MftRecord.SIZE, disk);
            }
        }
        byte[] mftBits = new byte[CLUSTER];
        mftBits[0] = (byte) 0xFF;
        mftBits[1] = (byte) 0xFF;
        mftBits[3] = 0x07; // records 24-26
        write(mftBitmapLcn * CLUSTER, mftBits);
        writeRuns(attrDefRuns, attrDef);
        writeRuns(upcaseRuns, upcase);
        writeRuns(sdsRuns, sds);
        writeRuns(bitmapRuns, bitmap.bytes());
        writeLog(log.getFirst().lcn() * CLUSTER, logSize);

        NtfsVolume.mount(dev, offset, clock).buildSystemIndexes(recs);
        dev.flush();
    }

    private static long clusters(long bytes) {
        return (bytes + CLUSTER - 1) / CLUSTER;
    }

    private static List<Runlist.Run> allocate(ClusterBitmap bitmap, long count, long hint) throws NtfsException {
        List<Runlist.Run> runs = bitmap.allocate(count, hint, 0);
        if (runs == null) {
            throw new NtfsException("volume too small for its system files");
        }
        return runs;
    }

    private MftRecord system(int n, String name, int flags) {
        return named(n, n == 0 ? 1 : n, name, flags, VolumeIo.RECORD_ROOT | 5L << 48);
    }

    private MftRecord extension(int n, String name, int flags) {
        return named(n, 1, name, flags, 11L | 11L << 48);
    }

    private MftRecord named(int n, int seq, String name, int flags, long parent) {
        MftRecord r = MftRecord.create(n, seq, MftRecord.FLAG_IN_USE | flags);
        r.setLinkCount(1);
        int attrs = SYS_ATTRS;
        if ((flags & MftRecord.FLAG_VIEW_INDEX) != 0) {
            attrs |= FileName.ATTR_VIEW_INDEX;
        }
        r.addResident(Attr.STANDARD_INFORMATION, "", Attr.standardInformation(now, attrs, SecureFile.DEFAULT_ID), 0);
        int fnAttrs = (flags & MftRecord.FLAG_DIRECTORY) != 0 ? attrs | FileName.ATTR_DIRECTORY_INDEX : attrs;
        r.addResident(Attr.FILE_NAME, "", FileName.build(parent, now, 0, 0, fnAttrs, name, FileName.NS_WIN32_AND_DOS), 1);
        return r;
    }

    private MftRecord dataFile(int n, String name, List<Runlist.Run> runs, long dataSize) {
        MftRecord r = system(n, name, 0);
        r.addNonResident(Attr.DATA, "", runs, dataSize, dataSize, CLUSTER);
        return r;
    }

    private static byte[] viewRoot(int collation, byte[] entries) {
        return IndexTree.rootValue(0, collation, INDEX_BLOCK, INDEX_BLOCK / CLUSTER, entries, false);
    }

    private static byte[] emptyDirectoryRoot() {
        return IndexTree.rootValue(IndexTree.TYPE_FILE_NAME, IndexTree.COLLATION_FILE_NAME, INDEX_BLOCK, INDEX_BLOCK / CLUSTER,
                SecureFile.emptyEntries(), false);
    }

    private void write(long pos, byte[] b) throws IOException {
        dev.write(offset + pos, b, 0, b.length);
    }

    private void writeRuns(List<Runlist.Run> runs, byte[] data) throws IOException {
        byte[] padded = Arrays.copyOf(data, (int) (Runlist.clusters(runs) * CLUSTER));
        long done = 0;
        for (Runlist.Run r : runs) {
            dev.write(offset + r.lcn() * CLUSTER, padded, (int) done, (int) (r.length() * CLUSTER));
            done += r.length() * CLUSTER;
        }
    }

    /** Two restart pages, then empty (0xFF) log pages. */
    private void writeLog(long pos, long logSize) throws IOException {
        byte[] page = LogFileRestart.page(logSize);
        write(pos, page);
        write(pos + LogFileRestart.PAGE, page);
        byte[] empty = new byte[64 * 1024];
        Arrays.fill(empty, (byte) 0xFF);
        for (long p = 2L * LogFileRestart.PAGE; p < logSize; p += empty.length) {
            dev.write(offset + pos + p, empty, 0, (int) Math.min(empty.length, logSize - p));
        }
    }
}
