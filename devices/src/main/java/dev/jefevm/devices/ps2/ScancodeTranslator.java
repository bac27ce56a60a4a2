package dev.jefevm.devices.ps2;

/**
 * The 8042's set-2 to set-1 translation (command byte bit 6, "IBM PC compatibility mode" in the
 * IBM PS/2 Hardware Interface Technical Reference): each byte from the keyboard is mapped
 * through a fixed table, and a 0xF0 break prefix is swallowed and folded into bit 7 of the next
 * translated byte. The table is built from the key tables in {@link KeyCode}, so a key's
 * translated set-2 code is exactly its set-1 code. Bytes at or above 0x80 (acknowledge 0xFA,
 * self-test 0xAA, echo 0xEE, resend 0xFE, prefixes 0xE0/0xE1) pass through unchanged, except
 * F7's 0x83; set-2 codes no key of this keyboard sends also pass through unchanged.
 */
final class ScancodeTranslator {

    private static final int BREAK_PREFIX = 0xF0;
    private static final int[] TABLE = buildTable();

    private boolean breakPending;

    private static int[] buildTable() {
        int[] table = new int[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = i;
        }
        for (KeyCode key : KeyCode.values()) {
            table[key.set2Code()] = key.set1Code();
        }
        // Keyboard error/overrun 0x00 becomes set 1's 0xFF; 0x02 is the reply to "get scan code
        // set 2" and translates like the F7 entry (0x41), as do replies 1 (F9) and 3 (F5).
        table[0x00] = 0xFF;
        table[0x02] = 0x41;
        return table;
    }

    /** Translates one byte; returns -1 when the byte was a break prefix and produces nothing yet. */
    int translate(int set2Byte) {
        if (set2Byte == BREAK_PREFIX) {
            breakPending = true;
            return -1;
        }
        int out = TABLE[set2Byte & 0xFF];
        if (breakPending) {
            breakPending = false;
            out |= 0x80;
        }
        return out;
    }

    boolean breakPending() {
        return breakPending;
    }

    void restore(boolean pending) {
        breakPending = pending;
    }

    void reset() {
        breakPending = false;
    }
}
