package dev.jefevm.devices.rtc;

/**
 * The saved state of a {@link CmosRtc}: the index register and NMI mask, the 128 CMOS bytes
 * (time bytes there are unused: the calendar fields hold the time), registers A and B, the
 * pending flags of register C, the divider's origin and next update instant in virtual
 * nanoseconds, the periodic ticks already seen, the IRQ level and the calendar as binary
 * numbers (seconds, minutes, hours 0-23, day of week, day of month, month, year, century).
 */
public record CmosRtcState(
        int index, boolean nmiMasked, byte[] ram, int registerA, int registerB, int flags,
        boolean running, long dividerOrigin, long nextUpdate, long periodicSeen, boolean irqLevel,
        int[] calendar) {

    public CmosRtcState {
        ram = ram.clone();
        calendar = calendar.clone();
    }

    @Override
    public byte[] ram() {
        return ram.clone();
    }

    @Override
    public int[] calendar() {
        return calendar.clone();
    }
}
