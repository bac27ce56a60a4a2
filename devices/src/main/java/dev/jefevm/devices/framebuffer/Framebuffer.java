package dev.jefevm.devices.framebuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A linear 32-bpp framebuffer: plain off-heap memory that the board maps into the guest's
 * physical address space, so the guest draws with ordinary stores and no device code runs per
 * pixel. A display front end reads the pixels back from any thread; it sees the bytes as they
 * are (tearing is acceptable, as on real hardware without vsync).
 */
public final class Framebuffer {

    private static final ValueLayout.OfInt PIXEL = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final FramebufferGeometry geometry;
    private final MemorySegment memory;

    public Framebuffer(FramebufferGeometry geometry) {
        if (geometry.bitsPerPixel() != 32) {
            throw new IllegalArgumentException("only 32 bpp framebuffers are modelled");
        }
        this.geometry = geometry;
        // Page-aligned so the segment can be mapped as guest memory (and later into KVM).
        this.memory = Arena.ofShared().allocate(roundUpToPage(geometry.sizeBytes()), 4096);
    }

    private static long roundUpToPage(long n) {
        return (n + 4095) & ~4095L;
    }

    public FramebufferGeometry geometry() {
        return geometry;
    }

    /** The pixel memory (whole pages; the visible part is pitch x height bytes). */
    public MemorySegment memory() {
        return memory;
    }

    /** The pixel at (x, y) as 0x00RRGGBB. */
    public int pixel(int x, int y) {
        checkBounds(x, y);
        return memory.get(PIXEL, (long) y * geometry.pitch() + 4L * x) & 0x00FF_FFFF;
    }

    /** Copies scanline {@code y} into {@code dst} (at least width entries) as 0x00RRGGBB values. */
    public void copyRow(int y, int[] dst) {
        checkBounds(0, y);
        long row = (long) y * geometry.pitch();
        for (int x = 0; x < geometry.width(); x++) {
            dst[x] = memory.get(PIXEL, row + 4L * x) & 0x00FF_FFFF;
        }
    }

    /** Blacks the screen (machine reset). */
    public void clear() {
        memory.fill((byte) 0);
    }

    private void checkBounds(int x, int y) {
        if (x < 0 || y < 0 || x >= geometry.width() || y >= geometry.height()) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside "
                    + geometry.width() + "x" + geometry.height());
        }
    }
}
