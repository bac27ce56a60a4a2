package dev.jefevm.devices.ps2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ps2MouseTest {

    private final Ps2Mouse mouse = new Ps2Mouse();

    private List<Integer> drain() {
        List<Integer> out = new ArrayList<>();
        while (!mouse.output().isEmpty()) {
            out.add(mouse.output().poll());
        }
        return out;
    }

    private List<Integer> send(int... bytes) {
        for (int b : bytes) {
            mouse.receive(b);
        }
        return drain();
    }

    private void enableWheel() {
        send(0xF3, 200, 0xF3, 100, 0xF3, 80);
    }

    @Test
    void reset_acknowledgesThenSelfTestPassedThenDeviceId() {
        assertEquals(List.of(0xFA, 0xAA, 0x00), send(0xFF));
    }

    @Test
    void identify_standardMouse_answersId0() {
        assertEquals(List.of(0xFA, 0x00), send(0xF2));
    }

    @Test
    void identify_afterSampleRates200_100_80_answersWheelId3() {
        assertEquals(List.of(0xFA, 0xFA, 0xFA, 0xFA, 0xFA, 0xFA), send(0xF3, 200, 0xF3, 100, 0xF3, 80));
        assertEquals(List.of(0xFA, 0x03), send(0xF2));
    }

    @Test
    void identify_afterOtherSampleRateSequence_staysId0() {
        send(0xF3, 200, 0xF3, 80, 0xF3, 100);
        assertEquals(List.of(0xFA, 0x00), send(0xF2));
    }

    @Test
    void reset_afterWheelUnlock_returnsToId0() {
        enableWheel();
        send(0xFF);
        assertEquals(List.of(0xFA, 0x00), send(0xF2));
    }

    @Test
    void statusRequest_afterReset_reportsStreamDisabled4CountsPerMm100Hz() {
        assertEquals(List.of(0xFA, 0x00, 0x02, 100), send(0xE9));
    }

    @Test
    void statusRequest_reflectsSettings() {
        send(0xF3, 40, 0xE8, 0x03, 0xE7, 0xF4, 0xF0);
        mouse.buttons(Ps2Mouse.LEFT | Ps2Mouse.RIGHT);
        assertEquals(List.of(0xFA, 0x40 | 0x20 | 0x10 | 0x04 | 0x01, 0x03, 40), send(0xE9));
    }

    @Test
    void move_withReportingDisabled_sendsNothing() {
        mouse.move(5, 5);
        assertTrue(drain().isEmpty());
    }

    @Test
    void move_inStreamMode_sendsPacketWithSignBits() {
        send(0xF4);
        mouse.move(10, -5);
        assertEquals(List.of(0x08 | 0x20, 0x0A, 0xFB), drain());
    }

    @Test
    void move_beyond9Bits_setsOverflowAndClampsCount() {
        send(0xF4);
        mouse.move(300, -1000);
        assertEquals(List.of(0x08 | 0x40 | 0x80 | 0x20, 0xFF, 0x00), drain());
    }

    @Test
    void move_atLimits_fitsWithoutOverflow() {
        send(0xF4);
        mouse.move(-256, 255);
        assertEquals(List.of(0x08 | 0x10, 0x00, 0xFF), drain());
    }

    @Test
    void buttons_changed_sendsPacketWithButtonBits() {
        send(0xF4);
        mouse.buttons(Ps2Mouse.LEFT | Ps2Mouse.MIDDLE);
        assertEquals(List.of(0x08 | 0x01 | 0x04, 0x00, 0x00), drain());
    }

    @Test
    void buttons_unchanged_sendsNothing() {
        send(0xF4);
        mouse.buttons(0);
        assertTrue(drain().isEmpty());
    }

    @Test
    void wheelMouse_sendsFourthByteWithClampedWheelCount() {
        enableWheel();
        send(0xF4);
        mouse.wheel(-1);
        mouse.wheel(20);
        assertEquals(List.of(0x08, 0, 0, 0xFF, 0x08, 0, 0, 0x07), drain());
    }

    @Test
    void standardMouse_ignoresWheel() {
        send(0xF4);
        mouse.wheel(3);
        assertTrue(drain().isEmpty());
    }

    @Test
    void scaling2to1_appliesTableToStreamMovement() {
        send(0xE7, 0xF4);
        mouse.move(4, -2);
        mouse.move(10, 0);
        assertEquals(List.of(0x08 | 0x20, 6, 0xFF, 0x08, 20, 0), drain());
    }

    @Test
    void remoteMode_accumulatesUntilReadData() {
        send(0xF0, 0xF4);
        mouse.move(3, 4);
        mouse.move(2, 1);
        assertTrue(drain().isEmpty());

        assertEquals(List.of(0xFA, 0x08, 5, 5), send(0xEB));
        assertEquals(List.of(0xFA, 0x08, 0, 0), send(0xEB));
    }

    @Test
    void setStreamMode_afterRemote_reportsAgain() {
        send(0xF0, 0xEA, 0xF4);
        mouse.move(1, 1);
        assertEquals(List.of(0x08, 1, 1), drain());
    }

    @Test
    void disable_stopsReporting() {
        send(0xF4);
        assertEquals(List.of(0xFA), send(0xF5));
        mouse.move(1, 1);
        assertTrue(drain().isEmpty());
    }

    @Test
    void setDefaults_restoresRateResolutionAndDisables() {
        send(0xF3, 20, 0xE8, 0, 0xF4);
        assertEquals(List.of(0xFA), send(0xF6));
        assertEquals(List.of(0xFA, 0x00, 0x02, 100), send(0xE9));
    }

    @Test
    void wrapMode_echoesBytesUntilResetWrap() {
        assertEquals(List.of(0xFA), send(0xEE));
        assertEquals(List.of(0x12, 0xF2), send(0x12, 0xF2));
        assertEquals(List.of(0xFA), send(0xEC));
        assertEquals(List.of(0xFA, 0x00), send(0xF2));
    }

    @Test
    void unknownCommand_answersResend() {
        assertEquals(List.of(0xFE), send(0xE1));
        assertEquals(1, mouse.ignoredCommands());
    }

    @Test
    void fullQueue_dropsWholePacketsNotPartOfOne() {
        send(0xF4);
        for (int i = 0; i < 20; i++) {
            mouse.buttons(i & 1);
        }
        assertEquals(30, drain().size());
    }
}
