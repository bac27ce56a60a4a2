package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage layer of a mounted NTFS volume: byte access inside the volume's range, MFT
 * records (with fixups and the $MFTMirr copy), streams of clusters through runlists, the
 * cluster and MFT allocation bitmaps, MFT growth, and directory index reading and rebuilding.
 * Every field read from disk is checked before use; failures are {@link NtfsException}s.
 */
final class VolumeIo {

    static final long RECORD_MFT = 0;
    static final long RECORD_VOLUME = 3;
    static final long RECORD_ROOT = 5;
    static final long RECORD_ROOT_REF = RECORD_ROOT | RECORD_ROOT << 48;
    static final long RECORD_BITMAP = 6;
    static final long RECORD_UPCASE = 10;
    /** Records below this are kept for the system (0-15 files, 16-23 reserved as Windows does). */
    static final long FIRST_USER_RECORD = 24;
    private static final int MFT_GROWTH_BYTES = 64 * 1024;
    private static final int CHUNK = 1 << 20;

    final BlockDevice dev;
    final long base;
    final BootSector boot;
    final int clusterSize;
    final long totalClusters;
    UpcaseTable upcase;
    ClusterBitmap clusters;
    ClusterBitmap records;
    private List<Runlist.Run> mftRuns;
    private long mftSize;
    private List<Runlist.Run> mftBitmapRuns;
    private List<Runlist.Run> clusterBitmapRuns;

    /** A stream of one attribute: resident bytes or runs with sizes. */
    record Stream(byte[] resident, List<Runlist.Run> runs, long size, long initialized, long allocated) {
        boolean isResident() {
            return resident != null;
        }
    }

    VolumeIo(BlockDevice dev, long base, BootSector boot) {
        this.dev = dev;
        this.base = base;
        this.boot = boot;
        this.clusterSize = boot.clusterSize();
        this.totalClusters = boot.totalClusters();
    }

    /** Loads $MFT's runs, both bitmaps and $UpCase. */
    void load() throws IOException {
        byte[] raw = new byte[MftRecord.SIZE];
        readBytes(boot.mftLcn() * clusterSize, raw, 0, raw.length);
        MftRecord mft = MftRecord.parse(RECORD_MFT, raw);
        if (mft.find(Attr.ATTRIBUTE_LIST, "") != null) {
            throw new NtfsException("$MFT has an attribute list (a very fragmented MFT), which is not supported");
        }
        MftRecord.Attribute data = mft.find(Attr.DATA, "");
        if (data == null || !data.nonResident() || data.lowestVcn() != 0) {
            throw new NtfsException("$MFT has no non-resident $DATA");
        }
        mftRuns = data.runs(totalClusters);
        mftSize = data.dataSize();
        if (mftSize < 16L * MftRecord.SIZE || mftSize > Runlist.clusters(mftRuns) * clusterSize || mftRuns.getFirst().lcn() != boot.mftLcn()) {
            throw new NtfsException("$MFT has an inconsistent size or runlist");
        }
        MftRecord.Attribute bitmap = mft.find(Attr.BITMAP, "");
        if (bitmap == null) {
            throw new NtfsException("$MFT has no $BITMAP");
        }
        Stream bs = streamOf(mft, bitmap);
        mftBitmapRuns = bs.runs();
        long recordCount = mftSize / MftRecord.SIZE;
        if (bs.size() * 8 < recordCount) {
            throw new NtfsException("$MFT's $BITMAP is smaller than the MFT");
        }
        records = new ClusterBitmap(readStream(bs), recordCount);
        FileRecord bm = file(RECORD_BITMAP);
        Stream cs = stream(bm, Attr.DATA, "");
        if (cs == null || cs.isResident() || cs.size() * 8 < totalClusters || cs.size() > Integer.MAX_VALUE) {
            throw new NtfsException("$Bitmap is missing or smaller than the volume");
        }
        clusterBitmapRuns = cs.runs();
        clusters = new ClusterBitmap(readStream(cs), totalClusters);
        Stream up = stream(file(RECORD_UPCASE), Attr.DATA, "");
        upcase = up != null && up.size() == UpcaseTable.BYTES ? UpcaseTable.fromBytes(readStream(up)) : UpcaseTable.generated();
    }

    // ---- bytes ----

    void readBytes(long pos, byte[] b, int off, int len) throws IOException {
        check(pos, len);
        dev.read(base + pos, b, off, len);
    }

