package dev.jefevm.launcher.monitor;

import dev.jefevm.devices.ps2.KeyCode;

/**
 * How a printable ASCII character is typed on a US keyboard layout: the key and whether Shift
 * is held with it. Used by the monitor's {@code type} command.
 */
public record TextKeys(KeyCode key, boolean shift) {

    private static final String UNSHIFTED = "`1234567890-=[]\\;',./";
    private static final String SHIFTED = "~!@#$%^&*()_+{}|:\"<>?";
    private static final KeyCode[] PUNCTUATION_KEYS = {
        KeyCode.BACKTICK, KeyCode.DIGIT_1, KeyCode.DIGIT_2, KeyCode.DIGIT_3, KeyCode.DIGIT_4,
        KeyCode.DIGIT_5, KeyCode.DIGIT_6, KeyCode.DIGIT_7, KeyCode.DIGIT_8, KeyCode.DIGIT_9,
        KeyCode.DIGIT_0, KeyCode.MINUS, KeyCode.EQUALS, KeyCode.LEFT_BRACKET, KeyCode.RIGHT_BRACKET,
        KeyCode.BACKSLASH, KeyCode.SEMICOLON, KeyCode.APOSTROPHE, KeyCode.COMMA, KeyCode.PERIOD,
        KeyCode.SLASH,
    };

    /** The keys for {@code c}, or {@code null} if it cannot be typed on the US layout. */
    public static TextKeys of(char c) {
        if (c >= 'a' && c <= 'z') {
            return new TextKeys(KeyNames.lookup(String.valueOf(c)), false);
        }
        if (c >= 'A' && c <= 'Z') {
            return new TextKeys(KeyNames.lookup(String.valueOf((char) (c + ('a' - 'A')))), true);
        }
        switch (c) {
            case ' ' -> {
                return new TextKeys(KeyCode.SPACE, false);
            }
            case '\n', '\r' -> {
                return new TextKeys(KeyCode.ENTER, false);
            }
            case '\t' -> {
                return new TextKeys(KeyCode.TAB, false);
            }
            case '\b' -> {
                return new TextKeys(KeyCode.BACKSPACE, false);
            }
            default -> {
                // fall through to the punctuation tables below
            }
        }
        int i = UNSHIFTED.indexOf(c);
        if (i >= 0) {
            return new TextKeys(PUNCTUATION_KEYS[i], false);
        }
        i = SHIFTED.indexOf(c);
        if (i >= 0) {
            return new TextKeys(PUNCTUATION_KEYS[i], true);
        }
        return null;
    }
}
