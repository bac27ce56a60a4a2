package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.ImageFiles;
import dev.jefevm.disk.Ranges;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A qcow2 version 3 image (QEMU docs/interop/qcow2.txt) as a {@link BlockDevice}: guest
 * clusters map through the L1 table and L2 tables to host clusters; unallocated and zero
 * clusters read as zeros. A write to an unallocated cluster appends a new host cluster (and an
 * L2 table if needed) at the end of the file in crash-safe order: data and refcounts first, a
 * write barrier, then the L2 entries, then the L1 entries, so a crash leaves at worst leaked
 * clusters, never a table pointing at an uncounted cluster. Like a disk's write cache (and
 * QEMU's metadata cache), the new L2/L1 entries are held in memory and written in that order at
 * {@link #flush()} (the guest's FLUSH CACHE), on close, when many are pending, or before an L2
 * table is read back from the file. Compressed clusters, encryption, backing files, external
 * data files and writing to images with internal snapshots are refused.
 */
public final class Qcow2Image implements BlockDevice {

    /** L1/L2 entry bit 63: refcount is exactly one, writes may go in place. */
    static final long COPIED = 1L << 63;
    /** L2 entry bit 62: compressed cluster descriptor. */
    static final long COMPRESSED = 1L << 62;
    /** Standard L2 entry bit 0: the cluster reads as zeros. */
    static final long ZERO = 1L;
    /** Table entries held back before they are written anyway (bounds memory and loss on a crash). */
    private static final int MAX_PENDING = 4096;

    private final Qcow2File file;
    private final Qcow2Header header;
    private final boolean readOnly;
    private final long size;
    private final int clusterBits;
    private final int clusterSize;
    private final int l2Bits;
    private final long[] l1;
    private final L2Cache l2Cache;
    private final Qcow2Refcounts refcounts;
    private final byte[] clusterBuffer;
    private final PendingWrites pendingL2 = new PendingWrites();
    private final PendingWrites pendingL1 = new PendingWrites();

    private Qcow2Image(Qcow2File file, Qcow2Header header, boolean readOnly, long[] l1, Qcow2Refcounts refcounts) {
        this.file = file;
        this.header = header;
        this.readOnly = readOnly;
        this.size = header.size() / SECTOR_SIZE * SECTOR_SIZE;
        this.clusterBits = header.clusterBits();
        this.clusterSize = header.clusterSize();
        this.l2Bits = clusterBits - 3;
        this.l1 = l1;
        this.l2Cache = new L2Cache(file, header.l2Entries());
        this.refcounts = refcounts;
        this.clusterBuffer = readOnly ? null : new byte[clusterSize];
    }

    /** Opens an existing qcow2 v3 image, validating its header and tables before use. */
    public static Qcow2Image open(Path path, boolean readOnly) throws IOException {
        FileChannel channel = ImageFiles.open(path, readOnly);
        try {
            return open(channel, path.toString(), readOnly);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Qcow2Image open(FileChannel channel, String name, boolean readOnly) throws IOException {
        Qcow2Header header = readHeader(channel, name);
        Qcow2File file = new Qcow2File(channel, name, header.clusterSize());
        if (!readOnly) {
            refuseWriting(header, name);
        }
        long[] l1 = readL1(file, header);
        Qcow2Refcounts refcounts = Qcow2Refcounts.load(file, header);
        if (!readOnly && header.autoclearFeatures() != 0) {
            // Spec: a writer that does not know the auto-clear features (e.g. bitmaps) clears them first.
            file.writeLong(88, 0);
            file.barrier();
        }
        return new Qcow2Image(file, header, readOnly, l1, refcounts);
    }

    /** Reads and validates the header and its extensions from the first cluster. */
    static Qcow2Header readHeader(FileChannel channel, String name) throws IOException {
        long fileSize = channel.size();
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(fileSize, Qcow2Header.LENGTH_WITH_COMPRESSION_TYPE));
        readFully(channel, head, 0);
        Qcow2Header header = Qcow2Header.parse(head.flip(), fileSize, name);
        ByteBuffer first = ByteBuffer.allocate(header.clusterSize());
        readFully(channel, first, 0);
        Qcow2HeaderExtensions.walk(first.flip(), header, name);
        return header;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return;
            }
        }
    }

    private static void refuseWriting(Qcow2Header header, String name) throws DiskImageException {
        if (header.corrupt()) {
            throw new DiskImageException(name + ": qcow2 image is marked corrupt; open it read-only or repair it with 'qemu-img check -r all'");
        }
        if (header.dirty()) {
            throw new DiskImageException(name + ": qcow2 image was not closed cleanly (dirty bit); repair it with 'qemu-img check -r all'");
        }
        if (header.snapshotCount() != 0) {
            throw new DiskImageException(name + ": writing qcow2 images with internal snapshots is not supported");
        }
    }

    private static long[] readL1(Qcow2File file, Qcow2Header header) throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(header.l1Size() * 8);
        file.read(raw, header.l1TableOffset());
        long[] l1 = new long[header.l1Size()];
        for (int i = 0; i < l1.length; i++) {
            l1[i] = raw.getLong(i * 8);
        }
        return l1;
    }

    public Qcow2Header header() {
        return header;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) throws IOException {
        Ranges.check(offset, length, size, dst, dstOffset);
        while (length > 0) {
            int inCluster = (int) (offset & (clusterSize - 1));
            int n = Math.min(length, clusterSize - inCluster);
            long host = hostCluster(offset >>> clusterBits);
            if (host == 0) {
                Arrays.fill(dst, dstOffset, dstOffset + n, (byte) 0);
            } else {
                file.read(ByteBuffer.wrap(dst, dstOffset, n), host + inCluster);
            }
            offset += n;
            dstOffset += n;
            length -= n;
        }
    }

    /** The host offset of guest cluster {@code cluster}, or 0 if it reads as zeros. */
    private long hostCluster(long cluster) throws IOException {
        long l2Offset = l2TableOffset((int) (cluster >>> l2Bits));
        if (l2Offset == 0) {
            return 0;
        }
        long entry = l2Table(l2Offset)[(int) (cluster & ((1 << l2Bits) - 1))];
        if ((entry & COMPRESSED) != 0) {
            throw compressedCluster();
        }
        if ((entry & ZERO) != 0) {
            return 0;
        }
        return dataOffset(entry);
    }

    private long dataOffset(long entry) throws DiskImageException {
        long offset = entry & Qcow2Header.OFFSET_MASK;
        if (offset % clusterSize != 0 || offset != 0 && offset < clusterSize) {
            throw file.corrupt("data cluster offset 0x" + Long.toHexString(offset) + " is invalid");
        }
        return offset;
    }

    private long l2TableOffset(int l1Index) throws IOException {
        long offset = l1[l1Index] & Qcow2Header.OFFSET_MASK;
        if (offset != 0 && (offset % clusterSize != 0 || offset < clusterSize || offset > file.size() - clusterSize)) {
            throw file.corrupt("L2 table offset 0x" + Long.toHexString(offset) + " is invalid");
        }
        return offset;
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) throws IOException {
        Ranges.checkWrite(offset, length, size, src, srcOffset, readOnly, file.name());
        try {
            while (length > 0) {
                int inCluster = (int) (offset & (clusterSize - 1));
                int n = Math.min(length, clusterSize - inCluster);
                writeInCluster(offset >>> clusterBits, inCluster, src, srcOffset, n);
                offset += n;
                srcOffset += n;
                length -= n;
            }
        } finally {
            if (pendingL2.size() + pendingL1.size() >= MAX_PENDING) {
                commitMappings();
            }
        }
    }

    private void writeInCluster(long cluster, int inCluster, byte[] src, int srcOffset, int n) throws IOException {
        int l1Index = (int) (cluster >>> l2Bits);
        int l2Index = (int) (cluster & ((1 << l2Bits) - 1));
        long l2Offset = l2TableOffset(l1Index);
        long[] l2;
        if (l2Offset == 0) {
            l2Offset = file.allocate();
            file.write(ByteBuffer.allocate(clusterSize), l2Offset);
            refcounts.add(l2Offset, 1);
            l2 = l2Cache.putEmpty(l2Offset);
            l1[l1Index] = l2Offset | COPIED;
            pendingL1.add(header.l1TableOffset() + 8L * l1Index, l1[l1Index]);
        } else {
            l2 = l2Table(l2Offset);
        }
        long entry = l2[l2Index];
        if ((entry & COMPRESSED) != 0) {
            throw compressedCluster();
        }
        long host = dataOffset(entry);
        if (host != 0 && (entry & ZERO) == 0) {
            file.write(ByteBuffer.wrap(src, srcOffset, n), host + inCluster);
            return;
        }
        // A new cluster, or a zero cluster (possibly preallocated): write it whole, zeros around the data.
        boolean fresh = host == 0;
        if (fresh) {
            host = file.allocate();
        }
        if (n == clusterSize) {
            file.write(ByteBuffer.wrap(src, srcOffset, n), host);
        } else {
            Arrays.fill(clusterBuffer, (byte) 0);
            System.arraycopy(src, srcOffset, clusterBuffer, inCluster, n);
            file.write(ByteBuffer.wrap(clusterBuffer), host);
        }
        if (fresh) {
            refcounts.add(host, 1);
        }
        l2[l2Index] = host | COPIED;
        pendingL2.add(l2Offset + 8L * l2Index, l2[l2Index]);
    }

    private DiskImageException compressedCluster() {
        return new DiskImageException(file.name() + ": compressed qcow2 clusters are not supported"
                + " (decompress with 'qemu-img convert -O qcow2')");
    }

    /** The L2 table at {@code offset}; pending entries reach the file before a table is read from it. */
    private long[] l2Table(long offset) throws IOException {
        if (!l2Cache.contains(offset)) {
            commitMappings();
        }
        return l2Cache.get(offset);
    }

    /** Data and refcounts are written; after a barrier, point the L2 tables, then the L1 table, at them. */
    private void commitMappings() throws IOException {
        if (pendingL2.isEmpty() && pendingL1.isEmpty()) {
            return;
        }
        file.barrier();
        pendingL2.writeTo(file);
        pendingL1.writeTo(file);
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            commitMappings();
            file.sync();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            file.close();
        }
    }

    /** 8-byte table entries to write later, in the order they were added. */
    private static final class PendingWrites {
        private long[] positions = new long[16];
        private long[] values = new long[16];
        private int count;

        void add(long position, long value) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            positions[count] = position;
            values[count] = value;
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }

        int size() {
            return count;
        }

        void writeTo(Qcow2File file) throws IOException {
            for (int i = 0; i < count; i++) {
                file.writeLong(positions[i], values[i]);
            }
            count = 0;
        }
    }
}
