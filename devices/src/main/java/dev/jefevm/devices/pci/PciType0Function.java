package dev.jefevm.devices.pci;

import java.util.Arrays;

/**
 * A PCI function with the type 0 configuration header (PCI Local Bus 3.0, 6.1 and 6.2): read-only
 * Vendor/Device ID, Revision, Class Code and Header Type; the Command register with I/O, Memory
 * and Bus Master enables; the Status register with write-one-to-clear error bits; up to six BARs
 * sized by the all-ones write; Interrupt Line (read/write) and Interrupt Pin (read-only); and the
 * Capabilities Pointer with a linked capability list. No expansion ROM (its BAR reads zero) and no
 * BIST. Device models compose one of these and watch their BARs through a {@link BarListener}.
 */
public final class PciType0Function implements PciFunction {

    // PCI 3.0 figure 6-1: type 0 header offsets.
    static final int VENDOR_ID = 0x00, DEVICE_ID = 0x02, COMMAND = 0x04, STATUS = 0x06,
            REVISION_ID = 0x08, CLASS_CODE = 0x09, CACHE_LINE_SIZE = 0x0C, HEADER_TYPE = 0x0E,
            BAR0 = 0x10, CAPABILITIES_POINTER = 0x34, INTERRUPT_LINE = 0x3C, INTERRUPT_PIN = 0x3D;
    static final int BAR_COUNT = 6;

    // PCI 3.0 6.2.2: Command register bits.
    public static final int COMMAND_IO = 1 << 0, COMMAND_MEMORY = 1 << 1, COMMAND_BUS_MASTER = 1 << 2,
            COMMAND_PARITY_ERROR_RESPONSE = 1 << 6, COMMAND_SERR = 1 << 8, COMMAND_INTERRUPT_DISABLE = 1 << 10;
    private static final int COMMAND_WRITABLE = COMMAND_IO | COMMAND_MEMORY | COMMAND_BUS_MASTER
            | COMMAND_PARITY_ERROR_RESPONSE | COMMAND_SERR | COMMAND_INTERRUPT_DISABLE;

    // PCI 3.0 6.2.3: Status register bits.
    public static final int STATUS_CAPABILITIES_LIST = 1 << 4, STATUS_MASTER_DATA_PARITY_ERROR = 1 << 8,
            STATUS_SIGNALED_TARGET_ABORT = 1 << 11, STATUS_RECEIVED_TARGET_ABORT = 1 << 12,
            STATUS_RECEIVED_MASTER_ABORT = 1 << 13, STATUS_SIGNALED_SYSTEM_ERROR = 1 << 14,
            STATUS_DETECTED_PARITY_ERROR = 1 << 15;
    private static final int STATUS_WRITE_ONE_TO_CLEAR = STATUS_MASTER_DATA_PARITY_ERROR
            | STATUS_SIGNALED_TARGET_ABORT | STATUS_RECEIVED_TARGET_ABORT | STATUS_RECEIVED_MASTER_ABORT
            | STATUS_SIGNALED_SYSTEM_ERROR | STATUS_DETECTED_PARITY_ERROR;

    /** Header Type bit 7: the device has more functions than function 0 (PCI 3.0 6.2.1). */
    static final int MULTIFUNCTION = 0x80;
    /** PCI 3.0 6.7: capabilities live after the predefined header. */
    static final int FIRST_CAPABILITY_OFFSET = 0x40;

    private final PciConfigSpace config = new PciConfigSpace();
    private final PciBar[] bars = new PciBar[BAR_COUNT];
    private final long[] reportedBase = new long[BAR_COUNT];
    private BarListener barListener = BarListener.NONE;
    private int lastCapability;

    /**
     * A function with the given identity.
     *
     * @param vendorId       16-bit vendor ID
     * @param deviceId       16-bit device ID
     * @param revision       8-bit revision ID
     * @param classCode      24-bit class code: base class, sub-class, programming interface
     * @param multifunction  sets Header Type bit 7 (meaningful on function 0)
     */
    public PciType0Function(int vendorId, int deviceId, int revision, int classCode, boolean multifunction) {
        config.init(VENDOR_ID, 2, vendorId);
        config.init(DEVICE_ID, 2, deviceId);
        config.init(REVISION_ID, 1, revision);
        config.init(CLASS_CODE, 3, classCode);
        config.init(HEADER_TYPE, 1, multifunction ? MULTIFUNCTION : 0);
        config.makeWritable(COMMAND, 2, COMMAND_WRITABLE);
        config.makeWriteOneToClear(STATUS, 2, STATUS_WRITE_ONE_TO_CLEAR);
        config.makeWritable(CACHE_LINE_SIZE, 1, 0xFF);
        config.makeWritable(INTERRUPT_LINE, 1, 0xFF);
        Arrays.fill(reportedBase, BarListener.UNMAPPED);
    }

