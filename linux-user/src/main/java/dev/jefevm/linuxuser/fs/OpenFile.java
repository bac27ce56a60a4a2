package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;

/**
 * An open file description (POSIX "open file description"): what file descriptors point at and
 * share after dup and fork, with its status flags and a reference count; {@link #release()} runs
 * when the last descriptor closes. Operations return a count or a negated errno, or
 * {@link Errno#BLOCK} when the caller must wait.
 */
public abstract class OpenFile {

    public static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40,
            O_EXCL = 0x80, O_NOCTTY = 0x100, O_TRUNC = 0x200, O_APPEND = 0x400, O_NONBLOCK = 0x800,
            O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;

    private int references = 1;
    /** The flags F_GETFL reports (access mode and O_APPEND / O_NONBLOCK). */
    public int statusFlags;

    protected OpenFile(int statusFlags) {
        this.statusFlags = statusFlags;
    }

    public long read(byte[] buf, int off, int len) {
        return -Errno.EBADF;
    }

    public long write(byte[] buf, int off, int len) {
        return -Errno.EBADF;
    }

    public long pread(byte[] buf, int off, int len, long position) {
        return -Errno.ESPIPE;
    }

    public long pwrite(byte[] buf, int off, int len, long position) {
        return -Errno.ESPIPE;
    }

    public long seek(long offset, int whence) {
        return -Errno.ESPIPE;
    }

    /** getdents64 records into {@code buf}: bytes filled, or a negated errno. */
    public long readDirectory(byte[] buf) {
        return -Errno.ENOTDIR;
    }

    public abstract FileStat stat() throws java.io.IOException;

    /** The host path this description was opened from, or null (pipes, streams). */
    public java.nio.file.Path path() {
        return null;
    }

    /** True if reading would not block right now (poll/select). */
    public boolean readable() {
        return true;
    }

    public final void retain() {
        references++;
    }

    /** Drops one reference; the last one releases the file. */
    public final void close() {
        if (--references == 0) {
            release();
        }
    }

    protected void release() {
    }

    protected final boolean canRead() {
        return (statusFlags & O_ACCMODE) != O_WRONLY;
    }

    protected final boolean canWrite() {
        return (statusFlags & O_ACCMODE) != O_RDONLY;
    }
}
