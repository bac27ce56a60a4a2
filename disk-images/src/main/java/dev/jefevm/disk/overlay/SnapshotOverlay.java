package dev.jefevm.disk.overlay;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.Ranges;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A copy-on-write layer over a read-only base disk, as QEMU's {@code -snapshot}: the first
 * write to a 64 KiB cluster copies it from the base into a temporary file (deleted when the
 * overlay closes, or by the OS if the process dies), later reads and writes of that cluster go
 * to the copy, and untouched clusters read through to the base. The base is never written.
 */
public final class SnapshotOverlay implements BlockDevice {

    static final int CLUSTER_BITS = 16;
    static final int CLUSTER_SIZE = 1 << CLUSTER_BITS;
    /** Clusters per chunk of the cluster map: the map grows by chunks only where the guest wrote. */
    private static final int CHUNK_BITS = 12;

    private final BlockDevice base;
    private final FileChannel overlay;
    private final long size;
    /** Overlay file offset + 1 of each copied cluster (0 = not copied), in lazily made chunks. */
    private final long[][] map;
    private final byte[] clusterBuffer = new byte[CLUSTER_SIZE];
    private long overlayEnd;

    private SnapshotOverlay(BlockDevice base, FileChannel overlay) {
        this.base = base;
        this.overlay = overlay;
        this.size = base.size();
        long clusters = (size + CLUSTER_SIZE - 1) >>> CLUSTER_BITS;
        this.map = new long[(int) ((clusters + (1 << CHUNK_BITS) - 1) >>> CHUNK_BITS)][];
    }

    /** Puts an overlay in a new temporary file over {@code base}, which the overlay then owns (closes). */
    public static SnapshotOverlay over(BlockDevice base) throws IOException {
        Path file = Files.createTempFile("jefevm-snapshot-", ".overlay");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        // Unlink now so a killed process leaves nothing behind; the open channel keeps the data.
        Files.deleteIfExists(file);
        return new SnapshotOverlay(base, channel);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) throws IOException {
        Ranges.check(offset, length, size, dst, dstOffset);
        transfer(offset, dst, dstOffset, length, false);
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) throws IOException {
        Ranges.check(offset, length, size, src, srcOffset);
        transfer(offset, src, srcOffset, length, true);
    }

    /** Nothing to make durable: the overlay is thrown away when the VM stops. */
    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        try {
            overlay.close();
        } finally {
            base.close();
        }
    }

    /**
     * Moves {@code length} bytes between {@code array} and the disk at {@code offset}, one
     * cluster at a time: a read takes each cluster from its copy or else from the base; a write
     * goes to the cluster's copy, made first if the cluster has none yet.
     */
    private void transfer(long offset, byte[] array, int arrayOffset, int length, boolean write) throws IOException {
        while (length > 0) {
            long cluster = offset >>> CLUSTER_BITS;
            int inCluster = (int) (offset & (CLUSTER_SIZE - 1));
            int n = Math.min(length, CLUSTER_SIZE - inCluster);
            long copy = copyOf(cluster);
            if (write) {
                if (copy < 0) {
                    copy = copyCluster(cluster);
                }
                writeFully(ByteBuffer.wrap(array, arrayOffset, n), copy + inCluster);
            } else if (copy < 0) {
                base.read(offset, array, arrayOffset, n);
            } else {
                readFully(ByteBuffer.wrap(array, arrayOffset, n), copy + inCluster);
            }
            offset += n;
            arrayOffset += n;
            length -= n;
        }
    }

    private long copyOf(long cluster) {
        long[] chunk = map[(int) (cluster >>> CHUNK_BITS)];
        return chunk == null ? -1 : chunk[(int) (cluster & ((1 << CHUNK_BITS) - 1))] - 1;
    }

    private long copyCluster(long cluster) throws IOException {
        long start = cluster << CLUSTER_BITS;
        int n = (int) Math.min(CLUSTER_SIZE, size - start);
        base.read(start, clusterBuffer, 0, n);
        long at = overlayEnd;
        writeFully(ByteBuffer.wrap(clusterBuffer, 0, n), at);
        overlayEnd += CLUSTER_SIZE;
        int chunkIndex = (int) (cluster >>> CHUNK_BITS);
        if (map[chunkIndex] == null) {
            map[chunkIndex] = new long[1 << CHUNK_BITS];
        }
        map[chunkIndex][(int) (cluster & ((1 << CHUNK_BITS) - 1))] = at + 1;
        return at;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            int n = overlay.read(buffer, position + buffer.position() - start);
            if (n < 0) {
                throw new IOException("snapshot overlay file is shorter than expected");
            }
        }
    }

    private void writeFully(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            overlay.write(buffer, position + buffer.position() - start);
        }
    }
}
