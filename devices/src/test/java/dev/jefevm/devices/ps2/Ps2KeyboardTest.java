package dev.jefevm.devices.ps2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ps2KeyboardTest {

    private final VirtualClock clock = VirtualClock.deterministic();
    private final List<String> leds = new ArrayList<>();
    private final Ps2Keyboard keyboard = new Ps2Keyboard(clock,
            (scroll, num, caps) -> leds.add(scroll + "," + num + "," + caps));

    private List<Integer> drain() {
        List<Integer> out = new ArrayList<>();
        while (!keyboard.output().isEmpty()) {
            out.add(keyboard.output().poll());
        }
        return out;
    }

    private List<Integer> send(int... bytes) {
        for (int b : bytes) {
            keyboard.receive(b);
        }
        return drain();
    }

    private void advanceMillis(double ms) {
        clock.retire((long) (ms * 1_000_000));
        clock.runDueTimers();
    }

    @Test
    void reset_acknowledgesThenReportsSelfTestPassed() {
        assertEquals(List.of(0xFA, 0xAA), send(0xFF));
    }

    @Test
    void identify_answersMf2KeyboardId() {
        assertEquals(List.of(0xFA, 0xAB, 0x83), send(0xF2));
    }

    @Test
    void echo_answersEchoWithoutAcknowledge() {
        assertEquals(List.of(0xEE), send(0xEE));
    }

    @Test
    void setLeds_acknowledgesCommandAndArgument_andReportsIndicators() {
        assertEquals(List.of(0xFA, 0xFA), send(0xED, 0x06));
        assertEquals(List.of("false,true,true"), leds);
    }

    @Test
    void getScancodeSet_afterReset_reportsSet2() {
        assertEquals(List.of(0xFA, 0xFA, 0x02), send(0xF0, 0x00));
    }

    @Test
    void setScancodeSet1_thenQuery_reportsSet1() {
        send(0xF0, 0x01);
        assertEquals(List.of(0xFA, 0xFA, 0x01), send(0xF0, 0x00));
    }

    @Test
    void setScancodeSet_outOfRange_answersResend() {
        assertEquals(List.of(0xFA, 0xFE), send(0xF0, 0x04));
        assertEquals(2, keyboard.scancodeSet());
    }

    @Test
    void unknownCommand_answersResend() {
        assertEquals(List.of(0xFE), send(0xE0));
        assertEquals(1, keyboard.ignoredCommands());
    }

    @Test
    void resend_repeatsLastByteSent() {
        send(0xF2);
        assertEquals(List.of(0x83), send(0xFE));
    }

    @Test
    void letterKey_inSet2_sendsMakeThenF0Break() {
        keyboard.keyDown(KeyCode.A);
        keyboard.keyUp(KeyCode.A);
        assertEquals(List.of(0x1C, 0xF0, 0x1C), drain());
    }

    @Test
    void letterKey_inSet1_sendsMakeThenBit7Break() {
        send(0xF0, 0x01);
        keyboard.keyDown(KeyCode.A);
        keyboard.keyUp(KeyCode.A);
        assertEquals(List.of(0x1E, 0x9E), drain());
    }

    @Test
    void extendedKey_inSet2_keepsE0PrefixOnBreak() {
        keyboard.keyDown(KeyCode.RIGHT_CTRL);
        keyboard.keyUp(KeyCode.RIGHT_CTRL);
        assertEquals(List.of(0xE0, 0x14, 0xE0, 0xF0, 0x14), drain());
    }

    @Test
    void extendedKey_inSet1_keepsE0PrefixOnBreak() {
        send(0xF0, 0x01);
        keyboard.keyDown(KeyCode.DELETE);
        keyboard.keyUp(KeyCode.DELETE);
        assertEquals(List.of(0xE0, 0x53, 0xE0, 0xD3), drain());
    }

    @Test
    void pause_inSet2_sendsE1SequenceAndNoBreak() {
        keyboard.keyDown(KeyCode.PAUSE);
        keyboard.keyUp(KeyCode.PAUSE);
        assertEquals(List.of(0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77), drain());
    }

    @Test
    void pause_inSet1_sendsE1Sequence() {
        send(0xF0, 0x01);
        keyboard.keyDown(KeyCode.PAUSE);
        assertEquals(List.of(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5), drain());
    }

    @Test
    void printScreen_inSet2_sendsFakeShiftSequences() {
        keyboard.keyDown(KeyCode.PRINT_SCREEN);
        keyboard.keyUp(KeyCode.PRINT_SCREEN);
        assertEquals(List.of(0xE0, 0x12, 0xE0, 0x7C, 0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12), drain());
    }

    @Test
    void printScreen_inSet1_sendsFakeShiftSequences() {
        send(0xF0, 0x01);
        keyboard.keyDown(KeyCode.PRINT_SCREEN);
        keyboard.keyUp(KeyCode.PRINT_SCREEN);
        assertEquals(List.of(0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7, 0xE0, 0xAA), drain());
    }

    @Test
    void disable_stopsScanning_andEnableResumes() {
        send(0xF5);
        keyboard.keyDown(KeyCode.B);
        assertTrue(drain().isEmpty());

        assertEquals(List.of(0xFA), send(0xF4));
        keyboard.keyDown(KeyCode.B);
        assertEquals(List.of(0x32), drain());
    }

    @Test
    void heldKey_withDefaultTypematic_repeatsAfter500msThenEvery91ms() {
        keyboard.keyDown(KeyCode.A);
        drain();

        advanceMillis(499);
        assertTrue(drain().isEmpty());
        advanceMillis(1);
        assertEquals(List.of(0x1C), drain());
        advanceMillis(91);
        assertTrue(drain().isEmpty());
        advanceMillis(1);
        assertEquals(List.of(0x1C), drain());
    }

    @Test
    void heldKey_withFastestTypematic_repeatsAfter250msThenEvery33ms() {
        send(0xF3, 0x00);
        keyboard.keyDown(KeyCode.A);
        drain();

        advanceMillis(250);
        assertEquals(List.of(0x1C), drain());
        advanceMillis(33.36);
        assertEquals(List.of(0x1C), drain());
    }

    @Test
    void typematicSetting_slowestRate_givesHalfSecondPeriodAndSecondDelay() {
        send(0xF3, 0x7F);
        assertEquals(500_400_000L, keyboard.typematicPeriodNanos());
        assertEquals(1_000_000_000L, keyboard.typematicDelayNanos());
    }

    @Test
    void keyUp_stopsTypematicRepeat() {
        keyboard.keyDown(KeyCode.A);
        keyboard.keyUp(KeyCode.A);
        drain();

        advanceMillis(2000);
        assertTrue(drain().isEmpty());
    }

    @Test
    void pause_doesNotRepeat() {
        keyboard.keyDown(KeyCode.PAUSE);
        drain();

        advanceMillis(2000);
        assertTrue(drain().isEmpty());
    }

    @Test
    void fullBuffer_endsInOverrunCode() {
        for (int i = 0; i < 20; i++) {
            keyboard.keyDown(KeyCode.Q);
        }
        List<Integer> out = drain();
        assertEquals(16, out.size());
        assertEquals(0x00, (int) out.get(15));
        assertEquals(java.util.Collections.nCopies(15, 0x15), out.subList(0, 15));
    }

    @Test
    void fullBuffer_inSet1_endsInFF() {
        send(0xF0, 0x01);
        for (int i = 0; i < 20; i++) {
            keyboard.keyDown(KeyCode.Q);
        }
        List<Integer> out = drain();
        assertEquals(0xFF, (int) out.get(out.size() - 1));
    }

    @Test
    void setDefaults_restoresSet2AndKeepsScanning() {
        send(0xF0, 0x01);
        assertEquals(List.of(0xFA), send(0xF6));
        keyboard.keyDown(KeyCode.A);
        assertEquals(List.of(0x1C), drain());
    }

    @Test
    void commandByte_whileArgumentPending_startsNewCommand() {
        assertEquals(List.of(0xFA, 0xFA, 0xAB, 0x83), send(0xED, 0xF2));
        assertTrue(leds.isEmpty());
    }

    @Test
    void queuedKeys_beyondDeviceBuffer_allArriveInOrderAsGuestDrains() {
        for (int i = 0; i < 40; i++) {
            keyboard.queueKeyDown(KeyCode.Q);
            keyboard.queueKeyUp(KeyCode.Q);
        }
        assertEquals(16, keyboard.output().size());
        List<Integer> out = drain();
        assertEquals(40 * 3, out.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(List.of(0x15, 0xF0, 0x15), out.subList(i * 3, i * 3 + 3), "key " + i);
        }
        assertEquals(0, keyboard.queuedKeyEvents());
    }

    @Test
    void queuedKeys_beyondHostQueue_endInOverrunCode() {
        for (int i = 0; i < Ps2Keyboard.HOST_QUEUE_SIZE + 20; i++) {
            keyboard.queueKeyDown(KeyCode.Q);
        }
        List<Integer> out = drain();
        assertEquals(0x00, (int) out.get(15));
        assertEquals(16 + Ps2Keyboard.HOST_QUEUE_SIZE, out.size());
    }
}
