package dev.jefevm.core.clock;

/**
 * The machine's notion of time. In deterministic mode time is a pure function of the number
 * of instructions retired (one instruction = {@link #NANOS_PER_INSTRUCTION} ns), so the same
 * input gives the same run; in real-time mode it follows the host's monotonic clock. RDTSC and
 * every device timer read this clock; nothing in a device reads the host clock directly.
 *
 * <p>Device timers are {@link ClockTimer}s kept here in deadline order. The CPU back end calls
 * {@link #runDueTimers()} between instruction blocks once {@link #nanos()} has reached
 * {@link #nextDeadline()}; a halted CPU lets time jump to the next deadline
 * ({@link #idleUntil(long)}) in deterministic mode, or sleeps until it in real-time mode.
 */
public final class VirtualClock {

    /** Virtual nanoseconds per retired instruction in deterministic mode (a 1 GHz, 1 IPC CPU). */
    public static final long NANOS_PER_INSTRUCTION = 1;

    /** The TSC runs at a fixed, invariant rate (CPUID 0x80000007 EDX[8]); 1 GHz keeps the arithmetic exact. */
    public static final long TSC_HZ = 1_000_000_000L;

    private final boolean deterministic;
    private final long hostStart;
    private long retired;
    /** Virtual nanoseconds that passed while the CPU was halted (deterministic mode). */
    private long idle;

    /** Armed timers, earliest deadline first (ties: first armed first); a few dozen at most. */
    private ClockTimer[] queue = new ClockTimer[16];
    private int queued;
    private long nextSequence;
    /** queue[0]'s deadline, or Long.MAX_VALUE: the run loop reads it between every two blocks. */
    private long earliestDeadline = Long.MAX_VALUE;

    private VirtualClock(boolean deterministic) {
        this.deterministic = deterministic;
        this.hostStart = System.nanoTime();
    }

    /** A clock driven by retired instructions only. */
    public static VirtualClock deterministic() {
        return new VirtualClock(true);
    }

    /** A clock that follows the host's monotonic time. */
    public static VirtualClock realTime() {
        return new VirtualClock(false);
    }

    public boolean isDeterministic() {
        return deterministic;
    }

    /** Called by the CPU back end after it retires {@code count} instructions. */
    public void retire(long count) {
        retired += count;
    }

    /** Instructions retired since the machine was created. */
    public long retiredInstructions() {
        return retired;
    }

    /** Virtual nanoseconds since the machine was created. */
    public long nanos() {
        return deterministic ? retired * NANOS_PER_INSTRUCTION + idle : System.nanoTime() - hostStart;
    }

    /**
     * A halted CPU in deterministic mode: virtual time jumps forward to {@code nanos} (if that is
     * later than now) without retiring instructions, as an idle CPU would spend it waiting.
     */
    public void idleUntil(long nanos) {
        long now = nanos();
        if (deterministic && nanos > now) {
            idle += nanos - now;
        }
    }

    // ---------------------------------------------------------------- timers

    /** A new, disarmed timer that runs {@code action} when it fires. */
    public ClockTimer newTimer(String name, Runnable action) {
        return new ClockTimer(this, name, action);
    }

    /** The earliest armed deadline, or {@link Long#MAX_VALUE} when no timer is armed. */
    public long nextDeadline() {
        return earliestDeadline;
    }

    /**
     * Fires every timer whose deadline is at or before {@link #nanos()}, earliest first; a timer
     * re-armed by its own action for a time already reached fires again in the same call.
     * Returns how many fired.
     */
    public int runDueTimers() {
        int fired = 0;
        long now = nanos();
        while (queued > 0 && queue[0].deadline <= now) {
            ClockTimer t = queue[0];
            removeAt(0);
            t.armed = false;
            t.action.run();
            fired++;
        }
        return fired;
    }

    void arm(ClockTimer t, long deadline) {
        if (t.armed) {
            removeAt(indexOf(t));
        }
        t.deadline = deadline;
        t.sequence = nextSequence++;
        t.armed = true;
        if (queued == queue.length) {
            queue = java.util.Arrays.copyOf(queue, queued * 2);
        }
        int i = queued++;
        while (i > 0 && before(t, queue[i - 1])) {
            queue[i] = queue[i - 1];
            i--;
        }
        queue[i] = t;
        earliestDeadline = queue[0].deadline;
    }

    void cancel(ClockTimer t) {
        if (t.armed) {
            removeAt(indexOf(t));
            t.armed = false;
        }
    }

    private static boolean before(ClockTimer a, ClockTimer b) {
        return a.deadline < b.deadline || (a.deadline == b.deadline && a.sequence < b.sequence);
    }

    private int indexOf(ClockTimer t) {
        for (int i = 0; i < queued; i++) {
            if (queue[i] == t) {
                return i;
            }
        }
        throw new IllegalStateException("armed timer not queued: " + t.name);
    }

    private void removeAt(int i) {
        System.arraycopy(queue, i + 1, queue, i, queued - i - 1);
        queue[--queued] = null;
        earliestDeadline = queued == 0 ? Long.MAX_VALUE : queue[0].deadline;
    }

    /** The time-stamp counter value (before any guest TSC offset). */
    public long tsc() {
        return nanos(); // TSC_HZ is 1 GHz: one tick per nanosecond
    }
}
