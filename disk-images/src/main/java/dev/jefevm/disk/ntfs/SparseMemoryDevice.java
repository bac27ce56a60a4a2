package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A disk held in memory in 64 KiB chunks, allocated only when written: lets a large image be
 * built (and tested) using memory only for the parts that hold data. Not thread-safe.
 */
final class SparseMemoryDevice implements BlockDevice {

    static final int CHUNK = 64 * 1024;

    private final long size;
    private final Map<Long, byte[]> chunks = new HashMap<>();

    SparseMemoryDevice(long size) {
        this.size = size;
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
        bounds(offset, length);
        int done = 0;
        while (done < length) {
            long p = offset + done;
            int in = (int) (p % CHUNK);
            int n = Math.min(length - done, CHUNK - in);
            byte[] c = chunks.get(p / CHUNK);
            if (c == null) {
                java.util.Arrays.fill(dst, dstOffset + done, dstOffset + done + n, (byte) 0);
            } else {
                System.arraycopy(c, in, dst, dstOffset + done, n);
            }
            done += n;
        }
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) throws IOException {
        bounds(offset, length);
        int done = 0;
        while (done < length) {
            long p = offset + done;
            int in = (int) (p % CHUNK);
            int n = Math.min(length - done, CHUNK - in);
            chunks.computeIfAbsent(p / CHUNK, k -> new byte[CHUNK]);
            System.arraycopy(src, srcOffset + done, chunks.get(p / CHUNK), in, n);
            done += n;
        }
    }

    private void bounds(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IOException("access outside the disk: " + offset + "+" + length);
        }
    }

    /** Written chunks in disk order, keyed by byte offset. */
    Map<Long, byte[]> chunks() {
        Map<Long, byte[]> out = new TreeMap<>();
        for (Map.Entry<Long, byte[]> e : chunks.entrySet()) {
            out.put(e.getKey() * CHUNK, e.getValue());
        }
        return out;
    }

    @Override
    public void flush() {
        // memory is as durable as it gets here
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
