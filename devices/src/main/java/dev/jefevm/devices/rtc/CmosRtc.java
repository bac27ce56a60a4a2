package dev.jefevm.devices.rtc;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PC's CMOS real-time clock, a Motorola MC146818A as integrated in the Intel ICH/PIIX
 * ("MC146818A Real-Time Clock Plus RAM" datasheet; Intel ICH "Real Time Clock" chapter): an index
 * port with the NMI mask in bit 7, a data port onto 128 bytes of which 0x00-0x09 are the time,
 * calendar and alarm, 0x0A-0x0D the control registers A-D and the rest battery-backed RAM (0x32
 * holding the century, as the ACPI FADT CENTURY field says).
 *
 * <p>Time is the wall-clock instant given at construction plus the virtual clock's elapsed time:
 * the 32.768 kHz divider ({@link RtcDivider}) fixes the instant of every once-a-second update,
 * UIP rises 244 us (eight time-base cycles) before it, and the update itself is instantaneous
 * (the real 1984 us during which the registers are unreadable is not modelled). The update,
 * alarm and periodic flags are kept exact on every access; the IRQ line is driven by
 * {@link ClockTimer}s armed only while an interrupt for them is enabled, so an idle guest costs
 * no events. Daylight-saving (DSE) and the square-wave output (SQWE) are stored but do nothing.
 * Changing DM or 24/12 re-encodes the current time instead of reinterpreting its bytes as the
 * chip would; software always rewrites the time after changing them.
 *
 * <p>Only byte accesses exist on this ISA device; wider ones are ignored and counted.
 */
public final class CmosRtc implements IoPortDevice {

    private static final Logger LOG = LoggerFactory.getLogger(CmosRtc.class);

    // Port offsets: index (0x70) and data (0x71) on the PC.
    static final int PORT_INDEX = 0, PORT_DATA = 1;

    // Register indices (datasheet "Address Map").
    static final int SECONDS = 0x00, SECONDS_ALARM = 0x01, MINUTES = 0x02, MINUTES_ALARM = 0x03,
            HOURS = 0x04, HOURS_ALARM = 0x05, DAY_OF_WEEK = 0x06, DAY_OF_MONTH = 0x07, MONTH = 0x08,
            YEAR = 0x09, REGISTER_A = 0x0A, REGISTER_B = 0x0B, REGISTER_C = 0x0C, REGISTER_D = 0x0D,
            CENTURY = 0x32;

    static final int NMI_MASK = 0x80;
    // Register A: UIP (read-only), DV2-0 divider control, RS3-0 rate select.
    static final int A_UIP = 0x80, A_DIVIDER = 0x70, A_DIVIDER_NORMAL = 0x20, A_RATE = 0x0F;
    // Register B (SQWE 0x08 and DSE 0x01 are stored only).
    static final int B_SET = 0x80, B_PIE = 0x40, B_AIE = 0x20, B_UIE = 0x10, B_BINARY = 0x04, B_24_HOUR = 0x02;
    // Register C (read-only, cleared by reading).
    static final int C_IRQF = 0x80, C_PF = 0x40, C_AF = 0x20, C_UF = 0x10;
    // Register D: valid RAM and time (the battery is never flat).
    static final int D_VRT = 0x80;
    static final int HOURS_PM = 0x80;
    /** Alarm bytes with both top bits set match any value (datasheet "don't care" codes). */
    static final int ALARM_DONT_CARE = 0xC0;

    /** UIP is high from eight time-base cycles (244.140625 us) before each update. */
    static final long UIP_WINDOW_START = RtcDivider.NANOS_PER_SECOND - 244_140;
    /** Leaving divider reset, the first update comes half a second later (datasheet "DV0-DV2"). */
    static final long FIRST_UPDATE_AFTER_RESET = 500_000_000L;

    private final VirtualClock clock;
    private final IrqLine irq;
    private final byte[] ram = new byte[128];
    private RtcCalendar calendar;
    private RtcDivider divider;
    private final ClockTimer updateTimer;
    private final ClockTimer periodicTimer;

    private int index;
    private boolean nmiMasked;
    private int registerA = A_DIVIDER_NORMAL | 0x06; // as firmware leaves it: 32.768 kHz, 1024 Hz
    private int registerB = B_24_HOUR;
    private int flags;
    private boolean running = true;
    private long nextUpdate;
    /** The divider cycle up to which periodic ticks have been folded into PF. */
    private long periodicSeen;
    private boolean irqLevel;
    private long ignoredAccesses;