    void writeBytes(long pos, byte[] b, int off, int len) throws IOException {
        check(pos, len);
        dev.write(base + pos, b, off, len);
    }

    private void check(long pos, long len) throws NtfsException {
        long limit = (boot.totalSectors() + 1) * boot.bytesPerSector(); // + the backup boot sector
        if (pos < 0 || len < 0 || pos + len > limit) {
            throw new NtfsException("access past the end of the volume at byte " + pos);
        }
    }

    // ---- MFT records ----

    long recordCount() {
        return mftSize / MftRecord.SIZE;
    }

    private long recordPosition(long n) throws NtfsException {
        if (n < 0 || n >= recordCount()) {
            throw new NtfsException("MFT record " + n + " is past the end of the MFT");
        }
        return streamPosition(mftRuns, n * MftRecord.SIZE);
    }

    /** The volume byte position of stream byte {@code pos} (which must not be in a sparse run). */
    private long streamPosition(List<Runlist.Run> runs, long pos) throws NtfsException {
        long vcn = pos / clusterSize;
        for (Runlist.Run r : runs) {
            if (vcn >= r.vcn() && vcn < r.vcn() + r.length()) {
                if (r.lcn() < 0) {
                    throw new NtfsException("metadata stream has a hole at byte " + pos);
                }
                return (r.lcn() + vcn - r.vcn()) * clusterSize + pos % clusterSize;
            }
        }
        throw new NtfsException("runlist does not cover byte " + pos);
    }

    MftRecord readRecord(long n) throws IOException {
        byte[] raw = new byte[MftRecord.SIZE];
        readBytes(recordPosition(n), raw, 0, raw.length);
        return MftRecord.parse(n, raw);
    }

    void writeRecord(MftRecord r) throws IOException {
        byte[] disk = r.toDisk();
        writeBytes(recordPosition(r.number), disk, 0, disk.length);
        if (r.number < 4) { // $MFTMirr mirrors the first four records (NTFS documentation, "$MFTMirr")
            writeBytes(boot.mftMirrLcn() * clusterSize + r.number * MftRecord.SIZE, disk, 0, disk.length);
        }
    }

    /** The file whose base record is {@code n}, with attribute-list extensions resolved. */
    FileRecord file(long n) throws IOException {
        MftRecord rec = readRecord(n);
        if (!rec.inUse() || rec.baseRecord() != 0) {
            throw new NtfsException("MFT record " + n + " is not an in-use base record");
        }
        List<FileRecord.Piece> pieces = new ArrayList<>();
        MftRecord.Attribute list = null;
        for (MftRecord.Attribute a : rec.attributes()) {
            if (a.type() == Attr.ATTRIBUTE_LIST) {
                list = a;
            } else {
                pieces.add(new FileRecord.Piece(rec, a));
            }
        }
        if (list != null) {
            addListedPieces(rec, readStream(streamOf(rec, list)), pieces);
        }
        return new FileRecord(rec, pieces, list != null);
    }

    /** Adds the attributes an $ATTRIBUTE_LIST places in extension records (NTFS documentation, "$ATTRIBUTE_LIST"). */
    private void addListedPieces(MftRecord baseRec, byte[] list, List<FileRecord.Piece> pieces) throws IOException {
        Map<Long, MftRecord> extensions = new HashMap<>();
        int p = 0;
        while (p + 26 <= list.length) {
            int len = Le.u16(list, p + 4);
            if (len < 26 || p + len > list.length) {
                throw new NtfsException("MFT record " + baseRec.number + ": malformed attribute list");
            }
            int type = Le.i32(list, p);
            long ref = Le.i64(list, p + 16) & 0xFFFF_FFFF_FFFFL;
            int instance = Le.u16(list, p + 24);
            if (ref != baseRec.number) {
                if (extensions.size() > 64) {
                    throw new NtfsException("MFT record " + baseRec.number + ": attribute list too long");
                }
                MftRecord ext = extensions.get(ref);
                if (ext == null) {
                    ext = readRecord(ref);
                    if (!ext.inUse() || ext.baseRecord() != baseRec.number) {
                        throw new NtfsException("MFT record " + ref + " is not an extension of record " + baseRec.number);
                    }
                    extensions.put(ref, ext);
                }
                for (MftRecord.Attribute a : ext.attributes()) {
                    if (a.type() == type && Le.u16(ext.data, a.offset + 14) == instance) {
                        pieces.add(new FileRecord.Piece(ext, a));
                    }
                }
            }
            p += len;
        }
    }

    // ---- streams ----

