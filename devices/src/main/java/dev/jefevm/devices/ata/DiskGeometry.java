package dev.jefevm.devices.ata;

/**
 * The logical CHS geometry a disk reports in IDENTIFY DEVICE words 1, 3 and 6 (ATA/ATAPI-6
 * annex B, "Device determination of cylinder, head, and sector values"): 16 heads of 63 sectors,
 * and as many cylinders as fit, at most 16383 (disks of 8 GiB and more report 16383).
 *
 * @param cylinders       logical cylinders, 1..16383
 * @param heads           logical heads, 1..16
 * @param sectorsPerTrack logical sectors per track, 1..63
 */
record DiskGeometry(int cylinders, int heads, int sectorsPerTrack) {

    static final int MAX_CYLINDERS = 16383, DEFAULT_HEADS = 16, DEFAULT_SECTORS_PER_TRACK = 63;

    /** The default geometry of a disk of {@code sectors} 512-byte sectors. */
    static DiskGeometry forCapacity(long sectors) {
        long cylinders = sectors / (DEFAULT_HEADS * DEFAULT_SECTORS_PER_TRACK);
        return new DiskGeometry((int) Math.clamp(cylinders, 1, MAX_CYLINDERS), DEFAULT_HEADS, DEFAULT_SECTORS_PER_TRACK);
    }

    /** Sectors addressable through this geometry (IDENTIFY words 57-58). */
    long capacity() {
        return (long) cylinders * heads * sectorsPerTrack;
    }

    /**
     * The LBA of cylinder/head/sector (sectors count from 1), or -1 if the address lies outside
     * the geometry.
     */
    long toLba(int cylinder, int head, int sector) {
        if (cylinder >= cylinders || head >= heads || sector < 1 || sector > sectorsPerTrack) {
            return -1;
        }
        return ((long) cylinder * heads + head) * sectorsPerTrack + sector - 1;
    }
}