    /**
     * A running clock showing {@code epochSeconds} (its UTC calendar fields) now, with its first
     * update one second from now.
     */
    public CmosRtc(VirtualClock clock, IrqLine irq, long epochSeconds) {
        this.clock = clock;
        this.irq = irq;
        this.calendar = RtcCalendar.ofEpochSeconds(epochSeconds);
        long now = clock.nanos();
        this.divider = new RtcDivider(now);
        this.nextUpdate = divider.nextUpdateAfter(now);
        this.periodicSeen = divider.cyclesAt(now);
        this.updateTimer = clock.newTimer("rtc-update", this::onTimer);
        this.periodicTimer = clock.newTimer("rtc-periodic", this::onTimer);
    }

    /** True while the last index write had bit 7 set: NMI is masked at the chipset. */
    public boolean nmiMasked() {
        return nmiMasked;
    }

    /** Guest accesses ignored because of their offset, width or a read-only register. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    /** A snapshot of every register, the calendar and the pending timing state. */
    public CmosRtcState save() {
        return new CmosRtcState(index, nmiMasked, ram, registerA, registerB, flags, running,
                divider.origin(), nextUpdate, periodicSeen, irqLevel, calendar.toArray());
    }

    /** Restores a snapshot taken by {@link #save()}; timers are re-armed, the IRQ line is not driven. */
    public void restore(CmosRtcState s) {
        index = s.index();
        nmiMasked = s.nmiMasked();
        System.arraycopy(s.ram(), 0, ram, 0, ram.length);
        registerA = s.registerA();
        registerB = s.registerB();
        flags = s.flags();
        running = s.running();
        divider = new RtcDivider(s.dividerOrigin());
        nextUpdate = s.nextUpdate();
        periodicSeen = s.periodicSeen();
        irqLevel = s.irqLevel();
        calendar = RtcCalendar.ofArray(s.calendar());
        armTimers(clock.nanos());
    }

    /** Writes CMOS byte {@code index} as the guest would (the board's equipment and memory bytes). */
    public void setByte(int index, int value) {
        writeRegister(index & 0x7F, value & 0xFF);
    }

    @Override
    public int read(int offset, int size) {
        if (size != 1 || offset != PORT_DATA) {
            // The index port is write-only; the bus floats high.
            ignore("read", offset, size);
            return (int) ((1L << (size * 8)) - 1);
        }
        return readRegister(index);
    }

    @Override
    public void write(int offset, int size, int value) {
        if (size != 1) {
            ignore("write", offset, size);
        } else if (offset == PORT_INDEX) {
            index = value & 0x7F;
            nmiMasked = (value & NMI_MASK) != 0;
        } else if (offset == PORT_DATA) {
            writeRegister(index, value & 0xFF);
        } else {
            ignore("write", offset, size);
        }
    }

    private int readRegister(int register) {
        long now = clock.nanos();
        catchUp(now);
        return switch (register) {
            case SECONDS -> encode(calendar.seconds);
            case MINUTES -> encode(calendar.minutes);
            case HOURS -> encodeHours(calendar.hours);
            case DAY_OF_WEEK -> encode(calendar.dayOfWeek);
            case DAY_OF_MONTH -> encode(calendar.dayOfMonth);
            case MONTH -> encode(calendar.month);
            case YEAR -> encode(calendar.year);
            case CENTURY -> encode(calendar.century);
            case REGISTER_A -> registerA | (updateInProgress(now) ? A_UIP : 0);
            case REGISTER_B -> registerB;
            case REGISTER_C -> readAndClearFlags();
            case REGISTER_D -> D_VRT;
            default -> ram[register] & 0xFF;
        };
    }

    private void writeRegister(int register, int value) {
        long now = clock.nanos();
        catchUp(now);
        switch (register) {
            case SECONDS -> calendar.seconds = decode(value);
            case MINUTES -> calendar.minutes = decode(value);
            case HOURS -> calendar.hours = decodeHours(value);
            case DAY_OF_WEEK -> calendar.dayOfWeek = decode(value);
            case DAY_OF_MONTH -> calendar.dayOfMonth = decode(value);
            case MONTH -> calendar.month = decode(value);
            case YEAR -> calendar.year = decode(value);
            case CENTURY -> calendar.century = decode(value);
            case REGISTER_A -> writeRegisterA(now, value);
            // Datasheet register B: setting SET also clears UIE.
            case REGISTER_B -> registerB = (value & B_SET) != 0 ? value & ~B_UIE : value;
            case REGISTER_C, REGISTER_D -> ignore("write of read-only register", register, 1);
            default -> ram[register] = (byte) value;
        }
        reschedule(now);
    }

    private void writeRegisterA(long now, int value) {
        registerA = value & ~A_UIP;
        boolean nowRunning = (registerA & A_DIVIDER) == A_DIVIDER_NORMAL;
        if (nowRunning && !running) {
            divider.restart(now, FIRST_UPDATE_AFTER_RESET);
            nextUpdate = divider.nextUpdateAfter(now);
            periodicSeen = divider.cyclesAt(now);
        }
        running = nowRunning;
    }

