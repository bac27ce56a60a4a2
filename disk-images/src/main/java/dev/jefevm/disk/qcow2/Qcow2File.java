package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The qcow2 container file: positional reads and writes of whole buffers, the end-of-file
 * cluster allocator (new clusters always go at the end, so a crash can only leak them), and
 * the write barrier that orders metadata updates on stable storage.
 */
final class Qcow2File {

    private final FileChannel channel;
    private final String name;
    private final int clusterSize;
    private long end;

    Qcow2File(FileChannel channel, String name, int clusterSize) throws IOException {
        this.channel = channel;
        this.name = name;
        this.clusterSize = clusterSize;
        long size = channel.size();
        this.end = (size + clusterSize - 1) / clusterSize * clusterSize;
    }

    String name() {
        return name;
    }

    int clusterSize() {
        return clusterSize;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Reserves the next cluster at the end of the file and returns its offset; the caller writes it. */
    long allocate() {
        long at = end;
        end += clusterSize;
        return at;
    }

    /** The offset the next {@link #allocate()} returns. */
    long end() {
        return end;
    }

    /** Reads {@code buffer.remaining()} bytes at {@code position}; bytes past the end of the file read as zeros. */
    void read(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position() - start);
            if (n < 0) {
                // A file cut short reads as zeros past its end, like a sparse hole.
                while (buffer.hasRemaining()) {
                    buffer.put((byte) 0);
                }
            }
        }
    }

    void write(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position() - start);
        }
    }

    long readLong(long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        read(b, position);
        return b.getLong(0);
    }

    void writeLong(long position, long value) throws IOException {
        write(ByteBuffer.allocate(8).putLong(0, value), position);
    }

    /** Orders writes: everything written before is on stable storage before anything written after. */
    void barrier() throws IOException {
        channel.force(false);
    }

    /** fsync: data and file metadata. */
    void sync() throws IOException {
        channel.force(true);
    }

    void close() throws IOException {
        channel.close();
    }

    DiskImageException corrupt(String what) {
        return new DiskImageException(name + ": corrupt qcow2 image: " + what);
    }
}
