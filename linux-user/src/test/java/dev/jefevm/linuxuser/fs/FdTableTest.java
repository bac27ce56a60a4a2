package dev.jefevm.linuxuser.fs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jefevm.linuxuser.sys.Errno;
import org.junit.jupiter.api.Test;

class FdTableTest {

    private final FdTable table = new FdTable();
    private final OpenFile[] pipe = Pipe.create(1, 0);

    @Test
    void add_usesTheLowestFreeNumber() {
        table.add(pipe[0], 0, false);
        table.add(pipe[1], 0, false);
        table.close(0);

        assertEquals(0, table.add(pipe[0], 0, false));
    }

    @Test
    void close_unknownDescriptor_isEbadf() {
        assertEquals(-Errno.EBADF, table.close(5));
    }

    @Test
    void closeOnExec_closesOnlyMarkedDescriptors() {
        table.add(pipe[0], 0, true);
        table.add(pipe[1], 0, false);

        table.closeOnExec();

        assertAll(() -> assertNull(table.get(0)), () -> assertSame(pipe[1], table.get(1)));
    }

    @Test
    void copy_sharesOpenFilesSoTheyStayOpenUntilBothClose() {
        table.add(pipe[0], 0, false);
        int w = table.add(pipe[1], 0, false);
        FdTable child = table.copy();

        table.close(w);
        long whileChildHoldsWriter = pipe[0].read(new byte[1], 0, 1);
        child.close(w);
        long afterBothClosed = pipe[0].read(new byte[1], 0, 1);

        assertAll(() -> assertEquals(Errno.BLOCK, whileChildHoldsWriter), () -> assertEquals(0, afterBothClosed));
    }

    @Test
    void put_replacesAndClosesTheOldFile() {
        table.add(pipe[0], 0, false);
        table.add(pipe[1], 0, false);
        pipe[0].retain();

        table.put(1, pipe[0], false);

        assertAll(() -> assertSame(pipe[0], table.get(1)),
                () -> assertEquals(0, pipe[0].read(new byte[1], 0, 1), "the replaced writer was closed: end of file"));
    }
}
