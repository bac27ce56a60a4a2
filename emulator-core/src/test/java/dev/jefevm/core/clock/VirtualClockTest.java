package dev.jefevm.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void deterministicClock_advancesOnlyWithRetiredInstructions() {
        VirtualClock clock = VirtualClock.deterministic();

        clock.retire(1500);

        assertEquals(1500 * VirtualClock.NANOS_PER_INSTRUCTION, clock.nanos());
        assertEquals(clock.nanos(), clock.tsc());
    }

    @Test
    void twoDeterministicClocks_withTheSameWork_agree() {
        VirtualClock a = VirtualClock.deterministic();
        VirtualClock b = VirtualClock.deterministic();

        a.retire(10);
        a.retire(32);
        b.retire(42);

        assertEquals(a.tsc(), b.tsc());
    }
}
