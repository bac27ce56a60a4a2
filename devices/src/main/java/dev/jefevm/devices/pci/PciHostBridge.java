package dev.jefevm.devices.pci;

import dev.jefevm.devices.bus.IoPortDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration Mechanism #1 of the host bridge (PCI Local Bus 3.0, 3.2.2.3.2; 82441FX datasheet,
 * CONFADDR and CONFDATA registers), as the I/O ports 0xCF8-0xCFF. CONFIG_ADDRESS at 0xCF8 is a
 * dword register: bit 31 enables translation, bits 23:16 bus, 15:11 device, 10:8 function, 7:2
 * register; bits 30:24 and 1:0 read as zero. CONFIG_DATA at 0xCFC-0xCFF carries byte, word or
 * dword configuration cycles, the low two address bits coming from the port. Only a dword
 * access at 0xCF8 reaches CONFIG_ADDRESS; byte and word accesses to 0xCF8-0xCFB pass through as
 * ordinary I/O, which is how the PIIX3 Reset Control register at 0xCF9 shares this range.
 * With the enable bit clear, CONFIG_DATA is ordinary I/O too and nothing answers (all ones).
 */
public final class PciHostBridge implements IoPortDevice {

    private static final Logger LOG = LoggerFactory.getLogger(PciHostBridge.class);

    /** Ports claimed: 0xCF8 through 0xCFF. */
    public static final int PORT_COUNT = 8;

    static final int ENABLE = 0x8000_0000;
    // PCI 3.0 3.2.2.3.2: bits 30:24 reserved and bits 1:0 hardwired to zero.
    private static final int ADDRESS_MASK = ENABLE | 0x00FF_FFFC;
    private static final int DATA_OFFSET = 4;
    /** Offset of port 0xCF9, the PIIX3 Reset Control register (82371SB datasheet, RC register). */
    private static final int RESET_CONTROL_OFFSET = 1;

    private final PciBus bus;
    private final IoPortDevice resetControl;
    private int address;
    private long ignoredAccesses;

    /**
     * A host bridge for {@code bus}; byte accesses to 0xCF9 go to {@code resetControl} at its
     * offset 0 (the board's ResetControlRegister).
     */
    public PciHostBridge(PciBus bus, IoPortDevice resetControl) {
        this.bus = bus;
        this.resetControl = resetControl;
    }

    @Override
    public int read(int offset, int size) {
        if (offset >= DATA_OFFSET) {
            return readData(offset - DATA_OFFSET, size);
        }
        if (offset == 0 && size == 4) {
            return address;
        }
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= readPassThroughByte(offset + i) << (8 * i);
        }
        return value;
    }

    @Override
    public void write(int offset, int size, int value) {
        if (offset >= DATA_OFFSET) {
            writeData(offset - DATA_OFFSET, size, value);
        } else if (offset == 0 && size == 4) {
            address = value & ADDRESS_MASK;
        } else {
            for (int i = 0; i < size; i++) {
                writePassThroughByte(offset + i, (value >>> (8 * i)) & 0xFF);
            }
        }
    }

    /** The current CONFIG_ADDRESS value. */
    public int configAddress() {
        return address;
    }

    /** Accesses nothing answered: disabled or misaligned data cycles, stray pass-through bytes. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    /** Power-on state: CONFIG_ADDRESS is zero (translation disabled). */
    public void reset() {
        address = 0;
    }

    /** The bridge's saved state (the functions save their own). */
    public PciHostBridgeState saveState() {
        return new PciHostBridgeState(address);
    }

    /** Restores {@link #saveState()} output. */
    public void restoreState(PciHostBridgeState state) {
        address = state.configAddress() & ADDRESS_MASK;
    }

    private int readData(int byteInDword, int size) {
        if (!dataCycleOk(byteInDword, size, "read")) {
            return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
        }
        return bus.read(busNumber(), deviceNumber(), functionNumber(), register() + byteInDword, size);
    }

    private void writeData(int byteInDword, int size, int value) {
        if (dataCycleOk(byteInDword, size, "write")) {
            bus.write(busNumber(), deviceNumber(), functionNumber(), register() + byteInDword, size, value);
        }
    }

    private boolean dataCycleOk(int byteInDword, int size, String kind) {
        if ((address & ENABLE) == 0 || byteInDword + size > 4) {
            ignoredAccesses++;
            LOG.debug("ignored CONFIG_DATA {} at +{} size {} with CONFIG_ADDRESS 0x{}", kind, byteInDword, size,
                    Integer.toHexString(address));
            return false;
        }
        return true;
    }

    private int readPassThroughByte(int offset) {
        if (offset == RESET_CONTROL_OFFSET) {
            return resetControl.read(0, 1) & 0xFF;
        }
        ignoredAccesses++;
        return 0xFF;
    }

    private void writePassThroughByte(int offset, int value) {
        if (offset == RESET_CONTROL_OFFSET) {
            resetControl.write(0, 1, value);
        } else {
            ignoredAccesses++;
        }
    }

    private int busNumber() {
        return (address >>> 16) & 0xFF;
    }

    private int deviceNumber() {
        return (address >>> 11) & 0x1F;
    }

    private int functionNumber() {
        return (address >>> 8) & 0x7;
    }

    private int register() {
        return address & 0xFC;
    }
}
