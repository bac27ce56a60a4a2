package dev.jefevm.devices.hpet;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;

/**
 * One comparator of the {@link Hpet} (IA-PC HPET 1.0a, 2.3.8 "Timer N Configuration and
 * Capabilities", 2.3.9 "Timer N Comparator Value"): its configuration bits, its comparator and
 * the period added to it in periodic mode, its level-triggered status bit, and the
 * {@link ClockTimer} armed for the instant the main counter next equals the comparator.
 * Every timer is 64-bit and periodic capable; FSB (MSI) delivery is not offered.
 */
final class HpetTimer {

    // 2.3.8 configuration bits.
    static final long INT_TYPE_LEVEL = 1L << 1, INT_ENB = 1L << 2, TYPE_PERIODIC = 1L << 3,
            PER_INT_CAP = 1L << 4, SIZE_CAP_64 = 1L << 5, VAL_SET = 1L << 6, MODE_32 = 1L << 8;
    static final int ROUTE_SHIFT = 9;
    static final long ROUTE_FIELD = 0x1FL << ROUTE_SHIFT;
    static final long WRITABLE = INT_TYPE_LEVEL | INT_ENB | TYPE_PERIODIC | VAL_SET | MODE_32;
    static final long LOW_32 = 0xFFFF_FFFFL;
    /** Farther than this many ticks (over 100 years at 10 MHz) is "never". */
    static final long MAX_TICKS = 1L << 55;

    final int index;
    private final Hpet hpet;
    private final ClockTimer timer;
    private final long allowedRoutes;
    private long config;
    private long comparator = -1L; // 2.3.9: comparators reset to all ones
    private long period;
    boolean status;

    HpetTimer(Hpet hpet, VirtualClock clock, int index, long allowedRoutes) {
        this.hpet = hpet;
        this.index = index;
        this.allowedRoutes = allowedRoutes;
        this.timer = clock.newTimer("hpet-timer" + index, this::fire);
    }

    long config() {
        return config;
    }

    long comparator() {
        return comparator;
    }

    long period() {
        return period;
    }

    void restore(long savedConfig, long savedComparator, long savedPeriod, boolean savedStatus) {
        config = savedConfig & (WRITABLE | ROUTE_FIELD);
        comparator = savedComparator;
        period = savedPeriod;
        status = savedStatus;
    }

    long readConfig() {
        return config | PER_INT_CAP | SIZE_CAP_64 | allowedRoutes << 32;
    }

    /** Writes the configuration; a route outside the capability mask keeps the old route (2.3.8). */
    void writeConfig(long value) {
        long route = (value & ROUTE_FIELD) >>> ROUTE_SHIFT;
        long newRoute = (allowedRoutes & 1L << route) != 0 ? value & ROUTE_FIELD : config & ROUTE_FIELD;
        config = value & WRITABLE | newRoute;
        if (!levelTriggered()) {
            status = false; // 2.3.5: the status bit only has meaning for level-triggered timers
        }
        if (is32Bit()) {
            comparator &= LOW_32;
            period &= LOW_32;
        }
    }

    long readComparator() {
        return is32Bit() ? comparator & LOW_32 : comparator;
    }

    /**
     * 2.3.9: a write sets the period added on each periodic match; it sets the comparator itself
     * in one-shot mode, or in periodic mode when VAL_SET allowed it (VAL_SET then clears). Only
     * the bits in {@code mask} are written; in 32-bit mode the upper half is read-only.
     */
    void writeComparator(long value, long mask) {
        long written = is32Bit() ? mask & LOW_32 : mask;
        if (written == 0) {
            return;
        }
        period = period & ~written | value & written;
        if (!periodic() || (config & VAL_SET) != 0) {
            comparator = comparator & ~written | value & written;
        }
        config &= ~VAL_SET;
    }

    int route() {
        return (int) ((config & ROUTE_FIELD) >>> ROUTE_SHIFT);
    }

    boolean levelTriggered() {
        return (config & INT_TYPE_LEVEL) != 0;
    }

    boolean interruptEnabled() {
        return (config & INT_ENB) != 0;
    }

    private boolean periodic() {
        return (config & TYPE_PERIODIC) != 0;
    }

    private boolean is32Bit() {
        return (config & MODE_32) != 0;
    }

    /** Arms for the next match from now; a comparator equal to the counter matches at once. */
    void schedule() {
        arm(false);
    }

    void cancel() {
        timer.cancel();
    }

    private void arm(boolean justMatched) {
        if (!hpet.enabled()) {
            timer.cancel();
            return;
        }
        long counter = hpet.counter();
        long delta = is32Bit() ? (comparator - counter) & LOW_32 : comparator - counter;
        if (delta == 0 && justMatched) {
            // The counter must go all the way round to match again (2.3.9.2.1 one-shot 32-bit wrap).
            delta = is32Bit() ? 1L << 32 : 0;
            if (delta == 0) {
                timer.cancel();
                return;
            }
        }
        if (Long.compareUnsigned(delta, MAX_TICKS) > 0) {
            timer.cancel();
            return;
        }
        timer.arm(hpet.instantAfterTicks(delta));
    }

    // 2.3.9.2: at a match the timer interrupts; a periodic one adds its period to the comparator.
    private void fire() {
        hpet.signal(this);
        if (periodic() && period != 0) {
            long counter = hpet.counter();
            long next = comparator + period;
            // Late (a real-time host stalled): skip to the first period boundary after now.
            long behind = is32Bit() ? (int) (counter - next) : counter - next;
            if (behind >= 0 && period > 0) {
                next += (behind / period + 1) * period;
            }
            comparator = is32Bit() ? next & LOW_32 : next;
        }
        arm(true);
    }
}
