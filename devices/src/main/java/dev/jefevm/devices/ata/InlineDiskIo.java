package dev.jefevm.devices.ata;

import dev.jefevm.core.clock.ClockTimer;
import dev.jefevm.core.clock.VirtualClock;
import java.io.IOException;

/**
 * Image I/O for deterministic runs: the task's I/O is performed at once on the vCPU thread, and
 * its completion fires from a virtual-clock timer a fixed {@link #COMPLETION_DELAY_NANOS} later.
 * The guest thus sees BSY for the same number of instructions on every run, whatever the host
 * disk does, so the same input still gives the same run.
 */
public final class InlineDiskIo implements DiskIo {

    /** Virtual time between a command's start and its completion: 20 us. */
    public static final long COMPLETION_DELAY_NANOS = 20_000;

    private final VirtualClock clock;
    private final ClockTimer timer;
    private DiskTask pending;
    private IOException pendingFailure;

    public InlineDiskIo(VirtualClock clock, String name) {
        this.clock = clock;
        this.timer = clock.newTimer(name, this::fire);
    }

    @Override
    public void submit(DiskTask task) {
        IOException failure = null;
        try {
            task.perform();
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
        }
        pending = task;
        pendingFailure = failure;
        timer.arm(clock.nanos() + COMPLETION_DELAY_NANOS);
    }

    private void fire() {
        DiskTask task = pending;
        IOException failure = pendingFailure;
        pending = null;
        pendingFailure = null;
        if (task != null) {
            task.complete(failure);
        }
    }

    @Override
    public void close() {
        timer.cancel();
        pending = null;
    }
}
