package dev.jefevm.devices.pci;

/**
 * The saved state of a {@link PciHostBridge}: the CONFIG_ADDRESS latch (PCI Local Bus 3.0,
 * 3.2.2.3.2). The functions behind it save their own configuration space.
 */
public record PciHostBridgeState(int configAddress) {
}
