package dev.jefevm.gui;

import static org.lwjgl.glfw.GLFW.*;
import static org.lwjgl.system.MemoryUtil.NULL;

import org.lwjgl.glfw.GLFWVidMode;

/**
 * Switches a GLFW window between windowed and fullscreen on the primary monitor at its current
 * video mode, remembering the windowed position and size to go back to. Window thread only.
 */
final class FullscreenToggle {

    private final long window;
    private final int[] x = new int[1];
    private final int[] y = new int[1];
    private final int[] width = new int[1];
    private final int[] height = new int[1];

    FullscreenToggle(long window) {
        this.window = window;
    }

    void toggle() {
        if (glfwGetWindowMonitor(window) != NULL) {
            glfwSetWindowMonitor(window, NULL, x[0], y[0], width[0], height[0], GLFW_DONT_CARE);
            return;
        }
        long monitor = glfwGetPrimaryMonitor();
        GLFWVidMode mode = monitor == NULL ? null : glfwGetVideoMode(monitor);
        if (mode == null) {
            return;
        }
        glfwGetWindowPos(window, x, y);
        glfwGetWindowSize(window, width, height);
        glfwSetWindowMonitor(window, monitor, 0, 0, mode.width(), mode.height(), mode.refreshRate());
    }
}
