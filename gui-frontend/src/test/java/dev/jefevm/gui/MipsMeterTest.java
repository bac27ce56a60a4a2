package dev.jefevm.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MipsMeterTest {

    @Test
    void firstReading_hasNoSpeedYet() {
        assertEquals(-1, new MipsMeter().sample(1_000, 5_000_000_000L));
    }

    @Test
    void twoReadings_giveMillionInstructionsPerSecond() {
        MipsMeter meter = new MipsMeter();
        meter.sample(10_000_000, 1_000_000_000L);

        double mips = meter.sample(160_000_000, 2_500_000_000L);

        assertEquals(100.0, mips, 1e-9);
        assertEquals(100.0, meter.mips(), 1e-9);
    }
}
