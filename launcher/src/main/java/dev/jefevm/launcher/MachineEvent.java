package dev.jefevm.launcher;

/** What happened during one {@link Machine#run(long)} slice, for the loop that drives it. */
public enum MachineEvent {
    /** The budget ran out; run again. */
    RUNNING,
    /**
     * Real-time mode: the CPU halted with interrupts enabled; call {@link Machine#idle()} to wait
     * for a timer, input, a posted task or a stop request (deterministic runs idle inside run()).
     */
    IDLE,
    /** The CPU halted with interrupts disabled: it can never run again (a kernel panic). */
    HALTED_INTERRUPTS_DISABLED,
    /** The guest powered off (ACPI S5). */
    POWER_OFF,
    /** The guest asked for a reset; call {@link Machine#reboot()} to boot again. */
    RESET,
    /** The CPU could not deliver an exception (triple fault). */
    TRIPLE_FAULT,
    /** The host asked the machine to stop (Ctrl-A x, a signal, a test). */
    HOST_REQUEST,
    /** The guest wrote the isa-debug-exit port; {@link Machine#debugExitStatus()} is the exit status. */
    DEBUG_EXIT
}
