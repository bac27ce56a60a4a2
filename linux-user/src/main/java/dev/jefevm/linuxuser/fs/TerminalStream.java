package dev.jefevm.linuxuser.fs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A standard stream of the first process that is one of jefevm's own descriptors 0, 1 or 2 and
 * a terminal on the host: data goes through the wrapped stream as before, while terminal ioctls
 * go to {@link #hostFd()} on the {@link HostTerminal}. fstat reports the host terminal (a
 * character device), so the guest sees what a native program would.
 */
public final class TerminalStream extends OpenFile {

    private final OpenFile stream;
    private final HostTerminal terminal;
    private final int hostFd;

    public TerminalStream(OpenFile stream, HostTerminal terminal, int hostFd) {
        super(stream.statusFlags);
        this.stream = stream;
        this.terminal = terminal;
        this.hostFd = hostFd;
    }

    public HostTerminal terminal() {
        return terminal;
    }

    /** The host descriptor (0, 1 or 2) terminal ioctls act on. */
    public int hostFd() {
        return hostFd;
    }

    @Override
    public long read(byte[] buf, int off, int len) {
        return stream.read(buf, off, len);
    }

    @Override
    public long write(byte[] buf, int off, int len) {
        return stream.write(buf, off, len);
    }

    @Override
    public boolean readable() {
        return stream.readable();
    }

    @Override
    public FileStat stat() throws IOException {
        try {
            // The host's view of its own descriptor: the terminal device (e.g. /dev/pts/N).
            return FileStat.of(Path.of("/proc/self/fd/" + hostFd), true);
        } catch (IOException e) {
            return stream.stat();
        }
    }

    @Override
    protected void release() {
        stream.close();
    }
}
