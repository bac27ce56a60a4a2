package dev.jefevm.devices.framebuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class FramebufferTest {

    private final Framebuffer fb = new Framebuffer(FramebufferGeometry.xrgb8888(8, 4));

    @Test
    void geometry_xrgb8888_hasPitchWidthTimesFourAndBoardMasks() {
        FramebufferGeometry g = FramebufferGeometry.xrgb8888(1024, 768);

        assertEquals(4096, g.pitch());
        assertEquals(32, g.bitsPerPixel());
        assertEquals(16, g.redMaskShift());
        assertEquals(8, g.greenMaskShift());
        assertEquals(0, g.blueMaskShift());
        assertEquals(8, g.blueMaskSize());
        assertEquals(3L << 20, g.sizeBytes());
    }

    @Test
    void memory_isWholePagesAndPageAligned() {
        assertEquals(4096, fb.memory().byteSize());
        assertEquals(0, fb.memory().address() & 4095);
    }

    @Test
    void pixel_readsLittleEndianXrgbIgnoringTheTopByte() {
        fb.memory().set(ValueLayout.JAVA_BYTE, 4 * (8 + 2), (byte) 0x33);     // blue
        fb.memory().set(ValueLayout.JAVA_BYTE, 4 * (8 + 2) + 1, (byte) 0x22); // green
        fb.memory().set(ValueLayout.JAVA_BYTE, 4 * (8 + 2) + 2, (byte) 0x11); // red
        fb.memory().set(ValueLayout.JAVA_BYTE, 4 * (8 + 2) + 3, (byte) 0xFF); // unused

        assertEquals(0x112233, fb.pixel(2, 1));
    }

    @Test
    void copyRow_returnsEveryPixelOfTheLine() {
        for (int x = 0; x < 8; x++) {
            fb.memory().set(ValueLayout.JAVA_INT_UNALIGNED, 4L * (3 * 8 + x), x);
        }
        int[] row = new int[8];

        fb.copyRow(3, row);

        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, row);
    }

    @Test
    void clear_blacksEveryPixel() {
        fb.memory().set(ValueLayout.JAVA_INT_UNALIGNED, 0, 0xFFFFFF);

        fb.clear();

        assertEquals(0, fb.pixel(0, 0));
    }

    @Test
    void pixel_outsideTheScreen_isRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> fb.pixel(8, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> fb.pixel(0, -1));
    }
}
