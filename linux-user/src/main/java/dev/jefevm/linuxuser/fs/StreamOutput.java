package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The runner's standard output or error: writes go straight to a host {@link OutputStream} and
 * are flushed. A write to a pipe whose reader has gone fails with EPIPE (the system-call layer
 * then raises SIGPIPE, pipe(7)); any other host failure is EIO.
 */
public final class StreamOutput extends OpenFile {

    private static final String BROKEN_PIPE = "Broken pipe";

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
            // The JDK reports EPIPE only in the message (strerror text); the reader of our stdout went away.
            return BROKEN_PIPE.equals(e.getMessage()) ? -Errno.EPIPE : -Errno.EIO;
        }
    }

    @Override
    public FileStat stat() {
        return FileStat.fifo(ino);
    }
}
