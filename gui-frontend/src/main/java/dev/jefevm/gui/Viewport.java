package dev.jefevm.gui;

/**
 * A rectangle of the window's drawable in pixels, origin at the top left (the window converts to
 * OpenGL's bottom-left origin when it sets the GL viewport).
 */
record Viewport(int x, int y, int width, int height) {

    /** The y of this rectangle's bottom edge counted from the bottom of a drawable {@code drawableHeight} high. */
    int glY(int drawableHeight) {
        return drawableHeight - y - height;
    }
}
