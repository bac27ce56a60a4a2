package dev.jefevm.devices.hpet;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.MmioHandler;
import dev.jefevm.devices.irq.IrqLine;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A High Precision Event Timer block ("IA-PC HPET Specification" rev 1.0a, Intel 2004): a 64-bit
 * main counter at 10 MHz, three 64-bit periodic-capable comparators, level or edge interrupts
 * routed to I/O APIC inputs allowed by {@link #ALLOWED_ROUTES}, and the legacy replacement route
 * (timer 0 to IRQ0/GSI 2, timer 1 to IRQ8). The 1 KiB register block is accessed with aligned 32-
 * or 64-bit reads and writes (2.3.1); other widths are ignored and counted. FSB (MSI) delivery
 * is not supported (Tn_FSB_INT_DEL_CAP reads 0).
 *
 * <p>The counter is derived from the virtual clock (one tick per 100 ns) and every comparator
 * match is a {@link dev.jefevm.core.clock.ClockTimer} event at its exact instant.
 */
public final class Hpet implements MmioHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Hpet.class);

    /** Size of the register block (2.3.1). */
    public static final int SIZE = 1024;
    public static final int TIMERS = 3;
    /** Main counter period in femtoseconds: 10 MHz, the slowest the spec allows (2.3.4). */
    public static final long PERIOD_FEMTOS = 100_000_000L;
    static final long NANOS_PER_TICK = PERIOD_FEMTOS / 1_000_000L;
    /** I/O APIC inputs each comparator may be routed to (Tn_INT_ROUTE_CAP): GSI 20-23, unused by ISA. */
    public static final long ALLOWED_ROUTES = 0x00F0_0000L;
    // Vendor id as the ICH's HPET reports it; guests read it only for display.
    static final int VENDOR_ID = 0x8086;
    static final int REVISION = 1;

    // Register offsets (2.3.2, table 2).
    static final int CAPABILITIES = 0x000, CONFIGURATION = 0x010, INTERRUPT_STATUS = 0x020,
            MAIN_COUNTER = 0x0F0, TIMER_BASE = 0x100, TIMER_STRIDE = 0x20;
    static final int TIMER_CONFIG = 0x00, TIMER_COMPARATOR = 0x08;
    // 2.3.5 general configuration.
    static final long ENABLE_CNF = 1, LEG_RT_CNF = 2;
    // 2.3.4 general capabilities: revision, NUM_TIM_CAP, COUNT_SIZE_CAP, LEG_RT_CAP, vendor, period.
    static final long CAPABILITY_VALUE = REVISION | (TIMERS - 1) << 8 | 1 << 13 | 1 << 15
            | (long) VENDOR_ID << 16 | PERIOD_FEMTOS << 32;

    private final VirtualClock clock;
    private final HpetTimer[] timers = new HpetTimer[TIMERS];
    private final IrqLine[] routeLines = new IrqLine[32];
    private final IrqLine legacyIrq0;
    private final IrqLine legacyIrq8;
    private final IrqLine[] drivenLines = new IrqLine[TIMERS];
    private long configuration;
    /** Counter value at {@link #baseNanos} (or the held value while halted). */
    private long counterBase;
    private long baseNanos;
    private long ignoredAccesses;

    /**
     * An HPET whose comparators drive {@code routes.apply(gsi)} for each allowed I/O APIC input,
     * and in legacy replacement mode {@code legacyIrq0} (timer 0: PIC IRQ0 and I/O APIC input 2)
     * and {@code legacyIrq8} (timer 1: IRQ8).
     */
    public Hpet(VirtualClock clock, IntFunction<IrqLine> routes, IrqLine legacyIrq0, IrqLine legacyIrq8) {
        this.clock = clock;
        this.legacyIrq0 = legacyIrq0;
        this.legacyIrq8 = legacyIrq8;
        for (int route = 0; route < routeLines.length; route++) {
            if ((ALLOWED_ROUTES & 1L << route) != 0) {
                routeLines[route] = routes.apply(route);
            }
        }
        for (int i = 0; i < TIMERS; i++) {
            timers[i] = new HpetTimer(this, clock, i, ALLOWED_ROUTES);
        }
    }

    /** The low half of the capabilities register: the ACPI HPET table's Event Timer Block ID. */
    public static int eventTimerBlockId() {
        return (int) CAPABILITY_VALUE;
    }

    /** True while LEG_RT_CNF is set: the board must disconnect the PIT from IRQ0 and the RTC from IRQ8. */
    public boolean legacyReplacement() {
        return (configuration & LEG_RT_CNF) != 0;
    }

    /** Guest accesses ignored for their width or alignment. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    /** A snapshot of the registers and the counter's time base. */
    public HpetState save() {
        long[] config = new long[TIMERS];
        long[] comparator = new long[TIMERS];
        long[] period = new long[TIMERS];
        boolean[] status = new boolean[TIMERS];
        for (int i = 0; i < TIMERS; i++) {
            config[i] = timers[i].config();
            comparator[i] = timers[i].comparator();
            period[i] = timers[i].period();
            status[i] = timers[i].status;
        }
        return new HpetState(configuration, counterBase, baseNanos, config, comparator, period, status);
    }

    /** Restores a snapshot taken by {@link #save()}; timers are re-armed, no line is driven. */
    public void restore(HpetState s) {
        configuration = s.configuration() & (ENABLE_CNF | LEG_RT_CNF);
        counterBase = s.counterBase();
        baseNanos = s.baseNanos();
        long[] config = s.timerConfig();
        long[] comparator = s.comparator();
        long[] period = s.period();
        boolean[] status = s.status();
        for (int i = 0; i < TIMERS; i++) {
            timers[i].restore(config[i], comparator[i], period[i], status[i]);
            timers[i].schedule();
            drivenLines[i] = lineOf(i);
        }
    }

    @Override
    public long read(long offset, int size) {
        if (!validAccess(offset, size)) {
            ignore("read", offset, size);
            return 0;
        }
        long value = readRegister((int) offset & ~7);
        return size == 8 ? value : (value >>> ((offset & 4) * 8)) & HpetTimer.LOW_32;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (!validAccess(offset, size)) {
            ignore("write", offset, size);
            return;
        }
        int shift = (int) (offset & 4) * 8;
        long mask = size == 8 ? -1L : HpetTimer.LOW_32 << shift;
        writeRegister((int) offset & ~7, value << shift & mask, mask);
    }

    private static boolean validAccess(long offset, int size) {
        return offset >= 0 && offset < SIZE && (size == 8 || size == 4) && (offset & (size - 1)) == 0;
    }

    private long readRegister(int register) {
        return switch (register) {
            case CAPABILITIES -> CAPABILITY_VALUE;
            case CONFIGURATION -> configuration;
            case INTERRUPT_STATUS -> statusBits();
            case MAIN_COUNTER -> counter();
            default -> {
                HpetTimer t = timerAt(register);
                if (t == null) {
                    yield 0; // reserved (and the unsupported FSB route registers) read as zero
                }
                yield (register - TIMER_BASE) % TIMER_STRIDE == TIMER_CONFIG ? t.readConfig() : t.readComparator();
            }
        };
    }

    /** Writes the bits of {@code value} selected by {@code mask}, keeping the others. */
    private void writeRegister(int register, long value, long mask) {
        switch (register) {
            case CONFIGURATION -> writeConfiguration(configuration & ~mask | value);
            case INTERRUPT_STATUS -> clearStatus(value);
            case MAIN_COUNTER -> writeCounter(counter() & ~mask | value);
            default -> {
                HpetTimer t = timerAt(register);
                if (t == null) {
                    return; // capabilities and reserved registers are read-only
                }
                if ((register - TIMER_BASE) % TIMER_STRIDE == TIMER_CONFIG) {
                    t.writeConfig(t.readConfig() & ~mask | value);
                    t.schedule();
                } else {
                    t.writeComparator(value, mask);
                    t.schedule();
                }
                driveLines();
            }
        }
    }

    /** The timer whose config or comparator register is at {@code register}, or null. */
    private HpetTimer timerAt(int register) {
        int n = (register - TIMER_BASE) / TIMER_STRIDE;
        int slot = (register - TIMER_BASE) % TIMER_STRIDE;
        if (register < TIMER_BASE || n >= TIMERS || (slot != TIMER_CONFIG && slot != TIMER_COMPARATOR)) {
            return null;
        }
        return timers[n];
    }

    // 2.3.5: ENABLE_CNF halts or runs the main counter and gates every timer interrupt.
    private void writeConfiguration(long value) {
        boolean wasEnabled = enabled();
        if (wasEnabled && (value & ENABLE_CNF) == 0) {
            counterBase = counter(); // halt: hold the value reached
        } else if (!wasEnabled && (value & ENABLE_CNF) != 0) {
            baseNanos = clock.nanos(); // run: count on from the held value
        }
        configuration = value & (ENABLE_CNF | LEG_RT_CNF);
        if (enabled() != wasEnabled) {
            for (HpetTimer t : timers) {
                t.schedule();
            }
        }
        driveLines();
    }

    // 2.3.7: software should halt the counter first; a write while running restarts it from the value.
    private void writeCounter(long value) {
        counterBase = value;
        baseNanos = clock.nanos();
        for (HpetTimer t : timers) {
            t.schedule();
        }
    }

    // 2.3.6: writing 1 clears a level-triggered timer's status bit and so its interrupt.
    private void clearStatus(long value) {
        for (int i = 0; i < TIMERS; i++) {
            if ((value & 1L << i) != 0) {
                timers[i].status = false;
            }
        }
        driveLines();
    }

    private long statusBits() {
        long bits = 0;
        for (int i = 0; i < TIMERS; i++) {
            bits |= timers[i].status ? 1L << i : 0;
        }
        return bits;
    }

    boolean enabled() {
        return (configuration & ENABLE_CNF) != 0;
    }

    /** The main counter now. */
    long counter() {
        return enabled() ? counterBase + Math.floorDiv(clock.nanos() - baseNanos, NANOS_PER_TICK) : counterBase;
    }

    /** The virtual instant at which the running counter will have advanced {@code ticks} from now. */
    long instantAfterTicks(long ticks) {
        long elapsed = Math.floorDiv(clock.nanos() - baseNanos, NANOS_PER_TICK);
        return baseNanos + (elapsed + ticks) * NANOS_PER_TICK;
    }

    /** A comparator matched: level timers latch status, edge timers pulse their line (2.3.9.2). */
    void signal(HpetTimer t) {
        if (t.levelTriggered()) {
            t.status = true;
        } else if (t.interruptEnabled()) {
            IrqLine line = lineOf(t.index);
            if (line != null) {
                line.set(true);
                line.set(false);
            }
        }
        driveLines();
    }

    /** Drives every line a timer is or was routed to: high while a routed level timer holds it. */
    private void driveLines() {
        for (int i = 0; i < TIMERS; i++) {
            IrqLine old = drivenLines[i];
            drivenLines[i] = lineOf(i);
            if (old != null && old != drivenLines[i]) {
                old.set(levelOn(old));
            }
        }
        for (int i = 0; i < TIMERS; i++) {
            if (drivenLines[i] != null) {
                drivenLines[i].set(levelOn(drivenLines[i]));
            }
        }
    }

    private boolean levelOn(IrqLine line) {
        for (int i = 0; i < TIMERS; i++) {
            HpetTimer t = timers[i];
            if (drivenLines[i] == line && enabled() && t.levelTriggered() && t.interruptEnabled() && t.status) {
                return true;
            }
        }
        return false;
    }

    // 2.3.5 legacy replacement: timer 0 to IRQ0 (GSI 2), timer 1 to IRQ8, regardless of INT_ROUTE.
    private IrqLine lineOf(int timer) {
        if (legacyReplacement() && timer < 2) {
            return timer == 0 ? legacyIrq0 : legacyIrq8;
        }
        return routeLines[timers[timer].route()];
    }

    private void ignore(String what, long offset, int size) {
        ignoredAccesses++;
        LOG.debug("HPET: ignored {} at offset {} size {}", what, offset, size);
    }
}
