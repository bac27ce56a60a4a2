package dev.jefevm.devices.acpi;

/**
 * The fixed hardware the ACPI tables describe, as the board wired it: the PM1a event and
 * control block ports, the reset register port and value, the SCI interrupt and the S5 sleep
 * type the PM1a control block acts on.
 */
public record AcpiHardware(int pm1aEventPort, int pm1aEventLength, int pm1aControlPort, int pm1aControlLength,
        int resetPort, int resetValue, int sciInterrupt, int s5SleepType) { }
