package dev.jefevm.devices.uart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamSerialBackendTest {

    @Test
    void start_withInput_postsItThenNotesEndOfInput() throws InterruptedException {
        SerialInbox inbox = new SerialInbox();
        StreamSerialBackend backend = new StreamSerialBackend(
                new ByteArrayInputStream("ls\n".getBytes(StandardCharsets.US_ASCII)), new ByteArrayOutputStream(), "test", true);

        backend.start(inbox);
        while (!inbox.isInputClosed()) {
            inbox.awaitInput(10_000_000L);
        }

        Uart16550 uart = new Uart16550(new RecordingBackend(), level -> { });
        uart.write(2, 1, 1);
        uart.write(4, 1, 0x02);
        inbox.drainInto(uart);
        assertEquals('l', uart.read(0, 1));
        assertEquals('s', uart.read(0, 1));
        assertEquals('\n', uart.read(0, 1));
    }

    @Test
    void write_isBufferedUntilFlush() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamSerialBackend backend = new StreamSerialBackend(null, out, "test", true);

        backend.write('o');
        backend.write('k');
        int beforeFlush = out.size();
        backend.flush();

        assertEquals(0, beforeFlush);
        assertEquals("ok", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void file_writesGuestOutputToThePathAndHasNoInput(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("com1.log");
        SerialInbox inbox = new SerialInbox();
        StreamSerialBackend backend = StreamSerialBackend.file(log);

        backend.start(inbox);
        backend.write('A');
        backend.close();

        assertTrue(inbox.isInputClosed());
        assertEquals("A", Files.readString(log));
    }
}
