package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConsoleEscapeInputTest {

    private int quits;

    private byte[] filter(byte[] input, int chunk) throws IOException {
        ConsoleEscapeInput in = new ConsoleEscapeInput(new ByteArrayInputStream(input), () -> quits++);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = in.read(buf, 0, chunk)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void ctrlAThenX_quitsAndIsNotDelivered() throws IOException {
        byte[] out = filter(new byte[] {'a', 1, 'x', 'b'}, 16);

        assertArrayEquals(new byte[] {'a', 'b'}, out);
        assertEquals(1, quits);
    }

    @Test
    void ctrlATwice_deliversOneCtrlA() throws IOException {
        assertArrayEquals(new byte[] {1}, filter(new byte[] {1, 1}, 16));
        assertEquals(0, quits);
    }

    @Test
    void ctrlAThenOtherKey_deliversBoth_evenOneByteAtATime() throws IOException {
        assertArrayEquals(new byte[] {1, 'c', 'd'}, filter(new byte[] {1, 'c', 'd'}, 1));
    }

    @Test
    void plainInput_passesUnchanged() throws IOException {
        assertArrayEquals("echo hi\n".getBytes(), filter("echo hi\n".getBytes(), 3));
    }
}
