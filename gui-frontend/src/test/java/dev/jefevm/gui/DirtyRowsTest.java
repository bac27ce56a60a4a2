package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirtyRowsTest {

    private static final int WIDTH = 8;
    private static final int ROWS = 10;
    /** Wider than WIDTH x 4: the bytes past the visible row must not count. */
    private static final long PITCH = 48;

    private final MemorySegment pixels = Arena.ofAuto().allocate(PITCH * ROWS);
    private final DirtyRows dirty = new DirtyRows(pixels, ROWS, PITCH, WIDTH * 4L);

    private List<String> spans() {
        int n = dirty.scan();
        List<String> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(dirty.spanStart(i) + ".." + dirty.spanEnd(i));
        }
        return result;
    }

    private void setPixel(int x, int y, int value) {
        pixels.set(ValueLayout.JAVA_INT_UNALIGNED, y * PITCH + 4L * x, value);
    }

    @Test
    void firstScan_reportsEveryRow() {
        assertEquals(List.of("0..10"), spans());
    }

    @Test
    void unchangedFrame_reportsNothing() {
        spans();

        assertEquals(List.of(), spans());
    }

    @Test
    void changedRows_comeAsSpansOfConsecutiveRows() {
        spans();
        setPixel(0, 2, 0xFF0000);
        setPixel(7, 3, 0x00FF00);
        setPixel(3, 6, 0x0000FF);
        setPixel(7, 9, 0x123456);

        assertEquals(List.of("2..4", "6..7", "9..10"), spans());
        assertEquals(0x00FF00, dirty.shadow().get(ValueLayout.JAVA_INT_UNALIGNED, 3 * PITCH + 28));
    }

    @Test
    void bytesBeyondTheVisibleRow_areIgnored() {
        spans();
        pixels.set(ValueLayout.JAVA_BYTE, 4 * PITCH + WIDTH * 4L, (byte) 1);

        assertEquals(List.of(), spans());
    }

    @Test
    void invalidate_reportsEveryRowAgain() {
        spans();

        dirty.invalidate();

        assertEquals(List.of("0..10"), spans());
    }
}
