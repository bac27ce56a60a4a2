package dev.jefevm.linuxuser.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.linuxuser.sys.Errno;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class StreamOutputTest {

    /** A host stream that fails every write with {@code message}. */
    private static OutputStream failing(String message) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException(message);
            }
        };
    }

    @Test
    void write_readerGone_isEPIPE() {
        StreamOutput out = new StreamOutput(failing("Broken pipe"), 2);

        assertEquals(-Errno.EPIPE, out.write(new byte[4], 0, 4));
    }

    @Test
    void write_descriptorClosedWhenJefevmStarted_isEBADF() {
        StreamOutput out = new StreamOutput(failing("Bad file descriptor"), 2);

        assertEquals(-Errno.EBADF, out.write(new byte[4], 0, 4));
    }

    @Test
    void write_otherHostFailure_isEIO() {
        StreamOutput out = new StreamOutput(failing("Input/output error"), 2);

        assertEquals(-Errno.EIO, out.write(new byte[4], 0, 4));
    }

    @Test
    void write_working_returnsTheCount() {
        StreamOutput out = new StreamOutput(OutputStream.nullOutputStream(), 2);

        assertEquals(3, out.write(new byte[3], 0, 3));
    }
}
