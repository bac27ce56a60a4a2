package dev.jefevm.disk;

import java.io.Closeable;
import java.io.IOException;

/**
 * A disk as a device model sees it: a fixed number of bytes (a whole number of 512-byte
 * sectors) read and written at byte offsets, and a flush that puts every completed write on
 * stable storage (what ATA FLUSH CACHE promises the guest). Implementations are the image
 * formats (raw, qcow2, a copy-on-write overlay). Not thread-safe: one I/O thread uses it.
 */
public interface BlockDevice extends Closeable {

    int SECTOR_SIZE = 512;

    /** The disk's size in bytes, a multiple of {@link #SECTOR_SIZE}. */
    long size();

    /** True if writes are refused (the image was opened read-only). */
    boolean readOnly();

    /** Reads {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}; the range lies inside the disk. */
    void read(long offset, byte[] dst, int dstOffset, int length) throws IOException;

    /** Writes {@code length} bytes from {@code src[srcOffset..]} at {@code offset}; the range lies inside the disk. */
    void write(long offset, byte[] src, int srcOffset, int length) throws IOException;

    /** Makes every completed write durable (fsync of the image file and its metadata). */
    void flush() throws IOException;
}
