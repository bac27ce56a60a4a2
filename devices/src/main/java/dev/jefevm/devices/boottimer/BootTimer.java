package dev.jefevm.devices.boottimer;

import dev.jefevm.devices.bus.IoPortDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A boot-timing port in the manner of Firecracker's boot-timer device: the guest writes a
 * milestone code (1 kernel entry, 2 drivers up, 3 shell ready) as one byte, and the device notes
 * the host time since the process started, so a boot's host-side cost can be measured end to end.
 * Time comes from an injected source (nanoseconds since process start); the device never reads
 * a clock itself. Reads return the last code written (0 before any), which lets a guest probe for
 * the port.
 */
public final class BootTimer implements IoPortDevice {

    private final LongSupplier nanosSinceProcessStart;
    private final BootTimingListener listener;
    private final List<BootMilestone> milestones = new ArrayList<>();
    private int lastCode;

    public BootTimer(LongSupplier nanosSinceProcessStart, BootTimingListener listener) {
        this.nanosSinceProcessStart = nanosSinceProcessStart;
        this.listener = listener;
    }

    @Override
    public int read(int offset, int size) {
        return offset == 0 ? lastCode : 0xFF;
    }

    @Override
    public void write(int offset, int size, int value) {
        if (offset != 0) {
            return;
        }
        int code = value & 0xFF;
        lastCode = code;
        BootMilestone m = new BootMilestone(code, BootMilestone.nameOf(code), nanosSinceProcessStart.getAsLong());
        milestones.add(m);
        listener.milestoneReached(m);
    }

    /** The milestones reported so far, in order (across reboots: a reboot reports them again). */
    public List<BootMilestone> milestones() {
        return List.copyOf(milestones);
    }
}
