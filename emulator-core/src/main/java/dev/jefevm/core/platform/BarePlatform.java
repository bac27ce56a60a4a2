package dev.jefevm.core.platform;

import dev.jefevm.core.clock.VirtualClock;

/**
 * A platform with no devices: every port floats (reads all ones, writes are dropped), INTR is
 * never asserted, and a stop request is only recorded. For running a CPU alone: benchmarks,
 * CPU tests, and user-mode programs that never touch hardware.
 */
public final class BarePlatform implements Platform {

    private final VirtualClock clock;
    private StopReason stopReason;
    private String stopDetail;

    public BarePlatform(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public int ioRead(int port, int size) {
        return -1;
    }

    @Override
    public void ioWrite(int port, int size, int value) {
    }

    @Override
    public boolean interruptPending() {
        return false;
    }

    /** Never called: INTR is never asserted. Returns the spurious vector 0xFF should a CPU ask anyway. */
    @Override
    public int acknowledgeInterrupt() {
        return 0xFF;
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void requestStop(StopReason reason, String detail) {
        this.stopReason = reason;
        this.stopDetail = detail;
    }

    /** The last stop requested, or null. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The detail of the last stop requested, or null. */
    public String stopDetail() {
        return stopDetail;
    }
}