    Stream streamOf(MftRecord rec, MftRecord.Attribute a) throws NtfsException {
        if (!a.nonResident()) {
            return new Stream(a.value(), List.of(), a.dataSize(), a.dataSize(), a.dataSize());
        }
        List<Runlist.Run> runs = a.runs(totalClusters);
        return checked(new Stream(null, runs, a.dataSize(), a.initializedSize(), a.allocatedSize()), rec.number);
    }

    private Stream checked(Stream s, long recNo) throws NtfsException {
        long covered = Runlist.clusters(s.runs()) * clusterSize;
        if (s.size() > s.allocated() || s.initialized() > s.size() || s.size() > covered) {
            throw new NtfsException("MFT record " + recNo + ": attribute sizes exceed its runlist");
        }
        return s;
    }

    /** The stream of attribute (type, name), joining pieces from extension records, or null. */
    Stream stream(FileRecord f, int type, String name) throws NtfsException {
        List<FileRecord.Piece> pieces = f.find(type, name);
        if (pieces.isEmpty()) {
            return null;
        }
        if (pieces.size() == 1 || !pieces.getFirst().attribute().nonResident()) {
            return streamOf(pieces.getFirst().record(), pieces.getFirst().attribute());
        }
        pieces.sort((x, y) -> Long.compare(x.attribute().lowestVcn(), y.attribute().lowestVcn()));
        List<Runlist.Run> runs = new ArrayList<>();
        long next = 0;
        for (FileRecord.Piece p : pieces) {
            if (!p.attribute().nonResident() || p.attribute().lowestVcn() != next) {
                throw new NtfsException("MFT record " + f.base.number + ": attribute extents do not join");
            }
            List<Runlist.Run> part = p.attribute().runs(totalClusters);
            runs.addAll(part);
            next += Runlist.clusters(part);
        }
        MftRecord.Attribute first = pieces.getFirst().attribute();
        return checked(new Stream(null, runs, first.dataSize(), first.initializedSize(), first.allocatedSize()), f.base.number);
    }

    byte[] readStream(Stream s) throws IOException {
        if (s.isResident()) {
            return s.resident();
        }
        if (s.size() > Math.min(Integer.MAX_VALUE - 8, totalClusters * clusterSize)) {
            throw new NtfsException("metadata stream too large: " + s.size() + " bytes");
        }
        byte[] b = new byte[(int) s.size()];
        readStream(s, 0, b, 0, b.length);
        return b;
    }

    /** Reads {@code len} bytes at stream offset {@code pos}: holes and bytes past the initialized size read as zero. */
    void readStream(Stream s, long pos, byte[] b, int off, int len) throws IOException {
        if (s.isResident()) {
            System.arraycopy(s.resident(), (int) pos, b, off, len);
            return;
        }
        int done = 0;
        while (done < len) {
            long p = pos + done;
            Runlist.Run r = runAt(s.runs(), p / clusterSize);
            long runEnd = (r.vcn() + r.length()) * clusterSize;
            int n = (int) Math.min(len - done, runEnd - p);
            if (r.lcn() < 0 || p >= s.initialized()) {
                Arrays.fill(b, off + done, off + done + n, (byte) 0);
            } else {
                n = (int) Math.min(n, s.initialized() - p);
                readBytes(r.lcn() * clusterSize + (p - r.vcn() * clusterSize), b, off + done, n);
            }
            done += n;
        }
    }

