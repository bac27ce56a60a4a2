package dev.jefevm.loader.limine;

/**
 * The board's linear framebuffer as the Limine framebuffer feature reports it: where it lives in
 * physical memory, its geometry and its direct-colour pixel layout (mask shift and size per
 * channel, as in {@code struct limine_framebuffer} of the Limine protocol).
 */
public record FramebufferInfo(long physicalAddress, int width, int height, int pitch, int bpp,
        int redShift, int redSize, int greenShift, int greenSize, int blueShift, int blueSize) {

    /** Bytes the framebuffer occupies: {@code pitch * height}. */
    public long byteSize() {
        return (long) pitch * height;
    }
}
