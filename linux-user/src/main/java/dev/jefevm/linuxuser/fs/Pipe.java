package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;

/**
 * A pipe (pipe(7)): a 64 KiB ring buffer with a read end and a write end. Reading an empty pipe
 * blocks while a writer remains and returns 0 (end of file) after the last one closed; writing
 * to a full pipe blocks; writing with no reader left fails with EPIPE (the kernel then raises
 * SIGPIPE). Writes of up to 4 KiB (PIPE_BUF) are never split.
 */
public final class Pipe {

    static final int CAPACITY = 64 * 1024;
    static final int PIPE_BUF = 4096;

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int count;
    private int readers;
    private int writers;
    private final long ino;

    private Pipe(long ino) {
        this.ino = ino;
    }

    /** A new pipe's ends: [read, write]. */
    public static OpenFile[] create(long ino, int flags) {
        Pipe p = new Pipe(ino);
        p.readers = 1;
        p.writers = 1;
        return new OpenFile[] {p.new ReadEnd(flags & OpenFile.O_NONBLOCK), p.new WriteEnd(OpenFile.O_WRONLY | (flags & OpenFile.O_NONBLOCK))};
    }

    final class ReadEnd extends OpenFile {
        ReadEnd(int flags) {
            super(flags);
        }

        @Override
        public long read(byte[] buf, int off, int len) {
            if (count == 0) {
                if (writers == 0 || len == 0) {
                    return 0;
                }
                return (statusFlags & O_NONBLOCK) != 0 ? -Errno.EAGAIN : Errno.BLOCK;
            }
            int n = Math.min(len, count);
            for (int i = 0; i < n; i++) {
                buf[off + i] = ring[(head + i) % CAPACITY];
            }
            head = (head + n) % CAPACITY;
            count -= n;
            return n;
        }

        @Override
        public boolean readable() {
            return count > 0 || writers == 0;
        }

        @Override
        public FileStat stat() {
            return FileStat.fifo(ino);
        }

        @Override
        protected void release() {
            readers--;
        }
    }

    final class WriteEnd extends OpenFile {
        WriteEnd(int flags) {
            super(flags);
        }

        @Override
        public long write(byte[] buf, int off, int len) {
            if (readers == 0) {
                return -Errno.EPIPE;
            }
            int space = CAPACITY - count;
            if (space == 0 || len <= PIPE_BUF && space < len) {
                return (statusFlags & O_NONBLOCK) != 0 ? -Errno.EAGAIN : Errno.BLOCK;
            }
            int n = Math.min(len, space);
            for (int i = 0; i < n; i++) {
                ring[(head + count + i) % CAPACITY] = buf[off + i];
            }
            count += n;
            return n;
        }

        @Override
        public FileStat stat() {
            return FileStat.fifo(ino);
        }

        @Override
        protected void release() {
            writers--;
        }
    }
}
