package dev.jefevm.gui;

/**
 * No window can be opened: no display server to talk to (DISPLAY and WAYLAND_DISPLAY unset),
 * GLFW could not initialise against it, or it offers no OpenGL context. The message says which.
 */
public final class DisplayUnavailableException extends Exception {

    public DisplayUnavailableException(String message) {
        super(message);
    }
}
