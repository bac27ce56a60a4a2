package dev.jefevm.gui;

import static org.lwjgl.glfw.GLFW.*;

import dev.jefevm.devices.ps2.KeyCode;

/**
 * GLFW key tokens to PS/2 keys, one table row per key of a PC 105-key (ISO) keyboard. GLFW names
 * its tokens after the US layout but reports them by physical position (on X11 from the XKB key
 * names), which is what a scan code is too, so the guest sees the key the user's finger hit
 * whatever the host layout; the ISO key left of Z is GLFW's WORLD_2 ("LSGT" in XKB).
 */
final class GlfwKeyMap {

    /** One key: the GLFW token and the PS/2 key at the same position. */
    private record Row(int token, KeyCode key) {
    }

    private static Row row(int token, KeyCode key) {
        return new Row(token, key);
    }

    private static final Row[] ROWS = {
        row(GLFW_KEY_ESCAPE, KeyCode.ESCAPE),
        row(GLFW_KEY_F1, KeyCode.F1), row(GLFW_KEY_F2, KeyCode.F2),
        row(GLFW_KEY_F3, KeyCode.F3), row(GLFW_KEY_F4, KeyCode.F4),
        row(GLFW_KEY_F5, KeyCode.F5), row(GLFW_KEY_F6, KeyCode.F6),
        row(GLFW_KEY_F7, KeyCode.F7), row(GLFW_KEY_F8, KeyCode.F8),
        row(GLFW_KEY_F9, KeyCode.F9), row(GLFW_KEY_F10, KeyCode.F10),
        row(GLFW_KEY_F11, KeyCode.F11), row(GLFW_KEY_F12, KeyCode.F12),

        row(GLFW_KEY_GRAVE_ACCENT, KeyCode.BACKTICK),
        row(GLFW_KEY_1, KeyCode.DIGIT_1), row(GLFW_KEY_2, KeyCode.DIGIT_2),
        row(GLFW_KEY_3, KeyCode.DIGIT_3), row(GLFW_KEY_4, KeyCode.DIGIT_4),
        row(GLFW_KEY_5, KeyCode.DIGIT_5), row(GLFW_KEY_6, KeyCode.DIGIT_6),
        row(GLFW_KEY_7, KeyCode.DIGIT_7), row(GLFW_KEY_8, KeyCode.DIGIT_8),
        row(GLFW_KEY_9, KeyCode.DIGIT_9), row(GLFW_KEY_0, KeyCode.DIGIT_0),
        row(GLFW_KEY_MINUS, KeyCode.MINUS), row(GLFW_KEY_EQUAL, KeyCode.EQUALS),
        row(GLFW_KEY_BACKSPACE, KeyCode.BACKSPACE),

        row(GLFW_KEY_TAB, KeyCode.TAB),
        row(GLFW_KEY_Q, KeyCode.Q), row(GLFW_KEY_W, KeyCode.W),
        row(GLFW_KEY_E, KeyCode.E), row(GLFW_KEY_R, KeyCode.R),
        row(GLFW_KEY_T, KeyCode.T), row(GLFW_KEY_Y, KeyCode.Y),
        row(GLFW_KEY_U, KeyCode.U), row(GLFW_KEY_I, KeyCode.I),
        row(GLFW_KEY_O, KeyCode.O), row(GLFW_KEY_P, KeyCode.P),
        row(GLFW_KEY_LEFT_BRACKET, KeyCode.LEFT_BRACKET),
        row(GLFW_KEY_RIGHT_BRACKET, KeyCode.RIGHT_BRACKET),
        row(GLFW_KEY_BACKSLASH, KeyCode.BACKSLASH),

        row(GLFW_KEY_CAPS_LOCK, KeyCode.CAPS_LOCK),
        row(GLFW_KEY_A, KeyCode.A), row(GLFW_KEY_S, KeyCode.S),
        row(GLFW_KEY_D, KeyCode.D), row(GLFW_KEY_F, KeyCode.F),
        row(GLFW_KEY_G, KeyCode.G), row(GLFW_KEY_H, KeyCode.H),
        row(GLFW_KEY_J, KeyCode.J), row(GLFW_KEY_K, KeyCode.K),
        row(GLFW_KEY_L, KeyCode.L), row(GLFW_KEY_SEMICOLON, KeyCode.SEMICOLON),
        row(GLFW_KEY_APOSTROPHE, KeyCode.APOSTROPHE), row(GLFW_KEY_ENTER, KeyCode.ENTER),

        row(GLFW_KEY_LEFT_SHIFT, KeyCode.LEFT_SHIFT),
        row(GLFW_KEY_WORLD_2, KeyCode.ISO_BACKSLASH),
        row(GLFW_KEY_Z, KeyCode.Z), row(GLFW_KEY_X, KeyCode.X),
        row(GLFW_KEY_C, KeyCode.C), row(GLFW_KEY_V, KeyCode.V),
        row(GLFW_KEY_B, KeyCode.B), row(GLFW_KEY_N, KeyCode.N),
        row(GLFW_KEY_M, KeyCode.M), row(GLFW_KEY_COMMA, KeyCode.COMMA),
        row(GLFW_KEY_PERIOD, KeyCode.PERIOD), row(GLFW_KEY_SLASH, KeyCode.SLASH),
        row(GLFW_KEY_RIGHT_SHIFT, KeyCode.RIGHT_SHIFT),

        row(GLFW_KEY_LEFT_CONTROL, KeyCode.LEFT_CTRL),
        row(GLFW_KEY_LEFT_SUPER, KeyCode.LEFT_GUI),
        row(GLFW_KEY_LEFT_ALT, KeyCode.LEFT_ALT), row(GLFW_KEY_SPACE, KeyCode.SPACE),
        row(GLFW_KEY_RIGHT_ALT, KeyCode.RIGHT_ALT),
        row(GLFW_KEY_RIGHT_SUPER, KeyCode.RIGHT_GUI),
        row(GLFW_KEY_MENU, KeyCode.MENU),
        row(GLFW_KEY_RIGHT_CONTROL, KeyCode.RIGHT_CTRL),

        row(GLFW_KEY_PRINT_SCREEN, KeyCode.PRINT_SCREEN),
        row(GLFW_KEY_SCROLL_LOCK, KeyCode.SCROLL_LOCK), row(GLFW_KEY_PAUSE, KeyCode.PAUSE),
        row(GLFW_KEY_INSERT, KeyCode.INSERT), row(GLFW_KEY_HOME, KeyCode.HOME),
        row(GLFW_KEY_PAGE_UP, KeyCode.PAGE_UP), row(GLFW_KEY_DELETE, KeyCode.DELETE),
        row(GLFW_KEY_END, KeyCode.END), row(GLFW_KEY_PAGE_DOWN, KeyCode.PAGE_DOWN),
        row(GLFW_KEY_UP, KeyCode.UP), row(GLFW_KEY_LEFT, KeyCode.LEFT),
        row(GLFW_KEY_DOWN, KeyCode.DOWN), row(GLFW_KEY_RIGHT, KeyCode.RIGHT),

        row(GLFW_KEY_NUM_LOCK, KeyCode.NUM_LOCK),
        row(GLFW_KEY_KP_DIVIDE, KeyCode.KEYPAD_SLASH),
        row(GLFW_KEY_KP_MULTIPLY, KeyCode.KEYPAD_STAR),
        row(GLFW_KEY_KP_SUBTRACT, KeyCode.KEYPAD_MINUS),
        row(GLFW_KEY_KP_ADD, KeyCode.KEYPAD_PLUS),
        row(GLFW_KEY_KP_ENTER, KeyCode.KEYPAD_ENTER),
        row(GLFW_KEY_KP_DECIMAL, KeyCode.KEYPAD_PERIOD),
        row(GLFW_KEY_KP_0, KeyCode.KEYPAD_0), row(GLFW_KEY_KP_1, KeyCode.KEYPAD_1),
        row(GLFW_KEY_KP_2, KeyCode.KEYPAD_2), row(GLFW_KEY_KP_3, KeyCode.KEYPAD_3),
        row(GLFW_KEY_KP_4, KeyCode.KEYPAD_4), row(GLFW_KEY_KP_5, KeyCode.KEYPAD_5),
        row(GLFW_KEY_KP_6, KeyCode.KEYPAD_6), row(GLFW_KEY_KP_7, KeyCode.KEYPAD_7),
        row(GLFW_KEY_KP_8, KeyCode.KEYPAD_8), row(GLFW_KEY_KP_9, KeyCode.KEYPAD_9),
    };

    /** Indexed by GLFW key token (0..GLFW_KEY_LAST); null where the token has no PS/2 key. */
    private static final KeyCode[] BY_TOKEN = new KeyCode[GLFW_KEY_LAST + 1];

    static {
        for (Row row : ROWS) {
            if (BY_TOKEN[row.token()] != null) {
                throw new IllegalStateException("GLFW key " + row.token() + " mapped twice");
            }
            BY_TOKEN[row.token()] = row.key();
        }
    }

    private GlfwKeyMap() {
    }

    /** The PS/2 key for a GLFW key token, or null (GLFW_KEY_UNKNOWN, keys a PC keyboard lacks). */
    static KeyCode toPs2(int glfwKey) {
        if (glfwKey < 0 || glfwKey >= BY_TOKEN.length) {
            return null;
        }
        return BY_TOKEN[glfwKey];
    }

    /** The GLFW tokens the table maps, in table order (for tests and diagnostics). */
    static int[] mappedTokens() {
        int[] tokens = new int[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            tokens[i] = ROWS[i].token();
        }
        return tokens;
    }
}