    private int readAndClearFlags() {
        int value = flags | (interruptRequested() ? C_IRQF : 0);
        flags = 0;
        driveIrq();
        return value;
    }

    private void onTimer() {
        long now = clock.nanos();
        catchUp(now);
        reschedule(now);
    }

    /** Folds every update and periodic tick up to {@code now} into the calendar and flags. */
    private void catchUp(long now) {
        if (!running) {
            return;
        }
        while (nextUpdate <= now) {
            update();
            nextUpdate += RtcDivider.NANOS_PER_SECOND;
        }
        long cycles = divider.cyclesAt(now);
        int period = periodicCycles();
        if (period != 0 && Math.floorDiv(cycles, period) > Math.floorDiv(periodicSeen, period)) {
            flags |= C_PF;
        }
        periodicSeen = cycles;
    }

    // Datasheet "Update Cycle": with SET clear, the time advances, UF is set, and AF if the
    // three alarm bytes match (each either equal or a don't-care code).
    private void update() {
        if ((registerB & B_SET) != 0) {
            return;
        }
        calendar.tick();
        flags |= C_UF;
        if (alarmMatches(SECONDS_ALARM, encode(calendar.seconds))
                && alarmMatches(MINUTES_ALARM, encode(calendar.minutes))
                && alarmMatches(HOURS_ALARM, encodeHours(calendar.hours))) {
            flags |= C_AF;
        }
    }

    private boolean alarmMatches(int alarmRegister, int current) {
        int alarm = ram[alarmRegister] & 0xFF;
        return (alarm & ALARM_DONT_CARE) == ALARM_DONT_CARE || alarm == current;
    }

    /** Arms the timers that will raise the IRQ line, then drives it for the flags as they are. */
    private void reschedule(long now) {
        armTimers(now);
        driveIrq();
    }

    private void armTimers(long now) {
        if (running && (registerB & (B_UIE | B_AIE)) != 0 && (registerB & B_SET) == 0) {
            updateTimer.arm(nextUpdate);
        } else {
            updateTimer.cancel();
        }
        int period = periodicCycles();
        if (running && (registerB & B_PIE) != 0 && period != 0) {
            long nextTick = (Math.floorDiv(divider.cyclesAt(now), period) + 1) * period;
            periodicTimer.arm(divider.instantOf(nextTick));
        } else {
            periodicTimer.cancel();
        }
    }

    // Datasheet register A rate table for the 32.768 kHz time base, in time-base cycles:
    // RS=1, 2 give 256 and 128 Hz; RS=3..15 give 8192 Hz down to 2 Hz; RS=0 is off.
    private int periodicCycles() {
        int rate = registerA & A_RATE;
        return switch (rate) {
            case 0 -> 0;
            case 1 -> 128;
            case 2 -> 256;
            default -> 1 << (rate - 1);
        };
    }

    private boolean updateInProgress(long now) {
        return running && (registerB & B_SET) == 0 && divider.intoSecond(now) >= UIP_WINDOW_START;
    }

    // Datasheet register C: IRQF = PF.PIE + AF.AIE + UF.UIE, and drives the IRQ pin.
    private boolean interruptRequested() {
        return (flags & registerB & (C_PF | C_AF | C_UF)) != 0; // flag and enable bits line up
    }

    private void driveIrq() {
        boolean level = interruptRequested();
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private int encode(int value) {
        return (registerB & B_BINARY) != 0 ? value & 0xFF : ((value / 10 % 10) << 4 | value % 10);
    }

    private int decode(int value) {
        return (registerB & B_BINARY) != 0 ? value : (value >> 4) * 10 + (value & 0x0F);
    }

    // 12-hour mode: 1-12 with bit 7 set for PM (datasheet "Time, Calendar and Alarm Data Modes").
    private int encodeHours(int hours) {
        if ((registerB & B_24_HOUR) != 0) {
            return encode(hours);
        }
        int twelve = hours % 12 == 0 ? 12 : hours % 12;
        return encode(twelve) | (hours >= 12 ? HOURS_PM : 0);
    }

    private int decodeHours(int value) {
        if ((registerB & B_24_HOUR) != 0) {
            return decode(value);
        }
        return decode(value & ~HOURS_PM) % 12 + ((value & HOURS_PM) != 0 ? 12 : 0);
    }

    private void ignore(String what, int offset, int size) {
        ignoredAccesses++;
        LOG.debug("CMOS RTC: ignored {} at offset {} size {}", what, offset, size);
    }
}
