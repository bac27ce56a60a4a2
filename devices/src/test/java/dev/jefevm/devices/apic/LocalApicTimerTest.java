package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalApicTimerTest {

    static final int EOI = 0xB0, SVR = 0xF0, LVT_TIMER = 0x320, INITIAL = 0x380, CURRENT = 0x390, DIVIDE = 0x3E0;
    static final int PERIODIC = 1 << 17, TSC_DEADLINE = 2 << 17, VECTOR = 0xEC;

    private final VirtualClock clock = VirtualClock.deterministic();
    private final LocalApic apic = new LocalApic(0, clock);

    @BeforeEach
    void enable() {
        apic.write(SVR, 4, 0x1FF);
        apic.write(DIVIDE, 4, 0xB); // divide by 1
    }

    private void advance(long nanos) {
        clock.retire(nanos);
        clock.runDueTimers();
    }

    /** Takes and retires one timer interrupt, returning whether there was one. */
    private boolean takeInterrupt() {
        if (!apic.interruptPending()) {
            return false;
        }
        assertEquals(VECTOR, apic.acknowledge());
        apic.write(EOI, 4, 0);
        return true;
    }

    @Test
    void oneShot_countsDownAndFiresOnceAtZero() {
        apic.write(LVT_TIMER, 4, VECTOR);
        apic.write(INITIAL, 4, 1000);

        advance(400);
        assertEquals(600, apic.read(CURRENT, 4));
        assertFalse(takeInterrupt());

        advance(600);
        assertTrue(takeInterrupt());
        assertEquals(0, apic.read(CURRENT, 4));

        advance(5000);
        assertFalse(takeInterrupt(), "one-shot does not reload");
    }

    @Test
    void divideConfiguration_slowsTheCount() {
        apic.write(DIVIDE, 4, 0x3); // divide by 16
        apic.write(LVT_TIMER, 4, VECTOR);
        apic.write(INITIAL, 4, 100);

        advance(16 * 99);
        assertEquals(1, apic.read(CURRENT, 4));
        assertFalse(takeInterrupt());

        advance(16);
        assertTrue(takeInterrupt());
    }

    @Test
    void divideConfiguration_readsBackItsWritableBits() {
        apic.write(DIVIDE, 4, 0xFF);

        assertEquals(0xB, apic.read(DIVIDE, 4));
    }

    @Test
    void periodic_reloadsAndFiresEveryPeriod() {
        apic.write(LVT_TIMER, 4, PERIODIC | VECTOR);
        apic.write(INITIAL, 4, 100);
        int fired = 0;

        for (int i = 0; i < 10; i++) {
            advance(100);
            if (takeInterrupt()) {
                fired++;
            }
        }

        assertEquals(10, fired);
        advance(30);
        assertEquals(70, apic.read(CURRENT, 4));
    }

    @Test
    void periodic_afterLongIdle_firesOnceNotOncePerMissedPeriod() {
        apic.write(LVT_TIMER, 4, PERIODIC | VECTOR);
        apic.write(INITIAL, 4, 1);

        clock.retire(1_000_000);
        int fired = clock.runDueTimers();

        assertEquals(1, fired);
        assertTrue(takeInterrupt());
    }

    @Test
    void maskedTimer_countsButRaisesNothing() {
        apic.write(LVT_TIMER, 4, LocalApic.LVT_MASK | VECTOR);
        apic.write(INITIAL, 4, 50);

        advance(20);
        assertEquals(30, apic.read(CURRENT, 4));
        advance(100);

        assertFalse(apic.interruptPending());
    }

    @Test
    void initialCountZero_stopsTheTimer() {
        apic.write(LVT_TIMER, 4, PERIODIC | VECTOR);
        apic.write(INITIAL, 4, 100);

        apic.write(INITIAL, 4, 0);
        advance(1000);

        assertFalse(takeInterrupt());
        assertEquals(0, apic.read(CURRENT, 4));
    }

    @Test
    void tscDeadline_firesWhenTscReachesDeadlineAndClearsMsr() {
        apic.write(LVT_TIMER, 4, TSC_DEADLINE | VECTOR);
        apic.writeTscDeadline(clock.tsc() + 500);
        apic.write(INITIAL, 4, 10); // ignored in TSC-deadline mode

        advance(499);
        assertFalse(takeInterrupt());
        assertEquals(0, apic.read(INITIAL, 4));
        advance(1);

        assertTrue(takeInterrupt());
        assertEquals(0, apic.readTscDeadline());
    }

    @Test
    void tscDeadline_writtenOutsideDeadlineMode_isIgnored() {
        apic.write(LVT_TIMER, 4, VECTOR);

        apic.writeTscDeadline(100);
        advance(200);

        assertEquals(0, apic.readTscDeadline());
        assertFalse(takeInterrupt());
    }

    @Test
    void tscDeadline_leavingDeadlineMode_disarmsIt() {
        apic.write(LVT_TIMER, 4, TSC_DEADLINE | VECTOR);
        apic.writeTscDeadline(100);

        apic.write(LVT_TIMER, 4, VECTOR);
        advance(200);

        assertFalse(takeInterrupt());
    }

    @Test
    void tscDeadline_writeZero_disarms() {
        apic.write(LVT_TIMER, 4, TSC_DEADLINE | VECTOR);
        apic.writeTscDeadline(100);

        apic.writeTscDeadline(0);
        advance(200);

        assertFalse(takeInterrupt());
    }
}
