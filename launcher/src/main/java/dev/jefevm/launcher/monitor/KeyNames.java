package dev.jefevm.launcher.monitor;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key names the monitor accepts, as QEMU's sendkey spells them ("a", "ret", "spc",
 * "ctrl", "shift_r", "f1", "kp_add"...), mapped to PS/2 {@link KeyCode}s, and key combinations
 * written with dashes ("ctrl-alt-delete", "shift-a").
 */
public final class KeyNames {

    private static final Map<String, KeyCode> NAMES = buildNames();

    private KeyNames() {
    }

    /** The key a name stands for, or {@code null} for an unknown name (case-insensitive). */
    public static KeyCode lookup(String name) {
        return NAMES.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Splits a combination such as "ctrl-alt-delete" into its keys, in press order.
     *
     * @throws IllegalArgumentException naming the first unknown key
     */
    public static List<KeyCode> parseCombo(String combo) {
        List<KeyCode> keys = new ArrayList<>();
        // "minus" is the name of '-', so a plain split on dashes never loses a key
        for (String part : combo.split("-", -1)) {
            KeyCode key = lookup(part);
            if (key == null) {
                throw new IllegalArgumentException("unknown key '" + part + "'");
            }
            keys.add(key);
        }
        return keys;
    }

    private static Map<String, KeyCode> buildNames() {
        Map<String, KeyCode> m = new HashMap<>();
        for (char c = 'a'; c <= 'z'; c++) {
            m.put(String.valueOf(c), KeyCode.valueOf(String.valueOf(Character.toUpperCase(c))));
        }
        for (char c = '0'; c <= '9'; c++) {
            m.put(String.valueOf(c), KeyCode.valueOf("DIGIT_" + c));
            m.put("kp_" + c, KeyCode.valueOf("KEYPAD_" + c));
        }
        for (int i = 1; i <= 12; i++) {
            m.put("f" + i, KeyCode.valueOf("F" + i));
        }
        put(m, KeyCode.ESCAPE, "esc");
        put(m, KeyCode.BACKTICK, "grave_accent");
        put(m, KeyCode.MINUS, "minus");
        put(m, KeyCode.EQUALS, "equal");
        put(m, KeyCode.BACKSPACE, "backspace");
        put(m, KeyCode.TAB, "tab");
        put(m, KeyCode.LEFT_BRACKET, "bracket_left");
        put(m, KeyCode.RIGHT_BRACKET, "bracket_right");
        put(m, KeyCode.BACKSLASH, "backslash");
        put(m, KeyCode.CAPS_LOCK, "caps_lock");
        put(m, KeyCode.SEMICOLON, "semicolon");
        put(m, KeyCode.APOSTROPHE, "apostrophe");
        put(m, KeyCode.ENTER, "ret", "enter", "return");
        put(m, KeyCode.LEFT_SHIFT, "shift");
        put(m, KeyCode.RIGHT_SHIFT, "shift_r");
        put(m, KeyCode.ISO_BACKSLASH, "less");
        put(m, KeyCode.COMMA, "comma");
        put(m, KeyCode.PERIOD, "dot");
        put(m, KeyCode.SLASH, "slash");
        put(m, KeyCode.LEFT_CTRL, "ctrl");
        put(m, KeyCode.RIGHT_CTRL, "ctrl_r");
        put(m, KeyCode.LEFT_ALT, "alt");
        put(m, KeyCode.RIGHT_ALT, "alt_r", "altgr");
        put(m, KeyCode.LEFT_GUI, "meta_l");
        put(m, KeyCode.RIGHT_GUI, "meta_r");
        put(m, KeyCode.MENU, "menu");
        put(m, KeyCode.SPACE, "spc", "space");
        put(m, KeyCode.PRINT_SCREEN, "print", "sysrq");
        put(m, KeyCode.SCROLL_LOCK, "scroll_lock");
        put(m, KeyCode.PAUSE, "pause");
        put(m, KeyCode.INSERT, "insert");
        put(m, KeyCode.HOME, "home");
        put(m, KeyCode.PAGE_UP, "pgup");
        put(m, KeyCode.DELETE, "delete");
        put(m, KeyCode.END, "end");
        put(m, KeyCode.PAGE_DOWN, "pgdn");
        put(m, KeyCode.UP, "up");
        put(m, KeyCode.DOWN, "down");
        put(m, KeyCode.LEFT, "left");
        put(m, KeyCode.RIGHT, "right");
        put(m, KeyCode.NUM_LOCK, "num_lock");
        put(m, KeyCode.KEYPAD_SLASH, "kp_divide");
        put(m, KeyCode.KEYPAD_STAR, "kp_multiply");
        put(m, KeyCode.KEYPAD_MINUS, "kp_subtract");
        put(m, KeyCode.KEYPAD_PLUS, "kp_add");
        put(m, KeyCode.KEYPAD_ENTER, "kp_enter");
        put(m, KeyCode.KEYPAD_PERIOD, "kp_decimal");
        return Map.copyOf(m);
    }

    private static void put(Map<String, KeyCode> m, KeyCode key, String... names) {
        for (String n : names) {
            m.put(n, key);
        }
    }
}
