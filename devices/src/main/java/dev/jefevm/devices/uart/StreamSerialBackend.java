package dev.jefevm.devices.uart;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial line wired to host streams: guest output is buffered into an {@link OutputStream}
 * and flushed when the vCPU pauses; host input, if there is an {@link InputStream}, is read by a
 * daemon thread and posted into the {@link SerialInbox}. End of input is noted but does not stop
 * the guest. A failing output stream is reported once and further output dropped: a host I/O
 * problem never becomes a guest-visible error.
 */
public final class StreamSerialBackend implements SerialBackend {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSerialBackend.class);

    private final InputStream in;
    private final OutputStream out;
    private final String name;
    private final boolean ownsOutput;
    private boolean outputBroken;
    private Thread reader;

    /**
     * @param in host input, or null for an output-only line
     * @param out host output (buffered here)
     * @param name how log messages name this line
     * @param ownsOutput whether {@link #close()} closes {@code out} (not for the process's stdout)
     */
    public StreamSerialBackend(InputStream in, OutputStream out, String name, boolean ownsOutput) {
        this.in = in;
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 8192);
        this.name = name;
        this.ownsOutput = ownsOutput;
    }

    /** COM1 on this process's standard input and output (the {@code stdio} backend). */
    public static StreamSerialBackend stdio(InputStream stdin) {
        return new StreamSerialBackend(stdin, new FileOutputStream(FileDescriptor.out), "stdio", false);
    }

    /** Output to {@code path} (created or truncated), no input (the {@code file:PATH} backend). */
    public static StreamSerialBackend file(Path path) throws IOException {
        return new StreamSerialBackend(null, Files.newOutputStream(path), "file:" + path, true);
    }

    @Override
    public void start(SerialInbox inbox) {
        if (in == null) {
            inbox.closeInput();
            return;
        }
        reader = Thread.ofPlatform().daemon().name("serial-input-" + name).start(() -> pump(inbox));
    }

    private void pump(SerialInbox inbox) {
        byte[] buf = new byte[512];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    inbox.post(buf, 0, n);
                }
            }
        } catch (IOException e) {
            LOG.debug("serial {}: input ended with {}", name, e.toString());
        } finally {
            inbox.closeInput();
        }
    }

    @Override
    public void write(int b) {
        if (outputBroken) {
            return;
        }
        try {
            out.write(b);
        } catch (IOException e) {
            broken(e);
        }
    }

    @Override
    public void flush() {
        if (outputBroken) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            broken(e);
        }
    }

    private void broken(IOException e) {
        outputBroken = true;
        LOG.warn("serial {}: output failed ({}); further guest output is dropped", name, e.getMessage());
    }

    @Override
    public void close() {
        flush();
        if (reader != null) {
            reader.interrupt();
        }
        if (!ownsOutput) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("serial {}: close failed: {}", name, e.toString());
        }
    }
}
