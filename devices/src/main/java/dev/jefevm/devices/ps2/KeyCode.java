package dev.jefevm.devices.ps2;

/**
 * The keys of a US 102/104-key PS/2 keyboard with their scan codes in set 2 (the keyboard's
 * native set) and set 1 (the XT set), from the IBM PS/2 Keyboard Technical Reference scan code
 * tables. Keys marked extended are sent with the 0xE0 prefix in both sets. Print Screen and
 * Pause send multi-byte sequences of their own (see {@link #makeCode}, {@link #breakCode}).
 */
public enum KeyCode {
    ESCAPE(0x76, 0x01), F1(0x05, 0x3B), F2(0x06, 0x3C), F3(0x04, 0x3D), F4(0x0C, 0x3E),
    F5(0x03, 0x3F), F6(0x0B, 0x40), F7(0x83, 0x41), F8(0x0A, 0x42), F9(0x01, 0x43),
    F10(0x09, 0x44), F11(0x78, 0x57), F12(0x07, 0x58),

    BACKTICK(0x0E, 0x29), DIGIT_1(0x16, 0x02), DIGIT_2(0x1E, 0x03), DIGIT_3(0x26, 0x04),
    DIGIT_4(0x25, 0x05), DIGIT_5(0x2E, 0x06), DIGIT_6(0x36, 0x07), DIGIT_7(0x3D, 0x08),
    DIGIT_8(0x3E, 0x09), DIGIT_9(0x46, 0x0A), DIGIT_0(0x45, 0x0B), MINUS(0x4E, 0x0C),
    EQUALS(0x55, 0x0D), BACKSPACE(0x66, 0x0E),

    TAB(0x0D, 0x0F), Q(0x15, 0x10), W(0x1D, 0x11), E(0x24, 0x12), R(0x2D, 0x13), T(0x2C, 0x14),
    Y(0x35, 0x15), U(0x3C, 0x16), I(0x43, 0x17), O(0x44, 0x18), P(0x4D, 0x19),
    LEFT_BRACKET(0x54, 0x1A), RIGHT_BRACKET(0x5B, 0x1B), BACKSLASH(0x5D, 0x2B),

    CAPS_LOCK(0x58, 0x3A), A(0x1C, 0x1E), S(0x1B, 0x1F), D(0x23, 0x20), F(0x2B, 0x21),
    G(0x34, 0x22), H(0x33, 0x23), J(0x3B, 0x24), K(0x42, 0x25), L(0x4B, 0x26),
    SEMICOLON(0x4C, 0x27), APOSTROPHE(0x52, 0x28), ENTER(0x5A, 0x1C),

    LEFT_SHIFT(0x12, 0x2A), ISO_BACKSLASH(0x61, 0x56), Z(0x1A, 0x2C), X(0x22, 0x2D),
    C(0x21, 0x2E), V(0x2A, 0x2F), B(0x32, 0x30), N(0x31, 0x31), M(0x3A, 0x32), COMMA(0x41, 0x33),
    PERIOD(0x49, 0x34), SLASH(0x4A, 0x35), RIGHT_SHIFT(0x59, 0x36),

    LEFT_CTRL(0x14, 0x1D), LEFT_GUI(0x1F, 0x5B, true), LEFT_ALT(0x11, 0x38), SPACE(0x29, 0x39),
    RIGHT_ALT(0x11, 0x38, true), RIGHT_GUI(0x27, 0x5C, true), MENU(0x2F, 0x5D, true),
    RIGHT_CTRL(0x14, 0x1D, true),

    PRINT_SCREEN(0x7C, 0x37, true), SCROLL_LOCK(0x7E, 0x46), PAUSE(0x77, 0x45),
    INSERT(0x70, 0x52, true), HOME(0x6C, 0x47, true), PAGE_UP(0x7D, 0x49, true),
    DELETE(0x71, 0x53, true), END(0x69, 0x4F, true), PAGE_DOWN(0x7A, 0x51, true),
    UP(0x75, 0x48, true), LEFT(0x6B, 0x4B, true), DOWN(0x72, 0x50, true), RIGHT(0x74, 0x4D, true),

    NUM_LOCK(0x77, 0x45), KEYPAD_SLASH(0x4A, 0x35, true), KEYPAD_STAR(0x7C, 0x37),
    KEYPAD_MINUS(0x7B, 0x4A), KEYPAD_PLUS(0x79, 0x4E), KEYPAD_ENTER(0x5A, 0x1C, true),
    KEYPAD_PERIOD(0x71, 0x53), KEYPAD_0(0x70, 0x52), KEYPAD_1(0x69, 0x4F), KEYPAD_2(0x72, 0x50),
    KEYPAD_3(0x7A, 0x51), KEYPAD_4(0x6B, 0x4B), KEYPAD_5(0x73, 0x4C), KEYPAD_6(0x74, 0x4D),
    KEYPAD_7(0x6C, 0x47), KEYPAD_8(0x75, 0x48), KEYPAD_9(0x7D, 0x49);

    private static final int EXTENDED = 0xE0;
    private static final int SET2_BREAK = 0xF0;
    private static final int SET1_BREAK_BIT = 0x80;

    private final int set2;
    private final int set1;
    private final boolean extended;

    KeyCode(int set2, int set1) {
        this(set2, set1, false);
    }

    KeyCode(int set2, int set1, boolean extended) {
        this.set2 = set2;
        this.set1 = set1;
        this.extended = extended;
    }

    /** The last byte of the key's set-2 make code (without any 0xE0 prefix). */
    int set2Code() {
        return set2;
    }

    /** The last byte of the key's set-1 make code (without any 0xE0 prefix). */
    int set1Code() {
        return set1;
    }

    /** Whether the key sends the 0xE0 prefix. */
    public boolean isExtended() {
        return extended;
    }

    /** Whether holding the key repeats it (Pause is the one key that does not). */
    boolean repeats() {
        return this != PAUSE;
    }

    /** The bytes the keyboard sends when the key goes down, in scan code set 1 or 2. */
    public byte[] makeCode(int set) {
        if (this == PAUSE) {
            // Pause is a make-only sequence: E1 + Ctrl make + NumLock make + E1 + their breaks
            return set == 1
                    ? bytes(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5)
                    : bytes(0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77);
        }
        if (this == PRINT_SCREEN) {
            // Print Screen (unshifted) is sent as a fake left shift followed by the key
            return set == 1 ? bytes(EXTENDED, 0x2A, EXTENDED, 0x37) : bytes(EXTENDED, 0x12, EXTENDED, 0x7C);
        }
        int code = set == 1 ? set1 : set2;
        return extended ? bytes(EXTENDED, code) : bytes(code);
    }

    /** The bytes sent when the key goes up (empty for Pause, which has no break code). */
    public byte[] breakCode(int set) {
        if (this == PAUSE) {
            return new byte[0];
        }
        if (this == PRINT_SCREEN) {
            return set == 1
                    ? bytes(EXTENDED, 0xB7, EXTENDED, 0xAA)
                    : bytes(EXTENDED, SET2_BREAK, 0x7C, EXTENDED, SET2_BREAK, 0x12);
        }
        if (set == 1) {
            int code = set1 | SET1_BREAK_BIT;
            return extended ? bytes(EXTENDED, code) : bytes(code);
        }
        return extended ? bytes(EXTENDED, SET2_BREAK, set2) : bytes(SET2_BREAK, set2);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
