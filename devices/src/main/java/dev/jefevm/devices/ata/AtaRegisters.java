package dev.jefevm.devices.ata;

/**
 * Register layout and bit names of the ATA task file (ATA/ATAPI-8 ACS and ATA8-APT): the eight
 * Command Block registers at offsets 0-7 of a channel's command ports, the Device Control /
 * Alternate Status register of its control port, and the bits of Status, Error, Device and
 * Device Control. Shared by the drive, the channel and their tests.
 */
public final class AtaRegisters {

    // ATA8-APT 6.1: Command Block register offsets (read name / write name).
    public static final int DATA = 0, ERROR_FEATURES = 1, SECTOR_COUNT = 2, LBA_LOW = 3, LBA_MID = 4,
            LBA_HIGH = 5, DEVICE = 6, STATUS_COMMAND = 7;
    /** Number of Command Block ports (0x1F0-0x1F7). */
    public static final int COMMAND_BLOCK_PORTS = 8;

    // ATA8-ACS 6.1 (Status field): BSY, DRDY, DF, DSC (ATA-3 name of bit 4), DRQ, ERR.
    public static final int STATUS_BSY = 0x80, STATUS_DRDY = 0x40, STATUS_DF = 0x20, STATUS_DSC = 0x10,
            STATUS_DRQ = 0x08, STATUS_ERR = 0x01;

    // ATA8-ACS 6.2 (Error field): UNC uncorrectable data, IDNF address not found, ABRT aborted.
    public static final int ERROR_UNC = 0x40, ERROR_IDNF = 0x10, ERROR_ABRT = 0x04;
    /** Diagnostic code after reset or EXECUTE DEVICE DIAGNOSTIC: device 0 passed (ATA8-ACS table 30). */
    public static final int DIAGNOSTIC_PASSED = 0x01;

    // ATA8-APT Device register: bit 6 LBA addressing, bit 4 DEV (device 1 selected).
    public static final int DEVICE_LBA = 0x40, DEVICE_DEV = 0x10;

    // ATA8-APT Device Control register: HOB (read back the previous byte), SRST, nIEN.
    public static final int CONTROL_HOB = 0x80, CONTROL_SRST = 0x04, CONTROL_NIEN = 0x02;

    private AtaRegisters() {
    }
}
