package dev.jefevm.devices.pit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pit8254Test {

    private static final int CONTROL = 3;

    private final VirtualClock clock = VirtualClock.deterministic();
    /** OUT0 changes as "tick:level", the tick taken when the line was driven. */
    private final List<String> irq0 = new ArrayList<>();
    private final Pit8254 pit = new Pit8254(clock, level -> irq0.add(tick() + ":" + (level ? 1 : 0)));

    private long tick() {
        return PitClock.tickAt(clock.nanos());
    }

    /** Moves virtual time to the first nanosecond of {@code tick} and runs the timers then due. */
    private int advanceTo(long tick) {
        clock.retire(PitClock.nanosAt(tick) - clock.nanos());
        return clock.runDueTimers();
    }

    private void program(int channel, int mode, int count) {
        pit.write(CONTROL, 1, channel << 6 | 0x30 | mode << 1);
        pit.write(channel, 1, count & 0xFF);
        pit.write(channel, 1, count >>> 8);
    }

    /** Counter latch command, then LSB and MSB. */
    private int latchedCount(int channel) {
        pit.write(CONTROL, 1, channel << 6);
        int lsb = pit.read(channel, 1);
        return lsb | pit.read(channel, 1) << 8;
    }

    private int status(int channel) {
        pit.write(CONTROL, 1, 0xE0 | 2 << channel); // read-back: status only
        return pit.read(channel, 1);
    }

    /** Counts read at ticks from..to inclusive, one tick apart. */
    private List<Integer> countsFrom(int channel, long from, long to) {
        List<Integer> counts = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            advanceTo(t);
            counts.add(latchedCount(channel));
        }
        return counts;
    }

    private List<Boolean> outputsFrom(int channel, long from, long to) {
        List<Boolean> outs = new ArrayList<>();
        for (long t = from; t <= to; t++) {
            advanceTo(t);
            outs.add(pit.output(channel));
        }
        return outs;
    }

    // ---------------------------------------------------------------- mode 0

    @Test
    void mode0_countsDownFromTheTickAfterTheWriteAndWraps() {
        program(0, 0, 5);

        assertEquals(List.of(5, 4, 3, 2, 1, 0, 0xFFFF), countsFrom(0, 1, 7));
    }

    @Test
    void mode0_outputRisesNPlusOneTicksAfterTheWriteAndStaysHigh() {
        program(0, 0, 5);

        assertEquals(List.of(false, false, false, false, false, false, true, true), outputsFrom(0, 0, 7));
        assertEquals(List.of("6:1"), irq0);
    }

    @Test
    void mode0_gateLow_holdsTheCount() {
        program(2, 0, 10);
        pit.setGate(2, true);
        advanceTo(3);
        pit.setGate(2, false);
        advanceTo(20);
        int held = latchedCount(2);

        pit.setGate(2, true);
        advanceTo(22);

        assertEquals(8, held);
        assertEquals(6, latchedCount(2));
    }

    @Test
    void mode0_firstByteOfNewCount_stopsCountingAndDropsOutput() {
        program(0, 0, 2);
        advanceTo(5);
        boolean highBefore = pit.output(0);

        pit.write(0, 1, 0x10);
        advanceTo(9);

        assertTrue(highBefore);
        assertFalse(pit.output(0));
        assertEquals(0xFFFE, latchedCount(0)); // held at the value it had at tick 5
    }

    // ---------------------------------------------------------------- mode 1

    @Test
    void mode1_gateTrigger_drivesOutputLowForNTicksFromTheNextTick() {
        program(2, 1, 3);
        advanceTo(2);

        pit.setGate(2, true);

        assertEquals(List.of(true, false, false, false, true, true), outputsFrom(2, 2, 7));
    }

    @Test
    void mode1_withoutTrigger_outputStaysHigh() {
        program(2, 1, 3);

        assertEquals(List.of(true, true, true, true), outputsFrom(2, 0, 3));
    }

    @Test
    void mode1_retrigger_restartsTheOneShot() {
        program(2, 1, 3);
        pit.setGate(2, true);
        advanceTo(2);
        pit.setGate(2, false);
        pit.setGate(2, true);

        assertEquals(List.of(false, false, false, false, true), outputsFrom(2, 2, 6));
    }

    // ---------------------------------------------------------------- mode 2

    @Test
    void mode2_countsNDownToOneAndReloads() {
        program(0, 2, 4);

        assertEquals(List.of(4, 3, 2, 1, 4, 3, 2, 1, 4), countsFrom(0, 1, 9));
    }

    @Test
    void mode2_outputIsLowForOneTickEachPeriod() {
        program(0, 2, 4);

        assertEquals(List.of(true, true, true, false, true, true, true, false, true), outputsFrom(0, 1, 9));
        assertEquals(List.of("0:1", "4:0", "5:1", "8:0", "9:1"), irq0); // the control word raises OUT
    }

    @Test
    void mode2_newCount_takesEffectAtTheEndOfThePeriod() {
        program(0, 2, 4);
        advanceTo(2);

        pit.write(0, 1, 2);
        pit.write(0, 1, 0);

        assertEquals(List.of(3, 2, 1, 2, 1, 2), countsFrom(0, 2, 7));
    }

    @Test
    void mode2_gateLow_forcesOutputHighAndRisingGateReloads() {
        program(2, 2, 4);
        pit.setGate(2, true);
        advanceTo(4); // count 1: OUT low

        pit.setGate(2, false);
        boolean outWhileGateLow = pit.output(2);
        advanceTo(10);
        pit.setGate(2, true);

        assertTrue(outWhileGateLow);
        assertEquals(List.of(4, 3), countsFrom(2, 11, 12));
    }

    @Test
    void mode2_zeroCount_meansSixtyFiveThousandFiveHundredThirtySix() {
        program(0, 2, 0);

        assertEquals(List.of(0, 0xFFFF, 0xFFFE), countsFrom(0, 1, 3));
    }

    @Test
    void mode2_countOfOne_armsNoTimerAndNeverSpins() {
        program(0, 2, 1);

        int fired = advanceTo(1000);

        assertEquals(0, fired);
        assertFalse(pit.output(0));
    }

    @Test
    void mode2_timerFiresOnlyAtOutputEdges() {
        program(0, 2, 1000);
        int fired = 0;

        for (long t = 1; t <= 10_001; t++) {
            fired += advanceTo(t);
        }

        assertEquals(20, fired); // ten periods, a falling and a rising edge each
    }

    @Test
    void mode6_isMode2() {
        pit.write(CONTROL, 1, 0x3C); // counter 0, LSB then MSB, mode 6
        pit.write(0, 1, 3);
        pit.write(0, 1, 0);

        assertEquals(List.of(3, 2, 1, 3), countsFrom(0, 1, 4));
        assertEquals(0x3C, status(0) & 0x3F); // the status shows the bits as programmed
    }

    // ---------------------------------------------------------------- mode 3

    @Test
    void mode3_evenCount_isSquareWaveCountingByTwo() {
        program(0, 3, 6);

        assertEquals(List.of(6, 4, 2, 6, 4, 2, 6), countsFrom(0, 1, 7));
    }

    @Test
    void mode3_evenCount_outputHighHalfLowHalf() {
        program(0, 3, 6);

        assertEquals(List.of(true, true, true, false, false, false, true), outputsFrom(0, 1, 7));
        assertEquals(List.of("0:1", "4:0", "7:1"), irq0);
    }

    @Test
    void mode3_oddCount_isHighOneTickLongerThanLow() {
        program(0, 3, 5);

        assertEquals(List.of(true, true, true, false, false, true), outputsFrom(0, 1, 6));
        assertEquals(List.of(5, 4, 2, 5, 2, 5), countsFrom(0, 1, 6));
    }

    // ---------------------------------------------------------------- modes 4 and 5

    @Test
    void mode4_strobesLowForOneTickNPlusOneTicksAfterTheWrite() {
        program(0, 4, 3);

        assertEquals(List.of(true, true, true, false, true, true), outputsFrom(0, 1, 6));
        assertEquals(List.of("0:1", "4:0", "5:1"), irq0);
    }

    @Test
    void mode4_afterStrobe_countWrapsWithoutAnotherStrobe() {
        program(0, 4, 3);
        for (long t = 1; t <= 10; t++) {
            advanceTo(t);
        }

        advanceTo(70_000);

        assertTrue(pit.output(0));
        assertEquals(List.of("0:1", "4:0", "5:1"), irq0);
    }

    @Test
    void lateTimer_pastAStrobe_stillPulsesTheLine() {
        program(0, 4, 3);

        advanceTo(100);

        assertEquals(List.of("0:1", "100:0", "100:1"), irq0);
    }

    @Test
    void mode5_gateTrigger_strobesNTicksAfterTheLoad() {
        program(2, 5, 2);
        advanceTo(3);
        boolean beforeTrigger = pit.output(2);

        pit.setGate(2, true);

        assertTrue(beforeTrigger);
        assertEquals(List.of(true, true, false, true), outputsFrom(2, 4, 7));
    }

    // ---------------------------------------------------------------- access modes, BCD, latches

    @Test
    void lsbOnlyAccess_writesAndReadsOneByte() {
        pit.write(CONTROL, 1, 0x14); // counter 0, LSB only, mode 2
        pit.write(0, 1, 0x20);
        advanceTo(1);

        pit.write(CONTROL, 1, 0x00);

        assertEquals(0x20, pit.read(0, 1));
        assertEquals(0x20, pit.read(0, 1)); // latch released: the live count, still 0x20 this tick
    }

    @Test
    void msbOnlyAccess_countIsMsbTimes256() {
        pit.write(CONTROL, 1, 0x24); // counter 0, MSB only, mode 2
        pit.write(0, 1, 0x02);
        advanceTo(2);

        assertEquals(0x01, pit.read(0, 1)); // 0x1FF: MSB 0x01
    }

    @Test
    void bcdCounting_countsDownInDecimal() {
        pit.write(CONTROL, 1, 0x31); // counter 0, LSB then MSB, mode 0, BCD
        pit.write(0, 1, 0x12);
        pit.write(0, 1, 0x00);

        assertEquals(List.of(0x12, 0x11, 0x10, 0x09, 0x08), countsFrom(0, 1, 5));
    }

    @Test
    void bcdCounting_zeroWrapsToNineThousandNineHundredNinetyNine() {
        pit.write(CONTROL, 1, 0x31);
        pit.write(0, 1, 0x01);
        pit.write(0, 1, 0x00);

        assertEquals(List.of(0x01, 0x00, 0x9999), countsFrom(0, 1, 3));
    }

    @Test
    void counterLatch_holdsValueUntilBothBytesAreRead() {
        program(0, 0, 100);
        advanceTo(11);
        pit.write(CONTROL, 1, 0x00);
        advanceTo(50);

        pit.write(CONTROL, 1, 0x00); // ignored: the first latch is still unread
        int lsb = pit.read(0, 1);
        int msb = pit.read(0, 1);

        assertEquals(90, lsb | msb << 8);
        assertEquals(51, latchedCount(0));
    }

    @Test
    void liveRead_lsbThenMsbToggle() {
        program(0, 0, 0x1234);
        advanceTo(1);

        int lsb = pit.read(0, 1);
        int msb = pit.read(0, 1);

        assertEquals(0x34, lsb);
        assertEquals(0x12, msb);
    }

    @Test
    void readBackStatus_reportsNullCountUntilTheCountIsLoaded() {
        pit.write(CONTROL, 1, 0x34); // counter 0, LSB then MSB, mode 2
        pit.write(0, 1, 10);
        pit.write(0, 1, 0);
        int beforeLoad = status(0);

        advanceTo(1);

        assertEquals(0x80 | 0x40 | 0x34, beforeLoad);
        assertEquals(0x80 | 0x34, status(0));
    }

    @Test
    void readBackStatus_reportsOutputLowInMode0() {
        program(0, 0, 10);
        advanceTo(2);

        assertEquals(0x30, status(0));
    }

    @Test
    void readBack_countAndStatus_readsStatusFirst() {
        program(1, 2, 50);
        advanceTo(11);

        pit.write(CONTROL, 1, 0xC4); // read-back count and status of counter 1
        int status = pit.read(1, 1);
        int lsb = pit.read(1, 1);
        int msb = pit.read(1, 1);

        assertEquals(0x80 | 0x34, status);
        assertEquals(40, lsb | msb << 8);
    }

    @Test
    void readBack_selectsSeveralCountersAtOnce() {
        program(0, 2, 100);
        program(1, 2, 200);
        advanceTo(6);

        pit.write(CONTROL, 1, 0xD6); // latch counts of counters 0 and 1
        advanceTo(30);

        assertEquals(95, pit.read(0, 1) | pit.read(0, 1) << 8);
        assertEquals(195, pit.read(1, 1) | pit.read(1, 1) << 8);
    }

    @Test
    void controlRegisterRead_floatsAndOutOfRangeIsCounted() {
        assertEquals(0xFF, pit.read(CONTROL, 1));

        pit.write(4, 1, 0);

        assertEquals(1, pit.ignoredAccesses());
    }

    @Test
    void reset_stopsCounter0WithOutputLowAndNoTimer() {
        program(0, 2, 10);
        advanceTo(3);

        pit.reset();
        int fired = advanceTo(100);

        assertEquals(0, fired);
        assertFalse(pit.output(0));
        assertEquals(List.of("0:1", "3:0"), irq0);
    }
}
