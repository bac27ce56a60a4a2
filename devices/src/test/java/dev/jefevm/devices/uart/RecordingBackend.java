package dev.jefevm.devices.uart;

import java.io.ByteArrayOutputStream;

/** A serial backend for tests: keeps what the guest transmitted, has no input of its own. */
final class RecordingBackend implements SerialBackend {

    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    int flushes;

    @Override
    public void start(SerialInbox inbox) {
    }

    @Override
    public void write(int b) {
        written.write(b);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }

    String text() {
        return written.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
