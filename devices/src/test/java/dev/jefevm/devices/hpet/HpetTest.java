package dev.jefevm.devices.hpet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import org.junit.jupiter.api.Test;

class HpetTest {

    private static final int CONFIG = 0x010, STATUS = 0x020, COUNTER = 0x0F0;
    private static final long ENABLE = 1, LEGACY = 2;
    private static final long LEVEL = 1 << 1, INT_ENB = 1 << 2, PERIODIC = 1 << 3, VAL_SET = 1 << 6, MODE_32 = 1 << 8;
    private static final long ROUTE_20 = 20L << 9, ROUTE_21 = 21L << 9;

    private final VirtualClock clock = VirtualClock.deterministic();
    private final RecordingLine gsi20 = new RecordingLine(clock);
    private final RecordingLine gsi21 = new RecordingLine(clock);
    private final RecordingLine otherGsi = new RecordingLine(clock);
    private final RecordingLine irq0 = new RecordingLine(clock);
    private final RecordingLine irq8 = new RecordingLine(clock);
    private final Hpet hpet = new Hpet(clock, gsi -> gsi == 20 ? gsi20 : gsi == 21 ? gsi21 : otherGsi, irq0, irq8);

    @Test
    void capabilities_reportThreeTimers64BitLegacyCapableAt10MHz() {
        long caps = hpet.read(0, 8);

        assertEquals(1, caps & 0xFF);                // revision
        assertEquals(2, caps >> 8 & 0x1F);           // NUM_TIM_CAP = timers - 1
        assertEquals(1, caps >> 13 & 1);             // COUNT_SIZE_CAP
        assertEquals(1, caps >> 15 & 1);             // LEG_RT_CAP
        assertEquals(100_000_000L, hpet.read(4, 4)); // period in fs, high half read alone
    }

    @Test
    void mainCounter_whenEnabled_counts10MHzFromVirtualTime() {
        hpet.write(CONFIG, 4, ENABLE);

        advance(1_000);

        assertEquals(10, hpet.read(COUNTER, 8));
    }

    @Test
    void mainCounter_whenHalted_holdsAWrittenValue() {
        hpet.write(COUNTER, 4, 0x1234_5678);
        hpet.write(COUNTER + 4, 4, 0x9A);

        advance(1_000);

        assertEquals(0x9A_1234_5678L, hpet.read(COUNTER, 8));
    }

    @Test
    void mainCounter_afterHalting_keepsItsValue() {
        hpet.write(CONFIG, 4, ENABLE);
        advance(500);
        hpet.write(CONFIG, 4, 0);

        advance(10_000);

        assertEquals(5, hpet.read(COUNTER, 8));
    }

    @Test
    void mainCounter_configurationWriteWhileRunning_keepsCountingWithoutSlip() {
        hpet.write(CONFIG, 4, ENABLE);
        advance(150);

        hpet.write(CONFIG, 4, ENABLE | LEGACY);
        advance(50);

        assertEquals(2, hpet.read(COUNTER, 8));
    }

    @Test
    void timer32BitMode_ignoresWritesToTheComparatorsUpperHalf() {
        writeTimerConfig(0, MODE_32);
        writeComparator(0, 0x77);

        hpet.write(0x10C, 4, 0xFFFF_FFFFL);

        assertEquals(0x77, hpet.read(0x108, 8));
    }

    @Test
    void oneShotEdgeTimer_pulsesItsRouteWhenTheCounterReachesTheComparator() {
        writeTimerConfig(0, INT_ENB | ROUTE_20);
        writeComparator(0, 100);
        hpet.write(CONFIG, 4, ENABLE);
        advance(9_999);
        assertEquals(0, gsi20.rises);

        advance(1);

        assertEquals(1, gsi20.rises);
        assertFalse(gsi20.level);
        assertEquals(0, hpet.read(STATUS, 8)); // edge timers leave status clear
    }

    @Test
    void oneShot64BitTimer_firesOnlyOnce() {
        writeTimerConfig(0, INT_ENB | ROUTE_20);
        writeComparator(0, 100);
        hpet.write(CONFIG, 4, ENABLE);

        advance(1_000_000_000L);

        assertEquals(1, gsi20.rises);
    }

    @Test
    void levelTimer_holdsLineAndStatusUntilStatusBitIsWrittenWithOne() {
        writeTimerConfig(1, LEVEL | INT_ENB | ROUTE_21);
        writeComparator(1, 10);
        hpet.write(CONFIG, 4, ENABLE);
        advance(1_000);
        assertTrue(gsi21.level);
        assertEquals(0b10, hpet.read(STATUS, 8));

        hpet.write(STATUS, 4, 0b10);

        assertFalse(gsi21.level);
        assertEquals(0, hpet.read(STATUS, 8));
    }

    @Test
    void statusWrite_clearsOnlyTheBitsWrittenWithOne() {
        writeTimerConfig(0, LEVEL | ROUTE_20);
        writeTimerConfig(1, LEVEL | ROUTE_21);
        writeComparator(0, 1);
        writeComparator(1, 1);
        hpet.write(CONFIG, 4, ENABLE);
        advance(100);

        hpet.write(STATUS, 4, 0b01);

        assertEquals(0b10, hpet.read(STATUS, 8));
        assertFalse(gsi21.level); // INT_ENB clear: status only, no interrupt
    }

