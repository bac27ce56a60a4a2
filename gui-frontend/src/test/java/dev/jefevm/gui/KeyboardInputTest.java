package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.lwjgl.glfw.GLFW.*;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyboardInputTest {

    private final RecordingControls controls = new RecordingControls();
    private final List<HostBinding> bindings = new ArrayList<>();
    private final KeyboardInput keyboard = new KeyboardInput(controls, bindings::add);

    @Test
    void pressRepeatRelease_makeMakeBreak() {
        keyboard.onKey(GLFW_KEY_A, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_A, GLFW_REPEAT);
        keyboard.onKey(GLFW_KEY_A, GLFW_RELEASE);

        assertEquals(List.of("down A", "down A", "up A"), controls.calls);
    }

    @Test
    void shiftedLetter_sendsModifierAroundTheKey() {
        keyboard.onKey(GLFW_KEY_LEFT_SHIFT, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_A, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_A, GLFW_RELEASE);
        keyboard.onKey(GLFW_KEY_LEFT_SHIFT, GLFW_RELEASE);

        assertEquals(List.of("down LEFT_SHIFT", "down A", "up A", "up LEFT_SHIFT"), controls.calls);
    }

    @Test
    void pauseRepeat_isNotSent() {
        keyboard.onKey(GLFW_KEY_PAUSE, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_PAUSE, GLFW_REPEAT);

        assertEquals(List.of("down PAUSE"), controls.calls);
    }

    @Test
    void releaseWithoutPress_isNotSent() {
        keyboard.onKey(GLFW_KEY_B, GLFW_RELEASE);
        keyboard.onKey(GLFW_KEY_B, GLFW_REPEAT);

        assertEquals(List.of(), controls.calls);
    }

    @Test
    void focusLost_releasesEveryHeldKey() {
        keyboard.onKey(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_X, GLFW_PRESS);
        controls.calls.clear();

        keyboard.onFocusLost();
        keyboard.onKey(GLFW_KEY_X, GLFW_RELEASE);

        assertEquals(List.of("up X", "up LEFT_CTRL"), controls.calls);
        assertFalse(keyboard.isDown(KeyCode.LEFT_CTRL));
    }

    @Test
    void ctrlAltG_runsTheBindingAndKeepsTheLetterFromTheGuest() {
        keyboard.onKey(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_RIGHT_ALT, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_G, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_G, GLFW_REPEAT);
        keyboard.onKey(GLFW_KEY_G, GLFW_RELEASE);

        assertEquals(List.of(HostBinding.RELEASE_MOUSE), bindings);
        assertEquals(List.of("down LEFT_CTRL", "down RIGHT_ALT"), controls.calls);
    }

    @Test
    void ctrlAltDelete_reachesTheGuest() {
        keyboard.onKey(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_LEFT_ALT, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_DELETE, GLFW_PRESS);

        assertEquals(List.of(), bindings);
        assertEquals("down DELETE", controls.calls.getLast());
    }

    @Test
    void bindingLetterWithoutAlt_isAnOrdinaryKey() {
        keyboard.onKey(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS);
        keyboard.onKey(GLFW_KEY_Q, GLFW_PRESS);

        assertEquals(List.of(), bindings);
        assertEquals("down Q", controls.calls.getLast());
    }
}
