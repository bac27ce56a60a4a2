package dev.jefevm.devices.boottimer;

/** Told, on the vCPU thread, each time the guest reaches a boot milestone. */
@FunctionalInterface
public interface BootTimingListener {

    /** Ignores milestones. */
    BootTimingListener NONE = milestone -> { };

    void milestoneReached(BootMilestone milestone);
}
