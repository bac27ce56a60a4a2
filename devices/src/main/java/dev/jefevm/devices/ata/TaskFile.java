package dev.jefevm.devices.ata;

/**
 * The shadow Command Block registers of one ATA channel, which both devices latch on every write
 * (ATA8-APT 6.1): Features, Count and the three LBA registers each keep the byte written before
 * the last one (the "previous content" that 48-bit commands take as bits 15:8 of Count and
 * 47:24 of the LBA, ATA8-ACS 4.13.3), read back with Device Control's HOB bit; and the Device
 * register. Decodes the command's address as LBA28, LBA48 or CHS and its sector count.
 */
final class TaskFile {

    int features, previousFeatures;
    int count, previousCount;
    int lbaLow, previousLbaLow;
    int lbaMid, previousLbaMid;
    int lbaHigh, previousLbaHigh;
    int device;

    /** A guest write of {@code value} (8 bits) to Command Block register {@code register} 1-6. */
    void write(int register, int value) {
        value &= 0xFF;
        switch (register) {
            case AtaRegisters.ERROR_FEATURES -> {
                previousFeatures = features;
                features = value;
            }
            case AtaRegisters.SECTOR_COUNT -> {
                previousCount = count;
                count = value;
            }
            case AtaRegisters.LBA_LOW -> {
                previousLbaLow = lbaLow;
                lbaLow = value;
            }
            case AtaRegisters.LBA_MID -> {
                previousLbaMid = lbaMid;
                lbaMid = value;
            }
            case AtaRegisters.LBA_HIGH -> {
                previousLbaHigh = lbaHigh;
                lbaHigh = value;
            }
            case AtaRegisters.DEVICE -> device = value;
            default -> { }
        }
    }

    /** Register 2-6 as the guest reads it; {@code hob} selects the previous byte of 2-5. */
    int read(int register, boolean hob) {
        return switch (register) {
            case AtaRegisters.SECTOR_COUNT -> hob ? previousCount : count;
            case AtaRegisters.LBA_LOW -> hob ? previousLbaLow : lbaLow;
            case AtaRegisters.LBA_MID -> hob ? previousLbaMid : lbaMid;
            case AtaRegisters.LBA_HIGH -> hob ? previousLbaHigh : lbaHigh;
            case AtaRegisters.DEVICE -> device;
            default -> 0xFF;
        };
    }

    /** True if the Device register selects device 1. */
    boolean device1Selected() {
        return (device & AtaRegisters.DEVICE_DEV) != 0;
    }

    /** Sectors of a 28-bit command: Count 0 means 256 (ATA8-ACS 7.36.3). */
    int count28() {
        return count == 0 ? 256 : count;
    }

    /** Sectors of a 48-bit command: Count bits 15:0, 0 means 65536 (ATA8-ACS 7.37.3). */
    int count48() {
        int c = (previousCount << 8) | count;
        return c == 0 ? 65536 : c;
    }

    /**
     * The starting sector of a 28-bit command: LBA bits 27:24 from the Device register when its
     * LBA bit is set, else the CHS address translated through {@code geometry} (-1 if invalid).
     */
    long lba28(DiskGeometry geometry) {
        if ((device & AtaRegisters.DEVICE_LBA) != 0) {
            return ((long) (device & 0x0F) << 24) | (lbaHigh << 16) | (lbaMid << 8) | lbaLow;
        }
        return geometry.toLba((lbaHigh << 8) | lbaMid, device & 0x0F, lbaLow);
    }

    /** The starting sector of a 48-bit command: previous LBA bytes are bits 47:24. */
    long lba48() {
        long high = ((long) previousLbaHigh << 16) | (previousLbaMid << 8) | previousLbaLow;
        long low = ((long) lbaHigh << 16) | (lbaMid << 8) | lbaLow;
        return (high << 24) | low;
    }

    /** Power-on and reset signature of an ATA device (ATA8-ACS 9.12, table 184): Count and LBA Low 01h. */
    void setSignature() {
        count = 1;
        lbaLow = 1;
        lbaMid = 0;
        lbaHigh = 0;
        device = 0;
    }
}
