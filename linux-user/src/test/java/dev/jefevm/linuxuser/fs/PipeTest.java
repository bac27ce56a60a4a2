package dev.jefevm.linuxuser.fs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.linuxuser.sys.Errno;
import org.junit.jupiter.api.Test;

class PipeTest {

    private final OpenFile[] ends = Pipe.create(1, 0);
    private final byte[] buf = new byte[Pipe.CAPACITY + 10];

    @Test
    void read_afterWrite_returnsTheBytesInOrder() {
        ends[1].write(new byte[] {1, 2, 3}, 0, 3);

        long n = ends[0].read(buf, 0, 10);

        assertAll(() -> assertEquals(3, n), () -> assertEquals(3, buf[2]));
    }

    @Test
    void read_emptyWithWriter_blocks() {
        assertEquals(Errno.BLOCK, ends[0].read(buf, 0, 10));
    }

    @Test
    void read_emptyAfterLastWriterClosed_isEndOfFile() {
        ends[1].close();

        assertEquals(0, ends[0].read(buf, 0, 10));
    }

    @Test
    void write_withoutReader_isEpipe() {
        ends[0].close();

        assertEquals(-Errno.EPIPE, ends[1].write(buf, 0, 1));
    }

    @Test
    void write_full_blocksAndPartialWritesFillIt() {
        long first = ends[1].write(buf, 0, buf.length);

        long second = ends[1].write(buf, 0, 1);

        assertAll(() -> assertEquals(Pipe.CAPACITY, first), () -> assertEquals(Errno.BLOCK, second));
    }

    @Test
    void write_nonBlockingFull_isEagain() {
        OpenFile[] nb = Pipe.create(2, OpenFile.O_NONBLOCK);
        nb[1].write(buf, 0, Pipe.CAPACITY);

        assertEquals(-Errno.EAGAIN, nb[1].write(buf, 0, 1));
    }

    @Test
    void close_sharedWriter_keepsThePipeOpenUntilTheLastReference() {
        ends[1].retain();
        ends[1].close();

        assertEquals(Errno.BLOCK, ends[0].read(buf, 0, 1));
    }
}
