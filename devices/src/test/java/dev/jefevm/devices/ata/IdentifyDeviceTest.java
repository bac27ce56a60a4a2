package dev.jefevm.devices.ata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifyDeviceTest {

    private static int[] identify(IdeHarness h) {
        h.nonData(AtaCommand.IDENTIFY_DEVICE, 0, 0);
        h.status();
        byte[] bytes = h.readData(512);
        int[] words = new int[256];
        for (int i = 0; i < 256; i++) {
            words[i] = (bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] & 0xFF) << 8;
        }
        return words;
    }

    // ATA strings: two characters per word, the first in bits 15:8.
    private static String string(int[] words, int first, int count) {
        byte[] chars = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            chars[2 * i] = (byte) (words[first + i] >> 8);
            chars[2 * i + 1] = (byte) words[first + i];
        }
        return new String(chars, StandardCharsets.US_ASCII).trim();
    }

    @Test
    void identify_smallDisk_reportsModelCapacityAndChsGeometry() {
        int[] w = identify(new IdeHarness(new MemoryDisk(64L << 20)));

        assertEquals(0x0040, w[0]);
        assertEquals("JefeVM HARDDISK", string(w, 27, 20));
        assertEquals("JEFEVM-1", string(w, 10, 10));
        assertEquals(IdentifyData.FIRMWARE, string(w, 23, 4));
        assertEquals(131072, w[60] | w[61] << 16);
        assertEquals(130, w[1]); // 131072 / (16 * 63)
        assertEquals(16, w[3]);
        assertEquals(63, w[6]);
        assertEquals(130 * 16 * 63, w[57] | w[58] << 16);
    }

    @Test
    void identify_advertisesLbaDma48BitAndFlushCacheExt() {
        int[] w = identify(new IdeHarness(new MemoryDisk(64L << 20)));

        assertEquals(0x0300, w[49] & 0x0300);
        assertEquals(0x8000 | IdentifyData.MAX_MULTIPLE, w[47]);
        assertTrue((w[83] & (1 << 10)) != 0, "48-bit address feature set");
        assertTrue((w[83] & (1 << 13)) != 0, "FLUSH CACHE EXT");
        assertTrue((w[86] & (1 << 10)) != 0, "48-bit enabled");
        assertTrue((w[80] & (1 << 8)) != 0, "ATA8-ACS");
        assertEquals(0x4000, w[93] & 0xC000);
    }

    @Test
    void identify_largeDisk_capsLba28AndReportsFullLba48Capacity() {
        long sectors = 1L << 31;
        int[] w = identify(new IdeHarness(new MemoryDisk(sectors * 512)));

        assertEquals(0x0FFF_FFFF, w[60] | w[61] << 16);
        assertEquals(sectors, (long) w[100] | (long) w[101] << 16 | (long) w[102] << 32 | (long) w[103] << 48);
        assertEquals(16383, w[1]);
    }

    @Test
    void identify_checksumWordMakesTheBytesSumToZero() {
        IdeHarness h = new IdeHarness(new MemoryDisk(1 << 20));
        h.nonData(AtaCommand.IDENTIFY_DEVICE, 0, 0);
        byte[] bytes = h.readData(512);

        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }

        assertEquals(0xA5, bytes[510] & 0xFF);
        assertEquals(0, sum & 0xFF);
    }

    @Test
    void identify_afterSetMultipleAndWriteCacheOff_reportsTheSettings() {
        IdeHarness h = new IdeHarness(new MemoryDisk(1 << 20));
        h.nonData(AtaCommand.SET_MULTIPLE_MODE, 0, 8);
        h.nonData(AtaCommand.SET_FEATURES, AtaCommand.FEATURE_DISABLE_WRITE_CACHE, 0);
        h.nonData(AtaCommand.SET_FEATURES, AtaCommand.FEATURE_SET_TRANSFER_MODE, TransferMode.ULTRA_DMA | 5);

        int[] w = identify(h);

        assertEquals(0x0108, w[59]);
        assertEquals(0, w[85] & (1 << 5));
        assertEquals(0x2000 | 0x003F, w[88]);
    }

    @Test
    void identify_raisesTheInterruptAndAStatusReadClearsIt() {
        IdeHarness h = new IdeHarness(new MemoryDisk(1 << 20));

        h.nonData(AtaCommand.IDENTIFY_DEVICE, 0, 0);
        boolean raised = h.irq;
        int alt = h.altStatus();
        boolean stillRaisedAfterAltStatus = h.irq;
        h.status();

        assertTrue(raised);
        assertTrue(stillRaisedAfterAltStatus, "Alternate Status does not acknowledge");
        assertEquals(AtaRegisters.STATUS_DRQ, alt & AtaRegisters.STATUS_DRQ);
        assertEquals(false, h.irq);
    }
}
