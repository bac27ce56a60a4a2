package dev.jefevm.gui;

/**
 * Quitting from the window the polite way: press the ACPI power button so the guest can shut down
 * by itself, and stop the VM outright if it has not after {@link #GRACE_NANOS}. The launcher
 * closes the window once the VM has ended, however it ended.
 */
final class QuitSequence {

    /** How long the guest gets to power off after the power button. */
    static final long GRACE_NANOS = 3_000_000_000L;

    private final VmControls controls;
    private boolean started;
    private boolean hardStopped;
    private long deadline;

    QuitSequence(VmControls controls) {
        this.controls = controls;
    }

    /** Presses the power button (once; asking again while waiting changes nothing). */
    void start(long nowNanos) {
        if (started) {
            return;
        }
        started = true;
        deadline = nowNanos + GRACE_NANOS;
        // a paused guest cannot react to the button
        if (controls.isPaused()) {
            controls.resume();
        }
        controls.powerButton();
    }

    /** Called every frame: stops the VM once the grace period is over. */
    void poll(long nowNanos) {
        if (started && !hardStopped && nowNanos - deadline >= 0) {
            hardStopped = true;
            controls.hardStop();
        }
    }

    boolean isStarted() {
        return started;
    }
}