    /** The raw configuration space, for device-specific registers and power-on defaults. */
    public PciConfigSpace config() {
        return config;
    }

    /**
     * Declares BAR {@code index}; a 64-bit memory BAR also takes register {@code index + 1}.
     *
     * @throws IllegalArgumentException if the registers are out of range or already used
     */
    public void defineBar(int index, PciBar bar) {
        int last = index + bar.registerCount() - 1;
        if (index < 0 || last >= BAR_COUNT || bars[index] != null || isHighHalfOf64(index)
                || (last != index && bars[last] != null)) {
            throw new IllegalArgumentException("BAR " + index + " (" + bar.kind() + ") does not fit");
        }
        bars[index] = bar;
        int offset = BAR0 + 4 * index;
        long mask = bar.addressMask();
        config.init(offset, 4, bar.flagBits());
        config.makeWritable(offset, 4, (int) mask);
        if (last != index) {
            config.makeWritable(offset + 4, 4, (int) (mask >>> 32));
        }
    }

    /** Sets the read-only Interrupt Pin: 0 none, 1..4 for INTA#..INTD# (PCI 3.0 6.2.4). */
    public void setInterruptPin(int pin) {
        config.init(INTERRUPT_PIN, 1, pin);
    }

    /**
     * Appends a capability with ID {@code capabilityId} at {@code offset} (dword aligned, at
     * least 0x40, above the previous capability) to the list, and sets Status bit 4. The device fills in the rest of its
     * structure through {@link #config()}.
     */
    public void addCapability(int offset, int capabilityId) {
        if (offset < FIRST_CAPABILITY_OFFSET || offset > PciConfigSpace.SIZE - 4 || (offset & 3) != 0
                || offset <= lastCapability) {
            throw new IllegalArgumentException("capability offset 0x" + Integer.toHexString(offset));
        }
        config.init(offset, 1, capabilityId);
        config.init(offset + 1, 1, 0);
        config.init(lastCapability == 0 ? CAPABILITIES_POINTER : lastCapability + 1, 1, offset);
        config.init(STATUS, 2, config.read(STATUS, 2) | STATUS_CAPABILITIES_LIST);
        lastCapability = offset;
    }

    /** Where BAR changes are reported. */
    public void setBarListener(BarListener listener) {
        barListener = listener;
    }

    /** Device-side report of an event in Status (e.g. a master abort); the guest clears it. */
    public void raiseStatus(int bits) {
        config.setBits(STATUS, 2, bits);
    }

    /** The current Command register. */
    public int command() {
        return config.read(COMMAND, 2);
    }

    /** True when Command enables bus mastering, so the device may do DMA. */
    public boolean busMasterEnabled() {
        return (command() & COMMAND_BUS_MASTER) != 0;
    }

    /** True when Command bit 10 masks the function's INTx# (PCI 3.0 6.2.2). */
    public boolean interruptDisabled() {
        return (command() & COMMAND_INTERRUPT_DISABLE) != 0;
    }

    /** The base address programmed in BAR {@code index}, without the flag bits. */
    public long barAddress(int index) {
        PciBar bar = bars[index];
        if (bar == null) {
            return 0;
        }
        int offset = BAR0 + 4 * index;
        long low = config.read(offset, 4) & 0xFFFF_FFFFL;
        long high = bar.kind() == PciBar.Kind.MEMORY_64 ? (config.read(offset + 4, 4) & 0xFFFF_FFFFL) << 32 : 0;
        return (high | low) & bar.addressMask();
    }

    /** PCI RST#: every register returns to its power-on value; BARs stop decoding if disabled. */
    public void reset() {
        config.reset();
        reportBarChanges();
    }

    /** The function's saved state: its configuration bytes. */
    public PciConfigState saveState() {
        return new PciConfigState(config.snapshot());
    }

    /** Restores {@link #saveState()} output and tells the BAR listener where the BARs now decode. */
    public void restoreState(PciConfigState state) {
        config.restore(state.bytes());
        reportBarChanges();
    }

    @Override
    public int configRead(int offset, int size) {
        return config.read(offset, size);
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        config.write(offset, size, value);
        if (offset < BAR0 + 4 * BAR_COUNT && offset + size > COMMAND) {
            reportBarChanges();
        }
    }

    private void reportBarChanges() {
        int command = command();
        for (int i = 0; i < BAR_COUNT; i++) {
            PciBar bar = bars[i];
            if (bar == null) {
                continue;
            }
            boolean decoding = (command & (bar.isMemory() ? COMMAND_MEMORY : COMMAND_IO)) != 0;
            long base = decoding ? barAddress(i) : BarListener.UNMAPPED;
            if (base != reportedBase[i]) {
                reportedBase[i] = base;
                barListener.barMoved(i, bar, base);
            }
        }
    }

    private boolean isHighHalfOf64(int index) {
        return index > 0 && bars[index - 1] != null && bars[index - 1].registerCount() == 2;
    }
}
