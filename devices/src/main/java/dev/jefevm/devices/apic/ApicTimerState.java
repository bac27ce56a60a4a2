package dev.jefevm.devices.apic;

/**
 * The saved state of the local APIC timer: its mode, divide configuration, initial count, the
 * virtual time at which the current count started (absolute, on the machine's clock, which is
 * saved with the machine) and the armed TSC deadline.
 */
public record ApicTimerState(int mode, int divideConfig, long initialCount, long startNanos, boolean counting,
        long tscDeadline) { }
