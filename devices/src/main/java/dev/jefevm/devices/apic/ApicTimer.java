package dev.jefevm.devices.apic;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;

/**
 * The local APIC timer (SDM Vol.3 11.5.4): the divide configuration register, the 32-bit
 * initial and current counts in one-shot and periodic modes, and TSC-deadline mode driven by
 * the IA32_TSC_DEADLINE MSR. The timer's input clock runs at {@link #BUS_HZ} (one tick per
 * virtual nanosecond before division) and the TSC ticks once per nanosecond, so both counts
 * follow {@link VirtualClock#nanos()} exactly. The current count is computed from the time the
 * count started rather than stored, so reading it costs nothing while the clock runs.
 */
final class ApicTimer {

    /** The timer's input (bus/core crystal) clock frequency that the board advertises in CPUID 0x15. */
    static final long BUS_HZ = 1_000_000_000L;

    // LVT timer mode, bits 18:17 (SDM Vol.3 11.5.1, figure "Local Vector Table")
    static final int ONE_SHOT = 0, PERIODIC = 1, TSC_DEADLINE = 2;

    private final VirtualClock clock;
    private final ClockTimer timer;
    private final Runnable expiry;

    private int mode = ONE_SHOT;
    private int divideConfig;
    private long divisor = 2;
    private long initialCount;
    private long start;
    private boolean counting;
    private long tscDeadline;

    /** {@code expiry} runs when the count reaches zero or the deadline passes. */
    ApicTimer(VirtualClock clock, Runnable expiry) {
        this.clock = clock;
        this.expiry = expiry;
        this.timer = clock.newTimer("lapic-timer", this::fire);
    }

    void reset() {
        timer.cancel();
        mode = ONE_SHOT;
        divideConfig = 0;
        divisor = 2;
        initialCount = 0;
        counting = false;
        tscDeadline = 0;
    }

    ApicTimerState save() {
        return new ApicTimerState(mode, divideConfig, initialCount, start, counting, tscDeadline);
    }

    /** Restores a saved timer and re-arms its clock event. */
    void restore(ApicTimerState s) {
        timer.cancel();
        mode = s.mode();
        writeDivideConfigBits(s.divideConfig());
        initialCount = s.initialCount();
        start = s.startNanos();
        counting = s.counting() && initialCount != 0;
        tscDeadline = s.tscDeadline();
        if (mode == TSC_DEADLINE) {
            if (tscDeadline != 0) {
                timer.arm(tscDeadline);
            }
        } else if (counting) {
            scheduleNextExpiry();
        }
    }

    int divideConfig() {
        return divideConfig;
    }

    // SDM 11.5.4 figure "Divide Configuration Register": bits 0,1,3 select 2^(n+1), 0b111 is 1.
    void writeDivideConfig(int value) {
        long current = currentCount();
        writeDivideConfigBits(value);
        if (counting && mode != TSC_DEADLINE) {
            // The count carries on from where it is, at the new rate.
            start = clock.nanos() - (initialCount - current) * divisor;
            scheduleNextExpiry();
        }
    }

    private void writeDivideConfigBits(int value) {
        divideConfig = value & 0xB;
        int code = (divideConfig & 3) | ((divideConfig >>> 1) & 4);
        divisor = code == 7 ? 1 : 2L << code;
    }

    long initialCount() {
        return initialCount;
    }

    // SDM 11.5.4: writing the initial count starts the count; zero stops it. Ignored in TSC-deadline mode.
    void writeInitialCount(long value) {
        if (mode == TSC_DEADLINE) {
            return;
        }
        initialCount = value & 0xFFFF_FFFFL;
        if (initialCount == 0) {
            counting = false;
            timer.cancel();
            return;
        }
        start = clock.nanos();
        counting = true;
        scheduleNextExpiry();
    }

    long currentCount() {
        if (!counting || mode == TSC_DEADLINE) {
            return 0;
        }
        long elapsed = (clock.nanos() - start) / divisor;
        if (mode == PERIODIC) {
            return initialCount - elapsed % initialCount;
        }
        return elapsed >= initialCount ? 0 : initialCount - elapsed;
    }

    /**
     * The LVT timer's mode bits changed. Moving into or out of TSC-deadline mode disarms the timer
     * (SDM 11.5.4.1); one-shot and periodic swap without restarting the count.
     */
    void setMode(int newMode) {
        if (newMode == mode) {
            return;
        }
        boolean deadlineSwitch = (newMode == TSC_DEADLINE) != (mode == TSC_DEADLINE);
        long current = currentCount();
        mode = newMode;
        if (deadlineSwitch) {
            timer.cancel();
            counting = false;
            initialCount = 0;
            tscDeadline = 0;
        } else if (counting) {
            if (current == 0) {
                counting = false; // an expired one-shot count stays at zero
                timer.cancel();
            } else {
                start = clock.nanos() - (initialCount - current) * divisor;
                scheduleNextExpiry();
            }
        }
    }

    // SDM 11.5.4.1: IA32_TSC_DEADLINE reads 0 and ignores writes outside TSC-deadline mode.
    long readTscDeadline() {
        return mode == TSC_DEADLINE ? tscDeadline : 0;
    }

    void writeTscDeadline(long value) {
        if (mode != TSC_DEADLINE) {
            return;
        }
        tscDeadline = value;
        if (value == 0) {
            timer.cancel();
        } else {
            timer.arm(value); // the TSC counts virtual nanoseconds; a past deadline fires at once
        }
    }

    private void scheduleNextExpiry() {
        long period = initialCount * divisor;
        long elapsed = clock.nanos() - start;
        if (mode == PERIODIC) {
            // The first expiry strictly after now: missed periods collapse into one (IRR is one bit).
            timer.arm(start + (elapsed / period + 1) * period);
        } else if (elapsed < period) {
            timer.arm(start + period);
        } else {
            timer.arm(clock.nanos());
        }
    }

    private void fire() {
        if (mode == TSC_DEADLINE) {
            tscDeadline = 0; // SDM 11.5.4.1: the MSR is cleared when the timer fires
            expiry.run();
            return;
        }
        if (!counting) {
            return;
        }
        if (mode == PERIODIC) {
            scheduleNextExpiry();
        } else {
            counting = false;
        }
        expiry.run();
    }
}
