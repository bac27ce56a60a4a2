package dev.jefevm.linuxuser.fs;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.io.InputStream;

/** The runner's standard input: reads come from a host {@link InputStream} (blocking the VM while it waits). */
public final class StreamInput extends OpenFile {

    private final InputStream in;

    public StreamInput(InputStream in) {
        super(O_RDONLY);
        this.in = in;
    }

    @Override
    public long read(byte[] buf, int off, int len) {
        if (len == 0) {
            return 0;
        }
        try {
            int n = in.read(buf, off, len);
            return Math.max(n, 0);
        } catch (IOException e) {
            return -Errno.EIO;
        }
    }

    @Override
    public FileStat stat() {
        return FileStat.fifo(1);
    }
}
