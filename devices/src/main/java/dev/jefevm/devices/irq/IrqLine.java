package dev.jefevm.devices.irq;

/**
 * One interrupt request wire from a device to an interrupt controller, as a level. A device
 * drives the level it would put on its INTR pin; the controller (8259 PIC, IOAPIC) decides
 * edge or level semantics and what the CPU sees. Devices never talk to the CPU directly.
 */
@FunctionalInterface
public interface IrqLine {

    /** A line connected to nothing (this board has no interrupt controller yet). */
    IrqLine DISCONNECTED = asserted -> { };

    /** Drives the line high ({@code true}) or low. Repeating the current level is harmless. */
    void set(boolean asserted);
}
