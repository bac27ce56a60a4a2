package dev.jefevm.devices.pit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.irq.IrqLine;
import org.junit.jupiter.api.Test;

class SystemControlPortBTest {

    private final VirtualClock clock = VirtualClock.deterministic();
    private final Pit8254 pit = new Pit8254(clock, IrqLine.DISCONNECTED);
    private final SystemControlPortB portB = new SystemControlPortB(clock, pit);

    @Test
    void bit0_drivesCounter2Gate() {
        portB.write(0, 1, 0x01);

        assertTrue(pit.gate(2));
        assertEquals(0x01, portB.read(0, 1) & 0x0F);
    }

    @Test
    void bit5_showsCounter2OutputAsCalibrationLoopsPollIt() {
        // The TSC calibration idiom: gate on, speaker off, counter 2 mode 0, poll OUT2
        portB.write(0, 1, 0x01);
        pit.write(3, 1, 0xB0);
        pit.write(2, 1, 0x9B); // 11931 ticks: 10 ms
        pit.write(2, 1, 0x2E);
        long polls = 0;

        while ((portB.read(0, 1) & 0x20) == 0) {
            clock.retire(1000);
            polls++;
        }

        assertEquals(10_000_000L, clock.nanos(), 1000.0); // 11932 ticks of 838.1 ns
        assertTrue(polls > 9_000);
    }

    @Test
    void bit4_refreshToggle_flipsAsTimePasses() {
        int first = portB.read(0, 1) & 0x10;

        clock.retire(15_085);

        assertEquals(first ^ 0x10, portB.read(0, 1) & 0x10);
    }

    @Test
    void readOnlyBits_areNotWritten() {
        portB.write(0, 1, 0xF2);

        assertEquals(0x02, portB.read(0, 1) & 0xCF);
        assertFalse(pit.gate(2));
    }

    @Test
    void speakerOn_needsGateAndSpeakerData() {
        portB.write(0, 1, 0x03);

        assertTrue(portB.speakerOn());
    }

    @Test
    void accessBeyondOffsetZero_isIgnoredAndCounted() {
        portB.write(1, 1, 0x01);

        assertEquals(0xFF, portB.read(1, 1) & 0xFF);
        assertFalse(pit.gate(2));
        assertEquals(2, portB.ignoredAccesses());
    }
}
