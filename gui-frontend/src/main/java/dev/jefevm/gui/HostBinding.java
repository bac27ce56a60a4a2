package dev.jefevm.gui;

import static org.lwjgl.glfw.GLFW.*;

/**
 * The window's own commands, each on Ctrl+Alt+a letter as in QEMU's windows, so every plain key
 * and ordinary chord still reaches the guest (Ctrl+Alt+Del included). The letter's press and
 * release are kept from the guest; Ctrl and Alt themselves were already sent.
 */
enum HostBinding {
    RELEASE_MOUSE(GLFW_KEY_G, "release the mouse"),
    FULLSCREEN(GLFW_KEY_F, "fullscreen on/off"),
    SCALING(GLFW_KEY_U, "integer / fit-to-window scaling"),
    SCREENSHOT(GLFW_KEY_S, "screenshot to PNG"),
    PAUSE(GLFW_KEY_P, "pause / resume"),
    RESET(GLFW_KEY_R, "reset"),
    POWER_BUTTON(GLFW_KEY_O, "ACPI power button"),
    QUIT(GLFW_KEY_Q, "quit (power button, hard stop after 3 s)"),
    HELP(GLFW_KEY_H, "show these bindings in the title");

    private final int glfwKey;
    private final String description;

    HostBinding(int glfwKey, String description) {
        this.glfwKey = glfwKey;
        this.description = description;
    }

    /** The binding on Ctrl+Alt+{@code glfwKey}, or null. */
    static HostBinding forKey(int glfwKey) {
        for (HostBinding b : values()) {
            if (b.glfwKey == glfwKey) {
                return b;
            }
        }
        return null;
    }

    /** The letter after Ctrl+Alt+. */
    char letter() {
        return (char) glfwKey;
    }

    String description() {
        return description;
    }

    /** One line naming every binding, e.g. "Ctrl+Alt+ G release the mouse, F fullscreen ...". */
    static String summary() {
        StringBuilder sb = new StringBuilder("Ctrl+Alt+");
        for (HostBinding b : values()) {
            sb.append(b == RELEASE_MOUSE ? " " : ", ").append(b.letter()).append(' ').append(b.description);
        }
        return sb.toString();
    }
}
