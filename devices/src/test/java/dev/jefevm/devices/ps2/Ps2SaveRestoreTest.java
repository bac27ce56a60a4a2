package dev.jefevm.devices.ps2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ps2SaveRestoreTest {

    private final VirtualClock clock = VirtualClock.deterministic();

    private static List<Integer> drain(Ps2OutputQueue queue) {
        List<Integer> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            out.add(queue.poll());
        }
        return out;
    }

    @Test
    void keyboard_saveThenRestore_keepsSetBufferAndTypematicRepeat() {
        Ps2Keyboard original = new Ps2Keyboard(clock, KeyboardLeds.NONE);
        original.receive(0xF0);
        original.receive(0x01);
        drain(original.output());
        original.keyDown(KeyCode.A);
        Ps2KeyboardState saved = original.saveState();
        original.keyUp(KeyCode.A); // stops the original's repeat

        Ps2Keyboard copy = new Ps2Keyboard(clock, KeyboardLeds.NONE);
        copy.restoreState(saved);

        assertEquals(1, copy.scancodeSet());
        assertEquals(List.of(0x1E), drain(copy.output()));
        clock.retire(500_000_000L);
        clock.runDueTimers();
        assertEquals(List.of(0x1E), drain(copy.output()));
    }

    @Test
    void mouse_saveThenRestore_keepsWheelIdModeAndCounters() {
        Ps2Mouse original = new Ps2Mouse();
        for (int b : new int[] {0xF3, 200, 0xF3, 100, 0xF3, 80, 0xF0, 0xF4}) {
            original.receive(b);
        }
        drain(original.output());
        original.move(7, -3);

        Ps2Mouse copy = new Ps2Mouse();
        copy.restoreState(original.saveState());
        copy.receive(0xEB);

        assertEquals(Ps2Mouse.ID_WHEEL, copy.deviceId());
        assertEquals(List.of(0xFA, 0x08 | 0x20, 7, 0xFD, 0x00), drain(copy.output()));
    }

    @Test
    void controller_saveThenRestore_keepsCommandByteBufferAndIrq() {
        I8042Test.RecordingLine irq1 = new I8042Test.RecordingLine();
        I8042 original = new I8042(new Ps2Keyboard(clock, KeyboardLeds.NONE), new Ps2Mouse(),
                irq1, new I8042Test.RecordingLine(), I8042Outputs.NONE);
        original.commandPort().write(0, 1, 0x60);
        original.dataPort().write(0, 1, 0x41);
        original.commandPort().write(0, 1, 0xAA);
        original.commandPort().write(0, 1, 0x20);
        I8042State saved = original.saveState();

        I8042Test.RecordingLine copyIrq1 = new I8042Test.RecordingLine();
        I8042 copy = new I8042(new Ps2Keyboard(clock, KeyboardLeds.NONE), new Ps2Mouse(),
                copyIrq1, new I8042Test.RecordingLine(), I8042Outputs.NONE);
        copy.restoreState(saved);

        assertTrue(copyIrq1.level);
        assertEquals(0x41, copy.commandByte());
        assertEquals(0x55, copy.dataPort().read(0, 1));
        assertEquals(0x41, copy.dataPort().read(0, 1));
        assertArrayEquals(saved.ram(), copy.saveState().ram());
    }
}
