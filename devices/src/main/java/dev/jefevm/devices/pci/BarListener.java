package dev.jefevm.devices.pci;

/**
 * Told when a BAR's effective decode changes, so the device can move its ports or MMIO window:
 * the guest wrote a new base address while decoding is enabled, or enabled or disabled I/O or
 * memory decoding in the Command register (PCI Local Bus 3.0, 6.2.2 and 6.2.5.1).
 */
@FunctionalInterface
public interface BarListener {

    /** Address reported when the BAR does not decode (its space is disabled in Command). */
    long UNMAPPED = -1;

    /** A listener for functions whose BARs nobody maps. */
    BarListener NONE = (index, bar, base) -> { };

    /**
     * BAR {@code index} (0..5) now decodes {@code bar.size()} bytes at {@code base}, or nothing
     * when {@code base} is {@link #UNMAPPED}.
     */
    void barMoved(int index, PciBar bar, long base);
}
