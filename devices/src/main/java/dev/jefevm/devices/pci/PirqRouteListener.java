package dev.jefevm.devices.pci;

/**
 * Told when the PIIX3 routes one of its PCI interrupt inputs PIRQA#..PIRQD# to a different ISA
 * IRQ, or stops routing it (82371SB datasheet, PIRQRC[A:D] at
 * 60h-63h). The board reconnects the
 * PCI interrupt lines to the interrupt controller's inputs accordingly.
 */
@FunctionalInterface
public interface PirqRouteListener {

    /** Value of {@code isaIrq} when the PIRQ is not routed (bit 7 set, or a reserved IRQ). */
    int NOT_ROUTED = -1;

    /** {@code pirq} (0..3 for A..D) now drives ISA IRQ {@code isaIrq}, or {@link #NOT_ROUTED}. */
    void pirqRouted(int pirq, int isaIrq);
}
