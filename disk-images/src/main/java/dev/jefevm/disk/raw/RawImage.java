package dev.jefevm.disk.raw;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.ImageFiles;
import dev.jefevm.disk.Ranges;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A raw disk image: the file's bytes are the disk's bytes. Uses positional I/O on one
 * FileChannel, so reads and writes never move a shared file pointer; {@link #flush()} is
 * {@code fsync} (data and metadata). A file whose length is not a whole number of sectors shows
 * only its whole sectors to the guest.
 */
public final class RawImage implements BlockDevice {

    private final FileChannel channel;
    private final boolean readOnly;
    private final long size;
    private final Path path;

    private RawImage(Path path, FileChannel channel, boolean readOnly) throws IOException {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
        this.size = channel.size() / SECTOR_SIZE * SECTOR_SIZE;
    }

    /** Opens an existing raw image file. */
    public static RawImage open(Path path, boolean readOnly) throws IOException {
        return new RawImage(path, ImageFiles.open(path, readOnly), readOnly);
    }

    /** Creates a new raw image of {@code size} bytes (a sparse file of zeros); refuses an existing file. */
    public static void create(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (size > 0) {
                // Writing the last byte sets the length without allocating the zeros before it.
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            channel.force(true);
        }
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
        ByteBuffer buffer = ByteBuffer.wrap(dst, dstOffset, length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + buffer.position() - dstOffset);
            if (n < 0) {
                throw new EOFException(path + ": file shrank while in use");
            }
        }
    }

    @Override
    public void write(long offset, byte[] src, int srcOffset, int length) throws IOException {
        Ranges.checkWrite(offset, length, size, src, srcOffset, readOnly, path.toString());
        ByteBuffer buffer = ByteBuffer.wrap(src, srcOffset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position() - srcOffset);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
