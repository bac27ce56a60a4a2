package dev.jefevm.gui;

import static org.lwjgl.glfw.GLFW.*;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * Turns GLFW key events into PS/2 key presses and releases for the guest, and Ctrl+Alt+letter
 * chords into {@link HostBinding}s. It remembers which keys the guest believes are down, so a
 * release only follows a press the guest saw, a host auto-repeat (GLFW_REPEAT) becomes another
 * make code of a held key, and losing the focus releases everything still held (the host would
 * otherwise deliver those releases to another window and the guest would see stuck keys).
 */
final class KeyboardInput {

    private final VmControls controls;
    private final Consumer<HostBinding> bindings;
    private final EnumSet<KeyCode> down = EnumSet.noneOf(KeyCode.class);
    /** GLFW keys whose press ran a binding: their repeats and release stay on the host. */
    private final boolean[] swallowed = new boolean[GLFW_KEY_LAST + 1];

    KeyboardInput(VmControls controls, Consumer<HostBinding> bindings) {
        this.controls = controls;
        this.bindings = bindings;
    }

    /** A GLFW key callback: {@code action} is GLFW_PRESS, GLFW_REPEAT or GLFW_RELEASE. */
    void onKey(int glfwKey, int action) {
        if (glfwKey < 0 || glfwKey > GLFW_KEY_LAST) {
            return;
        }
        if (swallowed[glfwKey]) {
            if (action == GLFW_RELEASE) {
                swallowed[glfwKey] = false;
            }
            return;
        }
        if (action == GLFW_PRESS && ctrlAndAltHeld()) {
            HostBinding binding = HostBinding.forKey(glfwKey);
            if (binding != null) {
                swallowed[glfwKey] = true;
                bindings.accept(binding);
                return;
            }
        }
        KeyCode key = GlfwKeyMap.toPs2(glfwKey);
        if (key == null) {
            return;
        }
        switch (action) {
            case GLFW_PRESS -> {
                down.add(key);
                controls.keyDown(key);
            }
            case GLFW_REPEAT -> {
                // Pause has no break code and never repeats on a real keyboard
                if (down.contains(key) && key != KeyCode.PAUSE) {
                    controls.keyDown(key);
                }
            }
            case GLFW_RELEASE -> {
                if (down.remove(key)) {
                    controls.keyUp(key);
                }
            }
            default -> { }
        }
    }

    /** The window lost the keyboard focus: every key the guest holds goes up. */
    void onFocusLost() {
        for (KeyCode key : down) {
            controls.keyUp(key);
        }
        down.clear();
        Arrays.fill(swallowed, false);
    }

    /** Whether the guest holds {@code key} down. */
    boolean isDown(KeyCode key) {
        return down.contains(key);
    }

    private boolean ctrlAndAltHeld() {
        return (down.contains(KeyCode.LEFT_CTRL) || down.contains(KeyCode.RIGHT_CTRL))
                && (down.contains(KeyCode.LEFT_ALT) || down.contains(KeyCode.RIGHT_ALT));
    }
}
