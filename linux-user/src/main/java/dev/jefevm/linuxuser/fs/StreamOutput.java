package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The runner's standard output or error: writes go straight to a host {@link OutputStream} and
 * are flushed. A write to a pipe whose reader has gone fails with EPIPE (the system-call layer
 * then raises SIGPIPE, pipe(7)); a descriptor jefevm itself got closed gives EBADF, a full disk
 * ENOSPC, and any other host failure EIO.
 */
public final class StreamOutput extends OpenFile {

    private final OutputStream out;
    private final long ino;

    public StreamOutput(OutputStream out, long ino) {
        super(O_WRONLY);
        this.out = out;
        this.ino = ino;
    }

    @Override
    public long write(byte[] buf, int off, int len) {
        try {
            out.write(buf, off, len);
            out.flush();
            return len;
        } catch (IOException e) {
            return errno(e);
        }
    }

    /** The JDK gives the host's errno only as its strerror text in the message. */
    static long errno(IOException e) {
        String m = String.valueOf(e.getMessage());
        return switch (m) {
            case "Broken pipe" -> -Errno.EPIPE; // the reader of our stdout went away
            case "Bad file descriptor" -> -Errno.EBADF; // jefevm was started with this descriptor closed
            case "No space left on device" -> -Errno.ENOSPC;
            default -> -Errno.EIO;
        };
    }

    @Override
    public FileStat stat() {
        return FileStat.fifo(ino);
    }
}
