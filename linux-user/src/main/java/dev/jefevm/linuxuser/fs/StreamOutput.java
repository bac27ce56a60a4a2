package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.io.OutputStream;

/** The runner's standard output or error: writes go straight to a host {@link OutputStream} and are flushed. */
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
            return -Errno.EIO;
        }
    }

    @Override
    public FileStat stat() {
        return FileStat.fifo(ino);
    }
}