    @Test
    void periodicTimer_withValSet_firesEveryPeriod() {
        writeTimerConfig(0, PERIODIC | VAL_SET | INT_ENB | ROUTE_20);
        writeComparator(0, 50);
        hpet.write(CONFIG, 4, ENABLE);

        advance(5_000);
        assertEquals(1, gsi20.rises);
        advance(5_000);
        assertEquals(2, gsi20.rises);
        advance(4_999);
        assertEquals(2, gsi20.rises);
        advance(1);

        assertEquals(3, gsi20.rises);
        assertEquals(200, hpet.read(0x108, 8)); // comparator accumulated to the next match
    }

    @Test
    void periodicTimer_secondComparatorWriteSetsOnlyThePeriod() {
        hpet.write(CONFIG, 4, ENABLE);
        writeTimerConfig(0, PERIODIC | VAL_SET | INT_ENB | ROUTE_20);
        writeComparator(0, 100); // first match
        writeComparator(0, 30);  // period; VAL_SET was consumed

        advance(10_000);
        assertEquals(1, gsi20.rises);
        advance(3_000);

        assertEquals(2, gsi20.rises);
        assertEquals(13_000, gsi20.lastRise);
    }

    @Test
    void periodicTimer_withZeroPeriod_stopsAfterOneMatchInsteadOfLooping() {
        writeTimerConfig(0, PERIODIC | VAL_SET | INT_ENB | ROUTE_20);
        writeComparator(0, 0);
        hpet.write(CONFIG, 4, ENABLE);

        advance(1_000_000);

        assertEquals(1, gsi20.rises);
    }

    @Test
    void timer32BitMode_matchesAfterCounterWrapsAndAgainAfterAFullLap() {
        hpet.write(COUNTER, 8, 0xFFFF_FFF0L);
        writeTimerConfig(2, MODE_32 | INT_ENB | ROUTE_20);
        writeComparator(2, 0x1_0000_0010L); // upper half dropped in 32-bit mode
        hpet.write(CONFIG, 4, ENABLE);
        assertEquals(0x10, hpet.read(0x148, 8));

        advance(0x20 * 100);
        assertEquals(1, gsi20.rises);
        advance((1L << 32) * 100);

        assertEquals(2, gsi20.rises);
        assertEquals(0x20 * 100 + (1L << 32) * 100, gsi20.lastRise);
    }

    @Test
    void legacyReplacement_routesTimer0ToIrq0AndTimer1ToIrq8() {
        writeTimerConfig(0, INT_ENB | ROUTE_20);
        writeTimerConfig(1, INT_ENB | ROUTE_21);
        writeComparator(0, 10);
        writeComparator(1, 20);
        hpet.write(CONFIG, 4, ENABLE | LEGACY);

        advance(2_000);

        assertTrue(hpet.legacyReplacement());
        assertEquals(1, irq0.rises);
        assertEquals(1, irq8.rises);
        assertEquals(0, gsi20.rises + gsi21.rises);
    }

    @Test
    void interruptRoute_outsideTheCapabilityMask_keepsThePreviousRoute() {
        writeTimerConfig(0, ROUTE_20);

        writeTimerConfig(0, 5L << 9);

        assertEquals(20, hpet.read(0x100, 4) >> 9 & 0x1F);
        assertEquals(Hpet.ALLOWED_ROUTES, hpet.read(0x104, 4)); // Tn_INT_ROUTE_CAP
    }

    @Test
    void disabledHpet_neverInterrupts() {
        writeTimerConfig(0, INT_ENB | ROUTE_20);
        writeComparator(0, 10);

        advance(1_000_000);

        assertEquals(0, gsi20.rises);
        assertEquals(0, hpet.read(COUNTER, 8));
    }

    @Test
    void narrowOrMisalignedAccesses_areIgnoredAndCounted() {
        assertEquals(0, hpet.read(0, 1));
        hpet.write(CONFIG + 2, 4, ENABLE);
        assertEquals(0, hpet.read(CONFIG + 4, 8));

        assertEquals(3, hpet.ignoredAccesses());
        assertEquals(0, hpet.read(CONFIG, 8));
    }

    @Test
    void saveAndRestore_intoAFreshHpet_continuesThePeriodicTimer() {
        writeTimerConfig(0, PERIODIC | VAL_SET | LEVEL | INT_ENB | ROUTE_20);
        writeComparator(0, 50);
        hpet.write(CONFIG, 4, ENABLE);
        advance(7_000);
        RecordingLine copyLine = new RecordingLine(clock);
        Hpet copy = new Hpet(clock, gsi -> copyLine, irq0, irq8);

        copy.restore(hpet.save());
        copy.write(STATUS, 4, 1);
        advance(3_000);

        assertEquals(hpet.read(COUNTER, 8), copy.read(COUNTER, 8));
        assertEquals(150, copy.read(0x108, 8));
        assertEquals(1, copy.read(STATUS, 8));
        assertTrue(copyLine.level);
    }

    private void writeTimerConfig(int timer, long value) {
        hpet.write(0x100 + 0x20L * timer, 8, value);
    }

    private void writeComparator(int timer, long value) {
        hpet.write(0x108 + 0x20L * timer, 8, value);
    }

    private void advance(long nanos) {
        clock.retire(nanos);
        clock.runDueTimers();
    }
}
