package dev.jefevm.devices.pit;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;

/**
 * The 8254's CLK input on the PC: 1.193182 MHz (the 14.31818 MHz ISA oscillator divided by 12),
 * derived from the {@link VirtualClock} with exact integer arithmetic so the tick count never
 * drifts: tick(n) = floor(n * 1193182 / 10^9) for n virtual nanoseconds.
 */
final class PitClock {

    /** CLK frequency of all three counters, in Hz. */
    static final long HZ = 1_193_182L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final VirtualClock clock;

    PitClock(VirtualClock clock) {
        this.clock = clock;
    }

    /** CLK pulses since the machine was created. */
    long tick() {
        return tickAt(clock.nanos());
    }

    /** Whole seconds and the remainder are scaled apart so the product never overflows a long. */
    static long tickAt(long nanos) {
        return nanos / NANOS_PER_SECOND * HZ + nanos % NANOS_PER_SECOND * HZ / NANOS_PER_SECOND;
    }

    /** The first virtual nanosecond at which {@link #tickAt(long)} reaches {@code tick}. */
    static long nanosAt(long tick) {
        long remainder = tick % HZ * NANOS_PER_SECOND;
        return tick / HZ * NANOS_PER_SECOND + (remainder + HZ - 1) / HZ;
    }

    ClockTimer newTimer(String name, Runnable action) {
        return clock.newTimer(name, action);
    }
}
