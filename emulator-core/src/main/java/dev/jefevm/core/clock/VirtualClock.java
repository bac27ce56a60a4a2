package dev.jefevm.core.clock;

/**
 * The machine's notion of time. In deterministic mode time is a pure function of the number
 * of instructions retired (one instruction = {@link #NANOS_PER_INSTRUCTION} ns), so the same
 * input gives the same run; in real-time mode it follows the host's monotonic clock. RDTSC and
 * every device timer read this clock; nothing in a device reads the host clock directly.
 */
public final class VirtualClock {

    /** Virtual nanoseconds per retired instruction in deterministic mode (a 1 GHz, 1 IPC CPU). */
    public static final long NANOS_PER_INSTRUCTION = 1;

    /** The TSC runs at a fixed, invariant rate (CPUID 0x80000007 EDX[8]); 1 GHz keeps the arithmetic exact. */
    public static final long TSC_HZ = 1_000_000_000L;

    private final boolean deterministic;
    private final long hostStart;
    private long retired;

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
        return deterministic ? retired * NANOS_PER_INSTRUCTION : System.nanoTime() - hostStart;
    }

    /** The time-stamp counter value (before any guest TSC offset). */
    public long tsc() {
        return nanos(); // TSC_HZ is 1 GHz: one tick per nanosecond
    }
}
