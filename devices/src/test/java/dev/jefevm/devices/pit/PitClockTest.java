package dev.jefevm.devices.pit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PitClockTest {

    @Test
    void tickAt_oneSecond_isExactlyTheInputFrequency() {
        assertEquals(1_193_182L, PitClock.tickAt(1_000_000_000L));
    }

    @Test
    void tickAt_tenDays_doesNotOverflowOrDrift() {
        long tenDays = 864_000L * 1_000_000_000L;

        assertEquals(864_000L * 1_193_182L, PitClock.tickAt(tenDays));
    }

    @Test
    void nanosAt_isTheFirstNanosecondOfEachTick() {
        long[] ticks = {1, 2, 3, 838, 1_193_181, 1_193_182, 1_193_183, 99_999_999_999L};
        for (long tick : ticks) {
            long nanos = PitClock.nanosAt(tick);

            assertEquals(tick, PitClock.tickAt(nanos), "tick " + tick);
            assertEquals(tick - 1, PitClock.tickAt(nanos - 1), "before tick " + tick);
        }
    }
}
