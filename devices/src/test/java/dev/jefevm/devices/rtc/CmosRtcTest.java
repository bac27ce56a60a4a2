package dev.jefevm.devices.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.irq.IrqLine;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CmosRtcTest {

    private static final long SECOND = 1_000_000_000L;
    /** Saturday 2026-02-28 23:59:58 UTC: two seconds before a day, month and leap check. */
    private static final long BASE = LocalDateTime.of(2026, 2, 28, 23, 59, 58).toEpochSecond(ZoneOffset.UTC);

    private final VirtualClock clock = VirtualClock.deterministic();
    private final Line irq = new Line();
    private final CmosRtc rtc = new CmosRtc(clock, irq, BASE);

    @BeforeEach
    void periodicRateOff() {
        setCmos(0x0A, 0x20); // 32.768 kHz, no periodic flag, so register C shows only what a test sets
    }

    @Test
    void timeRegisters_atStart_showBaseInstantInBcd24Hour() {
        assertEquals(0x58, cmos(0x00));
        assertEquals(0x59, cmos(0x02));
        assertEquals(0x23, cmos(0x04));
        assertEquals(7, cmos(0x06)); // Saturday (1 = Sunday)
        assertEquals(0x28, cmos(0x07));
        assertEquals(0x02, cmos(0x08));
        assertEquals(0x26, cmos(0x09));
        assertEquals(0x20, cmos(0x32));
    }

    @Test
    void update_afterOneSecond_advancesSecondsAndSetsUpdateFlag() {
        advance(SECOND - 1);
        assertEquals(0x58, cmos(0x00));

        advance(1);

        assertEquals(0x59, cmos(0x00));
        assertEquals(CmosRtc.C_UF, cmos(0x0C));
    }

    @Test
    void update_atEndOfFebruary_carriesIntoMarchAndSunday() {
        advance(2 * SECOND);

        assertEquals(0x00, cmos(0x00));
        assertEquals(0x00, cmos(0x02));
        assertEquals(0x00, cmos(0x04));
        assertEquals(1, cmos(0x06));
        assertEquals(0x01, cmos(0x07));
        assertEquals(0x03, cmos(0x08));
    }

    @Test
    void update_atEndOfCentury_carriesIntoTheCenturyByte() {
        CmosRtc late = new CmosRtc(clock, irq, LocalDateTime.of(2099, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC));

        advance(SECOND);

        assertEquals(0x00, byteOf(late, 0x09));
        assertEquals(0x21, byteOf(late, 0x32));
        assertEquals(0x01, byteOf(late, 0x08));
    }

    @Test
    void updateInProgress_withSetBit_staysLow() {
        setCmos(0x0B, CmosRtc.B_SET | CmosRtc.B_24_HOUR);

        advance(SECOND - 1);

        assertEquals(0, cmos(0x0A) & CmosRtc.A_UIP);
    }

    @Test
    void updateInProgress_isHighOnlyFor244usBeforeTheUpdate() {
        advance(SECOND - 244_141);
        assertEquals(0, cmos(0x0A) & CmosRtc.A_UIP);

        advance(1);
        assertEquals(CmosRtc.A_UIP, cmos(0x0A) & CmosRtc.A_UIP);
        assertEquals(0x58, cmos(0x00));

        advance(244_140);
        assertEquals(0, cmos(0x0A) & CmosRtc.A_UIP);
        assertEquals(0x59, cmos(0x00));
    }

    @Test
    void binaryMode_showsPlainNumbers() {
        setCmos(0x0B, CmosRtc.B_BINARY | CmosRtc.B_24_HOUR);

        assertEquals(58, cmos(0x00));
        assertEquals(23, cmos(0x04));
        assertEquals(26, cmos(0x09));
    }

    @Test
    void twelveHourMode_marksPmInBit7AndReadsMidnightAsTwelve() {
        setCmos(0x0B, 0); // BCD, 12-hour
        assertEquals(0x80 | 0x11, cmos(0x04)); // 11 PM

        advance(2 * SECOND);

        assertEquals(0x12, cmos(0x04)); // 12 AM
    }

    @Test
    void twelveHourMode_writeOfPmHour_readsBackIn24HourMode() {
        setCmos(0x0B, 0);
        setCmos(0x04, 0x80 | 0x03); // 3 PM

        setCmos(0x0B, CmosRtc.B_24_HOUR);

        assertEquals(0x15, cmos(0x04));
    }

    @Test
    void setBit_freezesTheClockAndWrittenTimeBecomesTheNewBase() {
        setCmos(0x0B, CmosRtc.B_SET | CmosRtc.B_24_HOUR);
        setCmos(0x00, 0x30);
        setCmos(0x02, 0x15);
        setCmos(0x04, 0x10);
        advance(5 * SECOND);
        assertEquals(0x30, cmos(0x00));
        assertEquals(0, cmos(0x0C)); // no update, no UF while SET

        setCmos(0x0B, CmosRtc.B_24_HOUR);
        advance(SECOND);

        assertEquals(0x31, cmos(0x00));
        assertEquals(0x15, cmos(0x02));
        assertEquals(0x10, cmos(0x04));
    }

    @Test
    void setBit_clearsUpdateInterruptEnable() {
        setCmos(0x0B, CmosRtc.B_SET | CmosRtc.B_UIE | CmosRtc.B_24_HOUR);

        assertEquals(CmosRtc.B_SET | CmosRtc.B_24_HOUR, cmos(0x0B));
    }

    @Test
    void updateInterrupt_raisesIrqAtTheUpdateInstantUntilRegisterCIsRead() {
        setCmos(0x0B, CmosRtc.B_UIE | CmosRtc.B_24_HOUR);
        advance(SECOND - 1);
        assertFalse(irq.level);

        advance(1);
        assertTrue(irq.level);

        assertEquals(CmosRtc.C_IRQF | CmosRtc.C_UF, cmos(0x0C));
        assertFalse(irq.level);
        assertEquals(0, cmos(0x0C));
    }

    @Test
    void alarm_matchingTime_setsAlarmFlagAndInterrupts() {
        setCmos(0x01, 0x00);
        setCmos(0x03, 0x00);
        setCmos(0x05, 0x00);
        setCmos(0x0B, CmosRtc.B_AIE | CmosRtc.B_24_HOUR);
        advance(SECOND);
        assertFalse(irq.level);

        advance(SECOND);

        assertTrue(irq.level);
        assertEquals(CmosRtc.C_IRQF | CmosRtc.C_AF | CmosRtc.C_UF, cmos(0x0C));
    }

    @Test
    void alarm_withDontCareBytes_matchesEverySecond() {
        setCmos(0x01, 0xC0);
        setCmos(0x03, 0xFF);
        setCmos(0x05, 0xC5);

        advance(SECOND);
        assertEquals(CmosRtc.C_AF | CmosRtc.C_UF, cmos(0x0C));
        advance(SECOND);
        assertEquals(CmosRtc.C_AF | CmosRtc.C_UF, cmos(0x0C));
    }

    @Test
    void periodicInterrupt_at1024Hz_firesAtEvery32ndTimeBaseCycle() {
        setCmos(0x0A, 0x26);
        setCmos(0x0B, CmosRtc.B_PIE | CmosRtc.B_24_HOUR);
        advance(976_562); // 32 cycles = 976562.5 ns
        assertFalse(irq.level);

        advance(1);
        assertTrue(irq.level);
        assertEquals(CmosRtc.C_IRQF | CmosRtc.C_PF, cmos(0x0C));

        advance(1_953_125 - 976_563 - 1);
        assertFalse(irq.level);
        advance(1);
        assertTrue(irq.level);
    }

    @Test
    void periodicInterrupt_at8192Hz_firesEvery4Cycles() {
        setCmos(0x0A, 0x23);
        setCmos(0x0B, CmosRtc.B_PIE | CmosRtc.B_24_HOUR);

        advance(122_070); // 4 cycles = 122070.3125 ns
        assertFalse(irq.level);
        advance(1);

        assertTrue(irq.level);
    }

    @Test
    void periodicFlag_withInterruptDisabled_isSetButLineStaysLow() {
        setCmos(0x0A, 0x2F); // 2 Hz

        advance(SECOND / 2);

        assertFalse(irq.level);
        assertEquals(0, irq.rises);
        assertEquals(CmosRtc.C_PF, cmos(0x0C));
    }

    @Test
    void enablingPeriodicInterrupt_withFlagAlreadySet_raisesTheLine() {
        setCmos(0x0A, 0x2F);
        advance(SECOND / 2);

        setCmos(0x0B, CmosRtc.B_PIE | CmosRtc.B_24_HOUR);

        assertTrue(irq.level);
    }

    @Test
    void dividerReset_holdsTimeAndFirstUpdateComesHalfASecondAfterRelease() {
        setCmos(0x0A, 0x76);
        advance(3 * SECOND);
        assertEquals(0x58, cmos(0x00));

        setCmos(0x0A, 0x26);
        advance(SECOND / 2 - 1);
        assertEquals(0x58, cmos(0x00));
        advance(1);

        assertEquals(0x59, cmos(0x00));
    }

    @Test
    void registerD_reportsValidRamAndTime() {
        assertEquals(CmosRtc.D_VRT, cmos(0x0D));
    }

    @Test
    void indexWrite_bit7_masksNmi() {
        rtc.write(0, 1, 0x80 | 0x0F);
        assertTrue(rtc.nmiMasked());

        rtc.write(0, 1, 0x0F);
        assertFalse(rtc.nmiMasked());
    }

    @Test
    void ramByte_setByTheBoard_readsBackThroughThePorts() {
        rtc.setByte(0x15, 0x80);

        assertEquals(0x80, cmos(0x15));
        assertEquals(0x80, cmos(0x80 | 0x15)); // NMI mask bit is not part of the index
    }

    @Test
    void wideOrMisplacedAccesses_areIgnoredAndCounted() {
        assertEquals(0xFF, rtc.read(0, 1));
        rtc.write(1, 2, 0x1234);
        assertEquals(0xFFFF, rtc.read(1, 2));

        assertEquals(3, rtc.ignoredAccesses());
    }

    @Test
    void saveAndRestore_intoAFreshRtc_keepsTimeFlagsAndUpdateInterrupt() {
        setCmos(0x0B, CmosRtc.B_UIE | CmosRtc.B_24_HOUR);
        setCmos(0x20, 0x5A);
        advance(SECOND / 2);
        Line copyIrq = new Line();
        CmosRtc copy = new CmosRtc(clock, copyIrq, 0);

        copy.restore(rtc.save());
        advance(SECOND / 2);

        assertTrue(copyIrq.level);
        assertEquals(0x59, byteOf(copy, 0x00));
        assertEquals(0x5A, byteOf(copy, 0x20));
        assertEquals(CmosRtc.C_IRQF | CmosRtc.C_UF, byteOf(copy, 0x0C));
    }

    private static int byteOf(CmosRtc device, int index) {
        device.write(0, 1, index);
        return device.read(1, 1);
    }

    private int cmos(int index) {
        rtc.write(0, 1, index);
        return rtc.read(1, 1);
    }

    private void setCmos(int index, int value) {
        rtc.write(0, 1, index);
        rtc.write(1, 1, value);
    }

    private void advance(long nanos) {
        clock.retire(nanos);
        clock.runDueTimers();
    }

    private static final class Line implements IrqLine {
        boolean level;
        int rises;

        @Override
        public void set(boolean asserted) {
            if (asserted && !level) {
                rises++;
            }
            level = asserted;
        }
    }
}
