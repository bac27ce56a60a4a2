package dev.jefevm.devices.power;

/** The saved state of {@link AcpiPmControl}: PM1_STS, PM1_EN and the stored bits of PM1_CNT. */
public record AcpiPmState(int pm1Status, int pm1Enable, int pm1Control) { }
