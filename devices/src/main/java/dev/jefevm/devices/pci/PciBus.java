package dev.jefevm.devices.pci;

/**
 * The functions reachable through configuration cycles, by bus (0..255), device (0..31) and
 * function (0..7) (PCI Local Bus 3.0, 3.2.2.3). A configuration read of a function nobody
 * attached ends in a master abort, which the host bridge answers with all ones (PCI 3.0, 6.1:
 * "Vendor ID ... 0FFFFh is an invalid value"), so software sees an empty slot; writes to it
 * vanish. Accesses are given to functions already confined to one dword.
 */
public final class PciBus {

    private static final int FUNCTIONS = 256 * 32 * 8;

    // Indexed by the bus/device/function bits of CONFIG_ADDRESS (bits 23:8): one array load per access.
    private final PciFunction[] functions = new PciFunction[FUNCTIONS];

    /**
     * Places {@code function} at {@code bus:device.function}.
     *
     * @throws IllegalArgumentException if the location is out of range or taken (a board wiring
     *     mistake, not a guest one)
     */
    public void attach(int bus, int device, int function, PciFunction pciFunction) {
        if (bus < 0 || bus > 255 || device < 0 || device > 31 || function < 0 || function > 7) {
            throw new IllegalArgumentException("no PCI location " + bus + ":" + device + "." + function);
        }
        int slot = index(bus, device, function);
        if (functions[slot] != null) {
            throw new IllegalArgumentException("PCI location " + bus + ":" + device + "." + function + " is taken");
        }
        functions[slot] = pciFunction;
    }

    /** The function at the location, or {@code null} when the slot is empty. */
    public PciFunction functionAt(int bus, int device, int function) {
        return functions[index(bus, device, function)];
    }

    /** Configuration read; an empty location reads all ones of the access width. */
    public int read(int bus, int device, int function, int offset, int size) {
        PciFunction f = functions[index(bus, device, function)];
        if (f == null) {
            return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
        }
        return f.configRead(offset, size);
    }

    /** Configuration write; an empty location ignores it. */
    public void write(int bus, int device, int function, int offset, int size, int value) {
        PciFunction f = functions[index(bus, device, function)];
        if (f != null) {
            f.configWrite(offset, size, value);
        }
    }

    private static int index(int bus, int device, int function) {
        return ((bus & 0xFF) << 8) | ((device & 0x1F) << 3) | (function & 0x7);
    }
}
