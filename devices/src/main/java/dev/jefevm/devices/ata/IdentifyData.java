package dev.jefevm.devices.ata;

import java.nio.charset.StandardCharsets;

/**
 * Builds the 256-word IDENTIFY DEVICE block of an ATA disk (ATA/ATAPI-8 ACS 7.16, table 45):
 * general configuration, default and current CHS geometry, serial number, firmware revision and
 * model (ASCII, two characters per word, first character in the high byte), READ/WRITE MULTIPLE
 * limits, LBA and DMA capability, LBA28 and LBA48 capacity, PIO/multiword/Ultra DMA modes,
 * major versions, the supported and enabled command sets (write cache, look-ahead, 48-bit
 * addressing, FLUSH CACHE and FLUSH CACHE EXT), the hardware reset result and the integrity word.
 */
final class IdentifyData {

    static final String MODEL = "JefeVM HARDDISK";
    static final String FIRMWARE = "0.1.0";
    /** Largest DRQ block of READ/WRITE MULTIPLE, in sectors (word 47 bits 7:0). */
    static final int MAX_MULTIPLE = 16;
    /** Highest LBA28 capacity: the 28-bit address space (ATA8-ACS 4.13.2). */
    static final long LBA28_LIMIT = 0x0FFF_FFFFL;
    /** Word 255 bits 7:0: the signature that says bits 15:8 hold a checksum. */
    private static final int INTEGRITY_SIGNATURE = 0xA5;

    private IdentifyData() {
    }

    /** What the drive's current settings contribute to the block. */
    record Settings(int multipleSetting, boolean writeCache, boolean readLookAhead, int transferMode,
            DiskGeometry currentGeometry, boolean device1) {
    }

    /** The 512 bytes of IDENTIFY DEVICE data for a disk of {@code sectors} sectors, little-endian words. */
    static byte[] build(long sectors, String serial, Settings s) {
        int[] w = new int[256];
        DiskGeometry geometry = DiskGeometry.forCapacity(sectors);
        w[0] = 0x0040;                                  // ATA device, fixed (bit 6), not removable
        w[1] = geometry.cylinders();
        w[3] = geometry.heads();
        w[6] = geometry.sectorsPerTrack();
        putString(w, 10, 20, serial);
        putString(w, 23, 8, FIRMWARE);
        putString(w, 27, 40, MODEL);
        w[47] = 0x8000 | MAX_MULTIPLE;                  // bits 15:8 shall be 80h
        w[49] = (1 << 11) | (1 << 10) | (1 << 9) | (1 << 8); // IORDY, IORDY may be disabled, LBA, DMA
        w[50] = 0x4000;                                 // bit 14 shall be one
        w[53] = 0x0007;                                 // words 54-58, 64-70 and 88 are valid
        DiskGeometry current = s.currentGeometry();
        long currentCapacity = Math.min(current.capacity(), sectors);
        w[54] = current.cylinders();
        w[55] = current.heads();
        w[56] = current.sectorsPerTrack();
        w[57] = (int) (currentCapacity & 0xFFFF);
        w[58] = (int) (currentCapacity >>> 16);
        w[59] = s.multipleSetting() == 0 ? 0 : 0x0100 | s.multipleSetting(); // bit 8: setting valid
        long lba28 = Math.min(sectors, LBA28_LIMIT);
        w[60] = (int) (lba28 & 0xFFFF);
        w[61] = (int) (lba28 >>> 16);
        w[63] = 0x0007 | selected(s.transferMode(), TransferMode.MULTIWORD_DMA);  // MWDMA 0-2
        w[64] = 0x0003;                                 // PIO modes 3 and 4
        w[65] = 120;                                    // minimum MWDMA cycle time, ns
        w[66] = 120;                                    // recommended MWDMA cycle time
        w[67] = 120;                                    // minimum PIO cycle time without IORDY
        w[68] = 120;                                    // minimum PIO cycle time with IORDY
        w[80] = 0x01F0;                                 // ATA/ATAPI-4 to ATA8-ACS
        w[82] = (1 << 6) | (1 << 5);                    // look-ahead, write cache
        w[83] = 0x4000 | (1 << 13) | (1 << 12) | (1 << 10); // FLUSH CACHE EXT, FLUSH CACHE, 48-bit
        w[84] = 0x4000;
        w[85] = (s.readLookAhead() ? 1 << 6 : 0) | (s.writeCache() ? 1 << 5 : 0);
        w[86] = (1 << 13) | (1 << 12) | (1 << 10);
        w[87] = 0x4000;
        w[88] = 0x003F | selected(s.transferMode(), TransferMode.ULTRA_DMA);      // UDMA 0-5
        // Word 93 (ATA8-ACS table 45): bit 14 one, bit 13 80-conductor cable; bits 7:0 for
        // device 0 / bits 15:8 for device 1: how it was numbered (jumper) and diagnostics passed.
        w[93] = 0x6000 | (s.device1() ? 0x0B00 : 0x000B);
        w[100] = (int) (sectors & 0xFFFF);
        w[101] = (int) ((sectors >>> 16) & 0xFFFF);
        w[102] = (int) ((sectors >>> 32) & 0xFFFF);
        w[103] = (int) ((sectors >>> 48) & 0xFFFF);
        w[106] = 0x4000;                                // one logical sector per physical sector
        byte[] bytes = new byte[512];
        for (int i = 0; i < 255; i++) {
            bytes[2 * i] = (byte) w[i];
            bytes[2 * i + 1] = (byte) (w[i] >>> 8);
        }
        // ATA8-ACS 7.16.7.86: the checksum is the two's complement of the sum of bytes 0-510.
        int sum = INTEGRITY_SIGNATURE;
        for (int i = 0; i < 510; i++) {
            sum += bytes[i] & 0xFF;
        }
        bytes[510] = (byte) INTEGRITY_SIGNATURE;
        bytes[511] = (byte) -sum;
        return bytes;
    }

    // Bits 15:8 of words 63 and 88 mark the selected mode of that kind.
    private static int selected(int transferMode, int kind) {
        return (transferMode & TransferMode.KIND_MASK) == kind ? 0x100 << (transferMode & TransferMode.MODE_MASK) : 0;
    }

    // ATA8-ACS 3.2.8 / 7.16.7: ATA strings put the first character of each pair in bits 15:8.
    private static void putString(int[] words, int first, int length, String text) {
        byte[] chars = new byte[length];
        java.util.Arrays.fill(chars, (byte) ' ');
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, chars, 0, Math.min(ascii.length, length));
        for (int i = 0; i < length / 2; i++) {
            words[first + i] = ((chars[2 * i] & 0xFF) << 8) | (chars[2 * i + 1] & 0xFF);
        }
    }
}
