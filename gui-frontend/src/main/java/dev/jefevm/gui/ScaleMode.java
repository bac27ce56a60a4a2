package dev.jefevm.gui;

/**
 * How the framebuffer fills the window. INTEGER draws each guest pixel as an n x n block with the
 * largest n that fits (sharp; black borders), falling back to FIT when even 1:1 does not fit; FIT
 * scales by the largest factor that keeps the aspect ratio. Both centre the picture.
 */
enum ScaleMode {
    INTEGER,
    FIT;

    ScaleMode toggled() {
        return this == INTEGER ? FIT : INTEGER;
    }

    /**
     * Where a {@code srcWidth} x {@code srcHeight} picture goes in a {@code dstWidth} x
     * {@code dstHeight} drawable (both in pixels; the drawable is the window's framebuffer size,
     * which on HiDPI screens exceeds its size in screen units).
     */
    Viewport place(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        if (dstWidth <= 0 || dstHeight <= 0) {
            return new Viewport(0, 0, 0, 0);
        }
        int w;
        int h;
        int factor = Math.min(dstWidth / srcWidth, dstHeight / srcHeight);
        if (this == INTEGER && factor >= 1) {
            w = srcWidth * factor;
            h = srcHeight * factor;
        } else if ((long) dstWidth * srcHeight <= (long) dstHeight * srcWidth) {
            // the drawable is relatively narrower: full width, height by the aspect ratio
            w = dstWidth;
            h = (int) ((long) dstWidth * srcHeight / srcWidth);
        } else {
            h = dstHeight;
            w = (int) ((long) dstHeight * srcWidth / srcHeight);
        }
        return new Viewport((dstWidth - w) / 2, (dstHeight - h) / 2, w, h);
    }

    /** Whether {@code viewport} shows the source at a whole-number scale (nearest filtering stays exact). */
    static boolean isWholeScale(Viewport viewport, int srcWidth, int srcHeight) {
        return viewport.width() % srcWidth == 0 && viewport.height() % srcHeight == 0
                && viewport.width() / srcWidth == viewport.height() / srcHeight;
    }
}
