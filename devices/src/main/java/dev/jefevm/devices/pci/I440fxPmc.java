package dev.jefevm.devices.pci;

/**
 * The identity of the Intel 82441FX PCI and Memory Controller (PMC), the i440FX host bridge at
 * 00:00.0 (82441FX datasheet, PMC configuration
 * register table): vendor 8086h, device 1237h, revision 02h,
 * class 06/00/00 (host bridge), PCICMD 0006h and PCISTS 0280h at power-on. Only the type 0
 * header is modelled: the DRAM, PAM and SMRAM registers from 50h up read as zero and ignore
 * writes, since this board has no shadow ROM or SMM for them to control.
 */
public final class I440fxPmc {

    static final int VENDOR_INTEL = 0x8086, DEVICE_82441FX = 0x1237, REVISION = 0x02;
    static final int CLASS_HOST_BRIDGE = 0x06_00_00;
    private static final int POWER_ON_COMMAND = 0x0006, POWER_ON_STATUS = 0x0280;

    private I440fxPmc() {
    }

    /** A new PMC function at its power-on values. */
    public static PciType0Function create() {
        PciType0Function pmc = new PciType0Function(VENDOR_INTEL, DEVICE_82441FX, REVISION, CLASS_HOST_BRIDGE, false);
        pmc.config().init(PciType0Function.COMMAND, 2, POWER_ON_COMMAND);
        pmc.config().init(PciType0Function.STATUS, 2, POWER_ON_STATUS);
        return pmc;
    }
}
