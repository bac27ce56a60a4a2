package dev.jefevm.devices.ata;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A sparse in-memory disk for tests: counts flushes and can be told to fail its I/O. */
final class MemoryDisk implements BlockDevice {

    private final long size;
    private final Map<Long, byte[]> sectors = new HashMap<>();
    private boolean readOnly;
    int flushes;
    boolean failing;
    boolean closed;

    MemoryDisk(long size) {
        this.size = size;
    }

    MemoryDisk makeReadOnly() {
        readOnly = true;
        return this;
    }

    /** Sector {@code lba} filled with a pattern that names the sector and byte. */
    static int pattern(long lba, int i) {
        return (int) ((lba * 7 + i) & 0xFF);
    }

    void fillPattern(long firstLba, int count) {
        for (long lba = firstLba; lba < firstLba + count; lba++) {
            byte[] s = new byte[SECTOR_SIZE];
            for (int i = 0; i < SECTOR_SIZE; i++) {
                s[i] = (byte) pattern(lba, i);
            }
            sectors.put(lba, s);
        }
    }

    byte[] sector(long lba) {
        return sectors.getOrDefault(lba, new byte[SECTOR_SIZE]).clone();
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
        if (failing) {
            throw new IOException("simulated EIO");
        }
        for (int done = 0; done < length; done += SECTOR_SIZE) {
            System.arraycopy(sector((offset + done) / SECTOR_SIZE), 0, dst, dstOffset + done, SECTOR_SIZE);
        }
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) throws IOException {
        if (failing) {
            throw new IOException("simulated ENOSPC");
        }
        for (int done = 0; done < length; done += SECTOR_SIZE) {
            byte[] s = new byte[SECTOR_SIZE];
            System.arraycopy(src, srcOffset + done, s, 0, SECTOR_SIZE);
            sectors.put((offset + done) / SECTOR_SIZE, s);
        }
    }

    @Override
    public void flush() throws IOException {
        if (failing) {
            throw new IOException("simulated EIO");
        }
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }
}
