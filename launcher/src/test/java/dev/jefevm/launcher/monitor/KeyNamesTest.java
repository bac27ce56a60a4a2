package dev.jefevm.launcher.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.devices.ps2.KeyCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

    @Test
    void lookup_qemuNames_mapToPs2Keys() {
        assertEquals(KeyCode.ENTER, KeyNames.lookup("ret"));
        assertEquals(KeyCode.SPACE, KeyNames.lookup("spc"));
        assertEquals(KeyCode.ESCAPE, KeyNames.lookup("esc"));
        assertEquals(KeyCode.F1, KeyNames.lookup("F1"));
        assertEquals(KeyCode.MINUS, KeyNames.lookup("minus"));
        assertNull(KeyNames.lookup("nosuchkey"));
    }

    @Test
    void parseCombo_shiftA_givesBothKeysInOrder() {
        assertEquals(List.of(KeyCode.LEFT_SHIFT, KeyCode.A), KeyNames.parseCombo("shift-a"));
    }

    @Test
    void parseCombo_trailingDash_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyNames.parseCombo("ctrl-"));
    }

    @Test
    void textKeys_usLayout_shiftsUpperCaseAndSymbols() {
        assertEquals(new TextKeys(KeyCode.Q, true), TextKeys.of('Q'));
        assertEquals(new TextKeys(KeyCode.APOSTROPHE, true), TextKeys.of('"'));
        assertEquals(new TextKeys(KeyCode.SLASH, false), TextKeys.of('/'));
        assertNull(TextKeys.of('\u00e9'));
    }
}
