package dev.jefevm.devices.rtc;

/**
 * The MC146818's 32.768 kHz divider chain as a time grid: cycle {@code c} of the time base
 * happens {@code c / 32768} s after the chain was (re)started, the once-a-second update falls
 * on every 32768th cycle, and the periodic interrupt on every 2^n-th. Times are virtual
 * nanoseconds; one cycle is 30517.578125 ns, so instants are rounded up to whole nanoseconds
 * and cycle counts down, which keeps "a tick is seen at its own instant" exact.
 */
final class RtcDivider {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final int CYCLES_PER_SECOND = 32_768;

    /** Virtual time of cycle 0 (may lie before the clock's start: see {@link #restart}). */
    private long origin;

    RtcDivider(long origin) {
        this.origin = origin;
    }

    long origin() {
        return origin;
    }

    /**
     * Restarts the chain so that the first update comes {@code firstUpdateDelay} ns after
     * {@code now}. (MC146818A "Divider bits": leaving divider reset, the first update cycle
     * begins one half second later.)
     */
    void restart(long now, long firstUpdateDelay) {
        origin = now + firstUpdateDelay - NANOS_PER_SECOND;
    }

    /** Whole time-base cycles from cycle 0 up to {@code now}. */
    long cyclesAt(long now) {
        long elapsed = now - origin;
        long whole = Math.floorDiv(elapsed, NANOS_PER_SECOND);
        long fraction = Math.floorMod(elapsed, NANOS_PER_SECOND);
        return whole * CYCLES_PER_SECOND + fraction * CYCLES_PER_SECOND / NANOS_PER_SECOND;
    }

    /** The first whole nanosecond at which cycle {@code cycle} has happened. */
    long instantOf(long cycle) {
        long whole = Math.floorDiv(cycle, CYCLES_PER_SECOND);
        long fraction = Math.floorMod(cycle, CYCLES_PER_SECOND);
        long fractionNanos = (fraction * NANOS_PER_SECOND + CYCLES_PER_SECOND - 1) / CYCLES_PER_SECOND;
        return origin + whole * NANOS_PER_SECOND + fractionNanos;
    }

    /** The first update (second boundary) strictly after {@code now}. */
    long nextUpdateAfter(long now) {
        return instantOf((Math.floorDiv(cyclesAt(now), CYCLES_PER_SECOND) + 1) * CYCLES_PER_SECOND);
    }

    /** Nanoseconds since the last second boundary at {@code now}. */
    long intoSecond(long now) {
        return Math.floorMod(now - origin, NANOS_PER_SECOND);
    }
}
