package dev.jefevm.devices.framebuffer;

/**
 * The shape of a linear framebuffer as a boot protocol reports it (Limine framebuffer
 * response): size in pixels, bytes per scanline, bits per pixel and the position and width of
 * each colour channel within a pixel.
 */
public record FramebufferGeometry(int width, int height, int pitch, int bitsPerPixel,
        int redMaskShift, int redMaskSize, int greenMaskShift, int greenMaskSize,
        int blueMaskShift, int blueMaskSize) {

    /** x8r8g8b8: 32 bpp, pitch = width * 4, red in bits 23:16, green 15:8, blue 7:0. */
    public static FramebufferGeometry xrgb8888(int width, int height) {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("framebuffer size out of range: " + width + "x" + height);
        }
        return new FramebufferGeometry(width, height, width * 4, 32, 16, 8, 8, 8, 0, 8);
    }

    /** Bytes the framebuffer occupies (pitch x height). */
    public long sizeBytes() {
        return (long) pitch * height;
    }
}
