package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MouseInputTest {

    private final RecordingControls controls = new RecordingControls();
    private int grabChanges;
    private final MouseInput mouse = new MouseInput(controls, () -> grabChanges++);

    @Test
    void free_motionAndWheel_stayOnTheHost() {
        mouse.onCursor(10, 10);
        mouse.onCursor(20, 30);
        mouse.onScroll(1);

        assertFalse(mouse.isGrabbed());
        assertEquals(List.of(), controls.calls);
    }

    @Test
    void clickWhileFree_grabsWithoutSendingTheClick() {
        mouse.onButton(0, true);
        mouse.onButton(0, false);

        assertTrue(mouse.isGrabbed());
        assertEquals(1, grabChanges);
        assertEquals(List.of(), controls.calls);
    }

    @Test
    void grabbed_relativeMotionFromTheFirstPosition() {
        mouse.onButton(0, true);
        mouse.onCursor(500, 400);
        mouse.onCursor(503, 398);
        mouse.onCursor(503.4, 398);

        assertEquals(List.of("move 3 -2"), controls.calls);
    }

    @Test
    void startFrom_firstMotionAfterTheGrabCountsInFull() {
        mouse.onButton(0, true);
        mouse.startFrom(512, 384);

        mouse.onCursor(412, 384);

        assertEquals(List.of("move -100 0"), controls.calls);
    }

    @Test
    void bigJump_goesInStepsAPs2PacketCanCarry() {
        mouse.onButton(0, true);
        mouse.startFrom(0, 0);

        mouse.onCursor(-600, 100);

        assertEquals(List.of("move -255 100", "move -255 0", "move -90 0"), controls.calls);
    }

    @Test
    void grabbed_buttonsSetPs2BitsLeftRightMiddle() {
        mouse.onButton(0, true);
        mouse.onButton(0, false);
        mouse.onButton(0, true);
        mouse.onButton(2, true);
        mouse.onButton(1, true);
        mouse.onButton(0, false);

        assertEquals(List.of("buttons 1", "buttons 5", "buttons 7", "buttons 6"), controls.calls);
    }

    @Test
    void grabbed_wheelUpIsNegativePs2Z_andHalfNotchesAddUp() {
        mouse.onButton(0, true);
        mouse.onScroll(1);
        mouse.onScroll(-0.5);
        mouse.onScroll(-0.5);

        assertEquals(List.of("wheel -1", "wheel 1"), controls.calls);
    }

    @Test
    void release_letsGoOfHeldButtonsAndFreesThePointer() {
        mouse.onButton(0, true);
        mouse.onButton(0, false);
        mouse.onButton(1, true);

        mouse.release();
        mouse.onCursor(1, 1);
        mouse.onCursor(9, 9);

        assertFalse(mouse.isGrabbed());
        assertEquals(2, grabChanges);
        assertEquals(List.of("buttons 2", "buttons 0"), controls.calls);
    }
}
