package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.ProgressListener;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An NTFS 3.1 volume in a byte range of a {@link BlockDevice}, formatted or mounted by us:
 * listing, reading and writing files, making and removing directories, and a consistency check.
 * Paths are absolute, "/"-separated and looked up case-insensitively through the volume's
 * $UpCase table. Every change is written through to the device when the call returns (records,
 * index blocks and both bitmaps); {@link #flush()} also makes it durable. Mounting and reading
 * check every on-disk field and report corruption as {@link NtfsException}. Not thread-safe.
 */
public final class NtfsVolume implements Closeable {

    /** Largest file kept resident in its MFT record. */
    private static final int RESIDENT_MAX = 640;
    private static final int ATTR_NORMAL_FILE = FileName.ATTR_ARCHIVE;
    /** $AttrDef limits $VOLUME_NAME to 256 bytes, 128 UTF-16 characters. */
    private static final int MAX_LABEL_BYTES = 256;

    private final VolumeIo io;
    private final Clock clock;

    private NtfsVolume(VolumeIo io, Clock clock) {
        this.io = io;
        this.clock = clock;
    }

    /** Makes an empty NTFS volume of {@code size} bytes at {@code offset} of {@code dev}, labelled {@code label}. */
    public static void format(BlockDevice dev, long offset, long size, String label) throws IOException {
        new NtfsFormatter(dev, offset, size, label, Clock.systemUTC()).format();
    }

    /** Validates and opens the NTFS volume starting at byte {@code offset} of {@code dev}. */
    public static NtfsVolume mount(BlockDevice dev, long offset) throws IOException {
        return mount(dev, offset, Clock.systemUTC());
    }

    static NtfsVolume mount(BlockDevice dev, long offset, Clock clock) throws IOException {
        if (offset < 0 || offset % BlockDevice.SECTOR_SIZE != 0 || offset + BlockDevice.SECTOR_SIZE > dev.size()) {
            throw new NtfsException("no volume at byte offset " + offset);
        }
        byte[] sector = new byte[BlockDevice.SECTOR_SIZE];
        dev.read(offset, sector, 0, sector.length);
        VolumeIo io = new VolumeIo(dev, offset, BootSector.parse(sector, dev.size() - offset));
        try {
            io.load();
            FileRecord root = io.file(VolumeIo.RECORD_ROOT);
            if (!root.base.isDirectory()) {
                throw new NtfsException("root directory record is not a directory");
            }
        } catch (RuntimeException e) { // defence in depth: a missed check must not escape as a crash
            throw new NtfsException("corrupt volume: " + e);
        }
        return new NtfsVolume(io, clock);
    }

    /** The entries of directory {@code path}, in NTFS collation order, without system files. */
    public List<NtfsEntry> list(String path) throws IOException {
        try {
            FileRecord dir = io.file(resolve(path).record());
            if (!dir.base.isDirectory()) {
                throw new NtfsException(path + ": not a directory");
            }
            List<NtfsEntry> out = new ArrayList<>();
            for (IndexEntry e : io.readIndex(dir)) {
                if (e.namespace() != FileName.NS_DOS && e.recordNumber() >= 16) {
                    out.add(entry(io.file(e.recordNumber()), e.name()));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new NtfsException(path + ": corrupt volume: " + e);
        }
    }

    /** The file or directory at {@code path}. */
    public NtfsEntry stat(String path) throws IOException {
        try {
            Located l = resolve(path);
            return entry(io.file(l.record()), l.name());
        } catch (RuntimeException e) {
            throw new NtfsException(path + ": corrupt volume: " + e);
        }
    }

    /** Copies the contents of file {@code path} to {@code out}. */
    public void read(String path, OutputStream out, ProgressListener progress) throws IOException {
        try {
            FileRecord f = io.file(resolve(path).record());
            if (f.base.isDirectory()) {
                throw new NtfsException(path + ": is a directory");
            }
            VolumeIo.Stream s = io.stream(f, Attr.DATA, "");
            long size = s == null ? 0 : s.size();
            byte[] buf = new byte[(int) Math.min(VolumeIo.chunkSize(), Math.max(size, 1))];
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(buf.length, size - done);
                io.readStream(s, done, buf, 0, n);
                out.write(buf, 0, n);
                done += n;
                progress.progress(done, size);
            }
        } catch (RuntimeException e) {
            throw new NtfsException(path + ": corrupt volume: " + e);
        }
    }

    /** Creates or replaces file {@code path} with {@code size} bytes from {@code in}. */
    public void write(String path, InputStream in, long size, ProgressListener progress) throws IOException {
        writable();
        Parent p = parent(path);
        IndexEntry existing = find(p.entries(), p.name());
        long now = NtTime.of(clock.instant());
        IndexEntry replaced = existing;
        MftRecord rec;
        List<Runlist.Run> oldRuns = List.of();
        if (existing != null) {
            FileRecord f = io.file(existing.recordNumber());
            if (f.base.isDirectory()) {
                throw new NtfsException(path + ": is a directory");
            }
            if (f.hasAttributeList) {
                removeFile(f);
                rec = newRecord(p, ATTR_NORMAL_FILE, false, now);
            } else {
                rec = f.base;
                MftRecord.Attribute data = rec.find(Attr.DATA, "");
                if (data != null) {
                    oldRuns = data.nonResident() ? data.runs(io.totalClusters) : List.of();
                    rec.remove(data);
                }
            }
        } else {
            rec = newRecord(p, ATTR_NORMAL_FILE, false, now);
        }
        long allocated = writeData(rec, in, size, progress, path);
        io.clusters.release(oldRuns);
        setTimes(rec, now);
        byte[] fn = updateFileName(rec, allocated, size, now);
        io.writeRecord(rec);
        List<IndexEntry> entries = new ArrayList<>(p.entries());
        if (replaced != null) {
            entries.remove(replaced);
        }
        entries.add(new IndexEntry(rec.reference(), fn));
        saveIndex(p.dir(), entries);
    }

    /** Creates directory {@code path}; its parent must exist. */
    public void mkdir(String path) throws IOException {
        writable();
        Parent p = parent(path);
        if (find(p.entries(), p.name()) != null) {
            throw new NtfsException(path + ": already exists");
        }
        long now = NtTime.of(clock.instant());
        MftRecord rec = newRecord(p, 0, true, now);
        io.rebuildIndex(rec, List.of());
        io.writeRecord(rec);
        List<IndexEntry> entries = new ArrayList<>(p.entries());
        entries.add(new IndexEntry(rec.reference(), rec.find(Attr.FILE_NAME, "").value()));
        saveIndex(p.dir(), entries);
    }

    /** Removes file {@code path}, or directory {@code path} if it is empty. */
    public void remove(String path) throws IOException {
        writable();
        Parent p = parent(path);
        IndexEntry e = find(p.entries(), p.name());
        if (e == null) {
            throw new NtfsException(path + ": no such file or directory");
        }
        FileRecord f = io.file(e.recordNumber());
        if (f.base.isDirectory() && !io.readIndex(f).isEmpty()) {
            throw new NtfsException(path + ": directory not empty");
        }
        List<IndexEntry> entries = new ArrayList<>(p.entries());
        entries.removeIf(x -> x.recordNumber() == e.recordNumber());
        saveIndex(p.dir(), entries);
        removeFile(f);
        io.commitBitmaps();
    }

    /** The volume label from $Volume's $VOLUME_NAME (empty when the volume has none). */
    public String label() throws IOException {
        try {
            VolumeIo.Stream name = io.stream(io.file(VolumeIo.RECORD_VOLUME), Attr.VOLUME_NAME, "");
            if (name == null) {
                return "";
            }
            if (!name.isResident() || name.size() % 2 != 0 || name.size() > MAX_LABEL_BYTES) {
                throw new NtfsException("$Volume has a malformed $VOLUME_NAME");
            }
            return Le.utf16(name.resident(), 0, (int) name.size() / 2);
        } catch (RuntimeException e) {
            throw new NtfsException("corrupt volume: " + e);
        }
    }

    /** Bytes in the volume's clusters (the boot sector's sector count rounded down to whole clusters). */
    public long totalBytes() {
        return io.totalClusters * io.clusterSize;
    }

    /** Bytes in clusters that $Bitmap marks free. */
    public long freeBytes() {
        return io.clusters.free() * io.clusterSize;
    }

    /** Bytes per cluster, the unit of allocation. */
    public int clusterSize() {
        return io.clusterSize;
    }

    /** NTFS consistency problems found (empty when the volume is clean). */
    public List<String> check() throws IOException {
        try {
            return new NtfsChecker(io).check();
        } catch (RuntimeException e) {
            throw new NtfsException("corrupt volume: " + e);
        }
    }

    /** Writes pending bitmap changes and makes every write durable. */
    public void flush() throws IOException {
        if (!io.dev.readOnly()) {
            io.commitBitmaps();
        }
        io.dev.flush();
    }

    /** Flushes; the device stays open (its owner closes it). */
    @Override
    public void close() throws IOException {
        flush();
    }

    // ---- internals ----

    /**
     * Fills the root and $Extend indexes of a freshly formatted volume with the system files
     * among {@code recs} (their $FILE_NAME parents say which directory holds them).
     */
    void buildSystemIndexes(List<MftRecord> recs) throws IOException {
        List<IndexEntry> root = new ArrayList<>();
        List<IndexEntry> extend = new ArrayList<>();
        for (MftRecord r : recs) {
            MftRecord.Attribute fn = r.find(Attr.FILE_NAME, "");
            if (fn != null && r.inUse()) {
                byte[] v = fn.value();
                (FileName.parent(v) == VolumeIo.RECORD_ROOT_REF ? root : extend).add(new IndexEntry(r.reference(), v));
            }
        }
        saveIndex(io.readRecord(VolumeIo.RECORD_ROOT), root);
        saveIndex(io.readRecord(11), extend);
    }

    private record Located(long record, String name) {
    }

    private record Parent(MftRecord dir, List<IndexEntry> entries, String name) {
    }

    private void writable() throws NtfsException {
        if (io.dev.readOnly()) {
            throw new NtfsException("volume is read-only");
        }
    }

    private static List<String> components(String path) throws NtfsException {
        if (path == null || !path.startsWith("/")) {
            throw new NtfsException("path must be absolute: " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.equals(".")) {
                parts.add(s);
            }
        }
        return parts;
    }

    private Located resolve(String path) throws IOException {
        long cur = VolumeIo.RECORD_ROOT;
        String name = "";
        int depth = 0;
        for (String part : components(path)) {
            FileRecord dir = io.file(cur);
            if (!dir.base.isDirectory()) {
                throw new NtfsException(path + ": not a directory on the way");
            }
            IndexEntry e = find(io.readIndex(dir), part);
            if (e == null || ++depth > 256) {
                throw new NtfsException(path + ": no such file or directory");
            }
            cur = e.recordNumber();
            name = e.name();
        }
        return new Located(cur, name);
    }

    private IndexEntry find(List<IndexEntry> entries, String name) {
        for (IndexEntry e : entries) {
            if (io.upcase.equalsIgnoreCase(e.name(), name)) {
                return e;
            }
        }
        return null;
    }

    private Parent parent(String path) throws IOException {
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            throw new NtfsException("cannot change the root directory itself");
        }
        String name = parts.getLast();
        validateName(name);
        StringBuilder dirPath = new StringBuilder("/");
        for (int i = 0; i < parts.size() - 1; i++) {
            dirPath.append(parts.get(i)).append('/');
        }
        FileRecord dir = io.file(resolve(dirPath.toString()).record());
        if (!dir.base.isDirectory()) {
            throw new NtfsException(dirPath + ": not a directory");
        }
        if (dir.hasAttributeList) {
            throw new NtfsException(dirPath + ": directories with attribute lists cannot be changed");
        }
        return new Parent(dir.base, io.readIndex(dir), name);
    }

    /** Names valid in the Win32 namespace (NTFS documentation, "Filename namespaces"). */
    private static void validateName(String name) throws NtfsException {
        if (name.length() > 255 || name.endsWith(".") || name.endsWith(" ") || name.equals("..")) {
            throw new NtfsException("invalid file name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || "\"*/:<>?\\|".indexOf(c) >= 0) {
                throw new NtfsException("invalid character in file name: " + name);
            }
        }
    }

    private MftRecord newRecord(Parent p, int attributes, boolean directory, long now) throws IOException {
        long n = io.allocateRecord();
        MftRecord rec = MftRecord.create(n, io.nextSequence(n), MftRecord.FLAG_IN_USE | (directory ? MftRecord.FLAG_DIRECTORY : 0));
        rec.setLinkCount(1);
        rec.addResident(Attr.STANDARD_INFORMATION, "", Attr.standardInformation(now, attributes, SecureFile.DEFAULT_ID), 0);
        int fnAttrs = directory ? FileName.ATTR_DIRECTORY_INDEX : attributes;
        rec.addResident(Attr.FILE_NAME, "", FileName.build(p.dir().reference(), now, 0, 0, fnAttrs, p.name(), FileName.NS_WIN32), 1);
        return rec;
    }

    /** Adds the $DATA attribute with the stream's bytes; returns the allocated size. */
    private long writeData(MftRecord rec, InputStream in, long size, ProgressListener progress, String path) throws IOException {
        byte[] small = null;
        if (size <= RESIDENT_MAX) {
            small = readFully(in, (int) size, path);
            if (rec.addResident(Attr.DATA, "", small, 0)) {
                progress.progress(size, size);
                return Le.align8((int) size);
            }
        }
        long clusterCount = (size + io.clusterSize - 1) / io.clusterSize;
        List<Runlist.Run> runs = io.allocateClusters(clusterCount, 0);
        try {
            if (!rec.addNonResident(Attr.DATA, "", runs, size, size, io.clusterSize)) {
                throw new NtfsException(path + ": too fragmented for one MFT record (free space is scattered)");
            }
            byte[] buf = new byte[(int) Math.min(VolumeIo.chunkSize(), clusterCount * io.clusterSize)];
            long total = clusterCount * io.clusterSize;
            for (long done = 0; done < total; ) {
                int n = (int) Math.min(buf.length, total - done);
                int data = (int) Math.max(0, Math.min(n, size - done));
                if (small != null) {
                    System.arraycopy(small, (int) done, buf, 0, data);
                } else {
                    byte[] got = readFully(in, data, path);
                    System.arraycopy(got, 0, buf, 0, data);
                }
                java.util.Arrays.fill(buf, data, n, (byte) 0);
                io.writeStream(runs, done, buf, 0, n);
                done += n;
                progress.progress(Math.min(done, size), size);
            }
        } catch (IOException | RuntimeException e) {
            io.clusters.release(runs);
            throw e;
        }
        return clusterCount * io.clusterSize;
    }

    private static byte[] readFully(InputStream in, int n, String path) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException(path + ": input ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static void setTimes(MftRecord rec, long now) {
        MftRecord.Attribute si = rec.find(Attr.STANDARD_INFORMATION, "");
        if (si != null && !si.nonResident() && si.dataSize() >= 32) {
            int v = si.offset + Le.u16(rec.data, si.offset + 20);
            Le.put64(rec.data, v + 8, now);
            Le.put64(rec.data, v + 16, now);
            Le.put64(rec.data, v + 24, now);
        }
    }

    /** Updates the sizes and times in every $FILE_NAME of the record; returns the Win32/POSIX one. */
    private static byte[] updateFileName(MftRecord rec, long allocated, long size, long now) throws NtfsException {
        byte[] main = null;
        for (MftRecord.Attribute a : rec.attributes()) {
            if (a.type() == Attr.FILE_NAME && !a.nonResident()) {
                int v = a.offset + Le.u16(rec.data, a.offset + 20);
                Le.put64(rec.data, v + 40, allocated);
                Le.put64(rec.data, v + 48, size);
                Le.put64(rec.data, v + 16, now);
                Le.put64(rec.data, v + 24, now);
                Le.put64(rec.data, v + 32, now);
                byte[] value = a.value();
                if (main == null || FileName.namespace(value) != FileName.NS_DOS) {
                    main = value;
                }
            }
        }
        if (main == null) {
            throw new NtfsException("MFT record " + rec.number + " has no $FILE_NAME");
        }
        return main;
    }

    private void saveIndex(MftRecord dir, List<IndexEntry> entries) throws IOException {
        entries.sort(collation());
        io.rebuildIndex(dir, entries);
        io.writeRecord(dir);
        io.commitBitmaps();
    }

    private Comparator<IndexEntry> collation() {
        return (a, b) -> {
            int c = io.upcase.compare(a.name(), b.name());
            return c != 0 ? c : a.name().compareTo(b.name());
        };
    }

    private void removeFile(FileRecord f) throws IOException {
        for (FileRecord.Piece p : f.pieces) {
            if (p.attribute().nonResident()) {
                io.clusters.release(p.attribute().runs(io.totalClusters));
            }
        }
        List<MftRecord> recs = new ArrayList<>();
        recs.add(f.base);
        for (FileRecord.Piece p : f.pieces) {
            if (!recs.contains(p.record())) {
                recs.add(p.record());
            }
        }
        for (MftRecord r : recs) {
            r.setFlags(0);
            r.setLinkCount(0);
            int seq = (r.sequence() + 1) & 0xFFFF;
            r.setSequence(seq == 0 ? 1 : seq);
            io.writeRecord(r);
            io.records.set(r.number, false);
        }
    }

    private NtfsEntry entry(FileRecord f, String name) throws IOException {
        long created = 0;
        long modified = 0;
        for (FileRecord.Piece p : f.find(Attr.STANDARD_INFORMATION, "")) {
            byte[] si = p.attribute().value();
            if (si.length >= 16) {
                created = Le.i64(si, 0);
                modified = Le.i64(si, 8);
            }
        }
        VolumeIo.Stream data = f.base.isDirectory() ? null : io.stream(f, Attr.DATA, "");
        return new NtfsEntry(name, f.base.isDirectory(), data == null ? 0 : data.size(), NtTime.toInstant(created),
                NtTime.toInstant(modified));
    }
}
