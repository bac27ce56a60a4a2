package dev.jefevm.devices.pci;

/**
 * One function of a PCI device as the configuration mechanism sees it (PCI Local Bus 3.0,
 * 3.2.2.3): reads and writes of 1, 2 or 4 bytes at an offset into its 256-byte configuration
 * space. Accesses never cross a dword boundary (the host bridge splits or drops those). What the
 * function does with its BARs, command register and device-specific registers is its own
 * business; {@link PciType0Function} is the usual implementation.
 */
public interface PciFunction {

    /** Configuration read of {@code size} bytes at {@code offset} (0..255), zero-extended. */
    int configRead(int offset, int size);

    /** Configuration write of the low {@code size} bytes of {@code value} at {@code offset}. */
    void configWrite(int offset, int size, int value);
}
