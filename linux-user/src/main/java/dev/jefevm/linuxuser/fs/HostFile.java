package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular host file (or device such as /dev/null) opened through a {@link FileChannel}. */
public final class HostFile extends OpenFile {

    private final Path path;
    private final FileChannel channel;

    public HostFile(Path path, FileChannel channel, int statusFlags) {
        super(statusFlags);
        this.path = path;
        this.channel = channel;
    }

    @Override
    public long read(byte[] buf, int off, int len) {
        if (!canRead()) {
            return -Errno.EBADF;
        }
        try {
            int n = channel.read(ByteBuffer.wrap(buf, off, len));
            return Math.max(n, 0);
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    @Override
    public long write(byte[] buf, int off, int len) {
        if (!canWrite()) {
            return -Errno.EBADF;
        }
        try {
            if ((statusFlags & O_APPEND) != 0) {
                channel.position(channel.size());
            }
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return len;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    @Override
    public long pread(byte[] buf, int off, int len, long position) {
        try {
            return Math.max(channel.read(ByteBuffer.wrap(buf, off, len), position), 0);
        } catch (IOException | IllegalArgumentException e) {
            return e instanceof IOException io ? Errno.of(io) : -Errno.EINVAL;
        }
    }

    @Override
    public long pwrite(byte[] buf, int off, int len, long position) {
        try {
            return channel.write(ByteBuffer.wrap(buf, off, len), position);
        } catch (IOException | IllegalArgumentException e) {
            return e instanceof IOException io ? Errno.of(io) : -Errno.EINVAL;
        }
    }

    @Override
    public long seek(long offset, int whence) {
        try {
            long base = switch (whence) {
                case 0 -> 0;
                case 1 -> channel.position();
                case 2 -> channel.size();
                default -> -1;
            };
            if (base < 0 || base + offset < 0) {
                return -Errno.EINVAL;
            }
            channel.position(base + offset);
            return base + offset;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    /** ftruncate(2). */
    public long truncate(long length) {
        try {
            long size = channel.size();
            if (length < size) {
                channel.truncate(length);
            } else if (length > size) {
                channel.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
            return 0;
        } catch (IOException e) {
            return Errno.of(e);
        }
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    protected void release() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a host file cannot fail in a way the program could act on
        }
    }
}
