package dev.jefevm.launcher.monitor;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.devices.ps2.KeyCode;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What the monitor needs from a running machine. {@link #post} hands a task to the vCPU thread
 * (the only thread allowed to touch guest and device state); every other method is called only
 * from inside such a task. The launcher's Machine implements this directly or through a small
 * adapter, so the monitor and its tests do not depend on how the machine is assembled.
 */
public interface MachineTarget {

    /** Runs {@code task} on the vCPU thread soon, also while the guest is stopped. */
    void post(Runnable task);

    /** Presses a key on the PS/2 keyboard. */
    void keyDown(KeyCode key);

    /** Releases a key on the PS/2 keyboard. */
    void keyUp(KeyCode key);

    /** Moves the PS/2 mouse by a relative amount (x right, y down, z wheel). */
    void mouseMove(int dx, int dy, int dz);

    /** Sets the PS/2 mouse button state: bit 0 left, bit 1 right, bit 2 middle. */
    void mouseButtons(int mask);

    /** The framebuffer as an image, or {@code null} when the machine has no display. */
    BufferedImage screenshot();

    /** The state of each virtual CPU, in APIC-id order. */
    List<CpuState> cpus();

    /** One line per device model: its name and where it sits (ports, MMIO range, IRQ). */
    List<String> devices();

    /** Pauses guest execution (the vCPU thread keeps running posted tasks). */
    void stop();

    /** Resumes guest execution after {@link #stop()}. */
    void cont();

    /** Whether the guest is currently executing (not paused by {@link #stop()}). */
    boolean running();

    /** Resets the machine as the reset line would (the guest reboots). */
    void systemReset();

    /** Presses the ACPI power button (a fixed power-button event to the guest). */
    void systemPowerdown();

    /** Ends the VM the way the user quitting would. */
    void quit();
}