    void writeStream(List<Runlist.Run> runs, long pos, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            long p = pos + done;
            Runlist.Run r = runAt(runs, p / clusterSize);
            if (r.lcn() < 0) {
                throw new NtfsException("cannot write into a sparse run");
            }
            int n = (int) Math.min(len - done, (r.vcn() + r.length()) * clusterSize - p);
            writeBytes(r.lcn() * clusterSize + (p - r.vcn() * clusterSize), b, off + done, n);
            done += n;
        }
    }

    private static Runlist.Run runAt(List<Runlist.Run> runs, long vcn) throws NtfsException {
        for (Runlist.Run r : runs) {
            if (vcn >= r.vcn() && vcn < r.vcn() + r.length()) {
                return r;
            }
        }
        throw new NtfsException("runlist does not cover cluster " + vcn + " of its stream");
    }

    static int chunkSize() {
        return CHUNK;
    }

    // ---- allocation ----

    /** Allocates clusters, preferring one extent after the MFT zone; throws if the volume is full. */
    List<Runlist.Run> allocateClusters(long n, long firstVcn) throws NtfsException {
        long hint = Math.min(totalClusters - 1, boot.mftLcn() + Math.max(16, totalClusters / 8));
        List<Runlist.Run> runs = clusters.allocate(n, hint, firstVcn);
        if (runs == null) {
            throw new NtfsException("volume full: " + n + " more clusters needed");
        }
        return runs;
    }

    /** A free MFT record number (growing the MFT if needed), marked in use in the MFT bitmap. */
    long allocateRecord() throws IOException {
        long n = records.firstFree(FIRST_USER_RECORD);
        if (n < 0) {
            growMft();
            n = records.firstFree(FIRST_USER_RECORD);
        }
        records.set(n, true);
        return n;
    }

    /** The sequence number a reused record gets: one more than its last, skipping 0. */
    int nextSequence(long n) throws IOException {
        byte[] raw = new byte[MftRecord.SIZE];
        readBytes(recordPosition(n), raw, 0, raw.length);
        if (!Le.hasMagic(raw, 0, "FILE")) {
            return 1;
        }
        int seq = (Le.u16(raw, 16) + 1) & 0xFFFF;
        return seq == 0 ? 1 : seq;
    }

    /** Extends $MFT by 64 KiB of fresh (unused) records, and its $BITMAP as needed. */
    private void growMft() throws IOException {
        long oldCount = recordCount();
        long addClusters = Math.max(1, MFT_GROWTH_BYTES / clusterSize);
        Runlist.Run last = mftRuns.getLast();
        long endVcn = last.vcn() + last.length();
        long preferred = last.lcn() + last.length();
        List<Runlist.Run> added = clusters.allocate(addClusters, preferred, endVcn);
        if (added == null) {
            throw new NtfsException("volume full: cannot grow the MFT");
        }
        List<Runlist.Run> runs = new ArrayList<>(mftRuns);
        for (Runlist.Run r : added) {
            Runlist.Run tail = runs.getLast();
            if (tail.lcn() + tail.length() == r.lcn()) {
                runs.set(runs.size() - 1, new Runlist.Run(tail.vcn(), tail.lcn(), tail.length() + r.length()));
            } else {
                runs.add(r);
            }
        }
        long newSize = (endVcn + addClusters) * clusterSize;
        long newCount = newSize / MftRecord.SIZE;
        int bitmapBytes = Le.align8((int) ((newCount + 7) / 8));
        List<Runlist.Run> bmRuns = new ArrayList<>(mftBitmapRuns);
        long bmClusters = Runlist.clusters(bmRuns);
        if ((long) bitmapBytes > bmClusters * clusterSize) {
            bmRuns.addAll(allocateClusters(1, bmClusters));
        }
        MftRecord rec0 = readRecord(RECORD_MFT);
        rec0.remove(rec0.find(Attr.DATA, ""));
        rec0.remove(rec0.find(Attr.BITMAP, ""));
        if (!rec0.addNonResident(Attr.DATA, "", runs, newSize, newSize, clusterSize)
                || !rec0.addNonResident(Attr.BITMAP, "", bmRuns, bitmapBytes, bitmapBytes, clusterSize)) {
            throw new NtfsException("$MFT's runlist no longer fits its record");
        }
        mftRuns = runs;
        mftSize = newSize;
        mftBitmapRuns = bmRuns;
        records.grow(newCount, (int) Runlist.clusters(bmRuns) * clusterSize);
        for (long n = oldCount; n < newCount; n++) {
            writeRecord(MftRecord.create(n, 1, 0));
        }
        writeRecord(rec0);
    }

    /** Writes the changed parts of both bitmaps. */
    void commitBitmaps() throws IOException {
        commit(clusters, clusterBitmapRuns);
        commit(records, mftBitmapRuns);
    }

    private void commit(ClusterBitmap bm, List<Runlist.Run> runs) throws IOException {
        if (!bm.dirty()) {
            return;
        }
        int limit = (int) Math.min(bm.bytes().length, Runlist.clusters(runs) * clusterSize);
        int from = bm.dirtyFrom();
        int to = Math.min(bm.dirtyTo() + 1, limit);
        if (from < to) {
            writeStream(runs, from, bm.bytes(), from, to - from);
        }
        bm.clean();
    }

    // ---- directory indexes ----

    int vcnSize(int blockSize) {
        return blockSize >= clusterSize ? clusterSize : 512;
    }

    /** Every entry of directory {@code dir}'s $I30 index in collation order. */
    List<IndexEntry> readIndex(FileRecord dir) throws IOException {
        String what = "directory record " + dir.base.number;
        Stream root = stream(dir, Attr.INDEX_ROOT, Attr.I30);
        if (root == null || !root.isResident()) {
            throw new NtfsException(what + ": no $INDEX_ROOT");
        }
        byte[] rv = root.resident();
        if (rv.length < 32) {
            throw new NtfsException(what + ": $INDEX_ROOT too short");
        }
        int blockSize = (int) Le.u32(rv, 8);
        if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
            throw new NtfsException(what + ": bad index block size " + blockSize);
        }
        Stream alloc = stream(dir, Attr.INDEX_ALLOCATION, Attr.I30);
        int vcnSize = vcnSize(blockSize);
        IndexTree.BlockSource src = vcn -> {
            if (alloc == null || alloc.isResident() || vcn < 0 || vcn * vcnSize % blockSize != 0
                    || vcn * vcnSize + blockSize > alloc.size()) {
                throw new NtfsException(what + ": index points to a missing block (VCN " + vcn + ")");
            }
            byte[] b = new byte[blockSize];
            readStream(alloc, vcn * vcnSize, b, 0, blockSize);
            if (!Le.hasMagic(b, 0, "INDX")) {
                throw new NtfsException(what + ": index block at VCN " + vcn + " has bad magic");
            }
            Fixups.unprotect(b, 0, blockSize, what + " index block " + vcn);
            if (Le.i64(b, 16) != vcn) {
                throw new NtfsException(what + ": index block at VCN " + vcn + " names VCN " + Le.i64(b, 16));
            }
            return b;
        };
        return IndexTree.readAll(rv, src, what);
    }

    /**
     * Replaces directory record {@code rec}'s $I30 index with a tree of {@code sorted}; frees the
     * old index blocks and allocates new ones. The caller writes the record.
     */
    void rebuildIndex(MftRecord rec, List<IndexEntry> sorted) throws IOException {
        MftRecord.Attribute old = rec.find(Attr.INDEX_ALLOCATION, Attr.I30);
        if (old != null) {
            clusters.release(old.runs(totalClusters));
            rec.remove(old);
        }
        MftRecord.Attribute bitmap = rec.find(Attr.BITMAP, Attr.I30);
        if (bitmap != null) {
            rec.remove(bitmap);
        }
        MftRecord.Attribute root = rec.find(Attr.INDEX_ROOT, Attr.I30);
        if (root != null) {
            rec.remove(root);
        }
        int blockSize = boot.indexBlockSize();
        int vcnPerBlock = blockSize / vcnSize(blockSize);
        int rootRoom = rec.freeSpace() - 32 - 32;
        IndexTree.Built built = IndexTree.build(sorted, rootRoom, blockSize, vcnPerBlock);
        if (built.large()) {
            int reserve = 64 + 8 + 40 + 24 + 8 + Le.align8((built.blocks().size() * 2 + 7) / 8 + 8);
            if (rootRoom - reserve < 64) {
                throw new NtfsException("directory record " + rec.number + " has no room for its index root");
            }
            built = IndexTree.build(sorted, rootRoom - reserve, blockSize, vcnPerBlock);
        }
        int cpb = blockSize >= clusterSize ? blockSize / clusterSize : blockSize / 512;
        byte[] rootValue = IndexTree.rootValue(IndexTree.TYPE_FILE_NAME, IndexTree.COLLATION_FILE_NAME, blockSize, cpb,
                built.rootEntries(), built.large());
        boolean ok = rec.addResident(Attr.INDEX_ROOT, Attr.I30, rootValue, 0);
        if (built.large()) {
            int n = built.blocks().size();
            long bytes = (long) n * blockSize;
            List<Runlist.Run> runs = allocateClusters((bytes + clusterSize - 1) / clusterSize, 0);
            for (int i = 0; i < n; i++) {
                byte[] blk = built.blocks().get(i);
                Fixups.protect(blk, 0, blockSize);
                writeStream(runs, (long) i * blockSize, blk, 0, blockSize);
            }
            byte[] bits = new byte[Le.align8((n + 7) / 8)];
            for (int i = 0; i < n; i++) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
            ok &= rec.addNonResident(Attr.INDEX_ALLOCATION, Attr.I30, runs, bytes, bytes, clusterSize);
            ok &= rec.addResident(Attr.BITMAP, Attr.I30, bits, 0);
        }
        if (!ok) {
            throw new NtfsException("directory record " + rec.number + ": index does not fit its record");
        }
    }
}
