package dev.jefevm.devices.pci;

/**
 * The saved state of one PCI function: the 256 bytes of its configuration space (PCI Local Bus
 * 3.0, 6.1). The writable and write-one-to-clear masks are not state; the model rebuilds them.
 */
public record PciConfigState(byte[] bytes) {

    public PciConfigState {
        if (bytes.length != PciConfigSpace.SIZE) {
            throw new IllegalArgumentException("PCI configuration state needs " + PciConfigSpace.SIZE + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
