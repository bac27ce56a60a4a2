package dev.jefevm.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device timers on the virtual clock fire in deadline order once virtual time reaches them. */
class ClockTimerTest {

    private final VirtualClock clock = VirtualClock.deterministic();
    private final List<String> fired = new ArrayList<>();

    private ClockTimer timer(String name) {
        return clock.newTimer(name, () -> fired.add(name + "@" + clock.nanos()));
    }

    @Test
    void runDueTimers_firesOnlyWhatTimeHasReached_earliestFirst() {
        timer("late").arm(300);
        timer("early").arm(100);
        timer("never").arm(1_000);

        clock.retire(300);
        int n = clock.runDueTimers();

        assertEquals(2, n);
        assertEquals(List.of("early@300", "late@300"), fired);
        assertEquals(1_000, clock.nextDeadline());
    }

    @Test
    void equalDeadlines_fireInArmingOrder() {
        timer("b").arm(50);
        timer("a").arm(50);
        clock.retire(50);

        clock.runDueTimers();

        assertEquals(List.of("b@50", "a@50"), fired);
    }

    @Test
    void rearmAndCancel_moveOrRemoveTheDeadline() {
        ClockTimer t = timer("t");
        ClockTimer u = timer("u");
        t.arm(10);
        u.arm(20);
        t.arm(30);
        u.cancel();
        clock.retire(25);

        assertEquals(0, clock.runDueTimers());
        assertEquals(30, clock.nextDeadline());
        assertFalse(u.isArmed());
    }

    @Test
    void periodicTimer_rearmingItselfForReachedTimes_catchesUpInOneCall() {
        long[] next = {100};
        ClockTimer[] self = new ClockTimer[1];
        self[0] = clock.newTimer("tick", () -> {
            fired.add("tick");
            next[0] += 100;
            self[0].arm(next[0]);
        });
        self[0].arm(next[0]);
        clock.retire(350);

        clock.runDueTimers();

        assertEquals(3, fired.size());
        assertEquals(400, clock.nextDeadline());
    }

    @Test
    void idleUntil_advancesDeterministicTimeWithoutRetiring() {
        clock.retire(10);

        clock.idleUntil(1_000);
        clock.idleUntil(500); // never backwards

        assertEquals(1_000, clock.nanos());
        assertEquals(10, clock.retiredInstructions());
    }

    @Test
    void nextDeadline_withNothingArmed_isNever() {
        assertEquals(Long.MAX_VALUE, clock.nextDeadline());
    }
}
