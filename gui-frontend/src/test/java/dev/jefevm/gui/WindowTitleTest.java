package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WindowTitleTest {

    @Test
    void grabbed_showsSpeedAndHowToRelease() {
        assertEquals("JefeOS - interp - 123.5 MIPS - Ctrl+Alt+G releases the mouse",
                WindowTitle.format("JefeOS", "interp", 123.46, false, true, null));
    }

    @Test
    void free_saysClickToGrab() {
        assertEquals("vm1 - jit - 0.0 MIPS - click to grab the mouse, Ctrl+Alt+H for keys",
                WindowTitle.format("vm1", "jit", 0, false, false, null));
    }

    @Test
    void beforeTheFirstReading_saysStarting() {
        assertEquals("vm1 - jit - starting - click to grab the mouse, Ctrl+Alt+H for keys",
                WindowTitle.format("vm1", "jit", -1, false, false, null));
    }

    @Test
    void paused_replacesTheSpeed_andANoticeReplacesTheHint() {
        assertEquals("vm1 - interp - paused - screenshot saved to /tmp/a.png",
                WindowTitle.format("vm1", "interp", 50, true, true, "screenshot saved to /tmp/a.png"));
    }
}
