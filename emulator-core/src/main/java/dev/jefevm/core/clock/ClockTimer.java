package dev.jefevm.core.clock;

/**
 * One timer a device keeps on the {@link VirtualClock}: armed with an absolute deadline in
 * virtual nanoseconds, it runs its action once when the clock reaches that deadline (on the vCPU
 * thread, between instruction blocks). Re-arming moves the deadline; a periodic device re-arms
 * from inside its action. Devices never read the host clock: this is how they wait.
 */
public final class ClockTimer {

    final VirtualClock clock;
    final String name;
    final Runnable action;
    long deadline;
    boolean armed;
    /** Arming order, so timers with equal deadlines fire first-armed first (deterministic). */
    long sequence;

    ClockTimer(VirtualClock clock, String name, Runnable action) {
        this.clock = clock;
        this.name = name;
        this.action = action;
    }

    /** Arms (or re-arms) the timer to fire at virtual time {@code deadlineNanos}; a past deadline fires at the next check. */
    public void arm(long deadlineNanos) {
        clock.arm(this, deadlineNanos);
    }

    /** Disarms the timer; harmless when it is not armed. */
    public void cancel() {
        clock.cancel(this);
    }

    public boolean isArmed() {
        return armed;
    }

    /** The deadline it is armed for (meaningless when not armed). */
    public long deadline() {
        return deadline;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + (armed ? " @" + deadline : " (disarmed)");
    }
}
