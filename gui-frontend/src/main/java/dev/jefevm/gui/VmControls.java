package dev.jefevm.gui;

import dev.jefevm.devices.ps2.KeyCode;

/**
 * What the desktop window may ask of the running machine. Every method is called on the window
 * thread and must return at once: an implementation hands device work to the vCPU thread (the
 * only one that touches device state) and never blocks on it. The launcher implements this on
 * its Machine; tests can record the calls.
 */
public interface VmControls {

    /** A key of the PS/2 keyboard goes down (again, for host auto-repeat). */
    void keyDown(KeyCode key);

    /** A key of the PS/2 keyboard goes up. */
    void keyUp(KeyCode key);

    /** Relative mouse motion in host pixels: x to the right, y down the screen. */
    void mouseMove(int dx, int dy);

    /** Wheel motion in notches, positive towards the user (scrolling down). */
    void mouseWheel(int dz);

    /** The mouse buttons held: bit 0 left, bit 1 right, bit 2 middle. */
    void mouseButtons(int mask);

    /** Stops running guest code (devices keep their state) until {@link #resume()}. */
    void pause();

    /** Runs guest code again after {@link #pause()}. */
    void resume();

    /** Whether guest code is paused. */
    boolean isPaused();

    /** Resets the machine as its reset line would; the guest reboots. */
    void reset();

    /** Presses the ACPI power button: the guest is asked to shut down. */
    void powerButton();

    /** Ends the VM at once, without asking the guest. */
    void hardStop();

    /**
     * Guest instructions retired so far; the value may lag the vCPU by a moment (the window reads
     * it about once a second to show MIPS).
     */
    long instructionsRetired();
}
