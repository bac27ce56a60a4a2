package dev.jefevm.devices.ata;

import static dev.jefevm.devices.ata.AtaRegisters.ERROR_ABRT;
import static dev.jefevm.devices.ata.AtaRegisters.ERROR_IDNF;
import static dev.jefevm.devices.ata.AtaRegisters.ERROR_UNC;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_BSY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRDY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRQ;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_ERR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AtaPioTest {

    private static final long DISK_SIZE = 64L << 20; // 131072 sectors

    private final IdeHarness h = new IdeHarness(new MemoryDisk(DISK_SIZE));

    @Test
    void readSectors_oneSector_isBusyThenPresentsTheSectorWithDrq() {
        h.disk.fillPattern(100, 1);

        h.command28(AtaCommand.READ_SECTORS, 100, 1);
        int whileBusy = h.altStatus();
        h.settle();

        assertEquals(STATUS_BSY, whileBusy & (STATUS_BSY | STATUS_DRQ));
        assertEquals(STATUS_DRDY | STATUS_DRQ, h.altStatus() & (STATUS_DRDY | STATUS_DRQ | STATUS_BSY));
        assertArrayEquals(IdeHarness.patternBytes(100, 1), h.readData(512));
        assertEquals(0, h.status() & (STATUS_DRQ | STATUS_BSY | STATUS_ERR));
    }

    @Test
    void readSectors_countZero_transfers256SectorsWithAnInterruptPerSector() {
        h.disk.fillPattern(1000, 256);

        h.command28(AtaCommand.READ_SECTORS, 1000, 0);
        h.settle();
        byte[] data = new byte[256 * 512];
        for (int s = 0; s < 256; s++) {
            assertTrue(h.irq, "sector " + s + " announced");
            h.status(); // acknowledge
            System.arraycopy(h.readData(512), 0, data, s * 512, 512);
        }

        assertArrayEquals(IdeHarness.patternBytes(1000, 256), data);
        assertEquals(256, h.irqEdges);
        assertFalse(h.irq);
        assertEquals(0, h.status() & STATUS_DRQ);
    }

    @Test
    void writeSectors_oneSector_reachesTheDiskAndInterruptsAtTheEnd() {
        byte[] sector = IdeHarness.patternBytes(5, 1);

        h.command28(AtaCommand.WRITE_SECTORS, 77, 1);
        boolean drqWithoutInterrupt = (h.altStatus() & STATUS_DRQ) != 0 && !h.irq;
        h.writeData(sector);
        int whileWriting = h.altStatus();
        h.settle();

        assertTrue(drqWithoutInterrupt, "the first block is requested without an interrupt");
        assertEquals(STATUS_BSY, whileWriting & STATUS_BSY);
        assertArrayEquals(sector, h.disk.sector(77));
        assertTrue(h.irq);
        assertEquals(STATUS_DRDY, h.status() & (STATUS_DRDY | STATUS_BSY | STATUS_DRQ | STATUS_ERR));
    }

    @Test
    void writeSectors_256Sectors_writesThemAll() {
        byte[] data = IdeHarness.patternBytes(9, 256);

        h.command28(AtaCommand.WRITE_SECTORS, 300, 0);
        for (int s = 0; s < 256; s++) {
            h.status();
            h.writeData(Arrays.copyOfRange(data, s * 512, s * 512 + 512));
        }
        h.settle();

        for (int s = 0; s < 256; s++) {
            assertArrayEquals(Arrays.copyOfRange(data, s * 512, s * 512 + 512), h.disk.sector(300 + s), "sector " + s);
        }
        assertEquals(0, h.status() & STATUS_ERR);
    }

    @Test
    void readSectorsExt_lba48_readsAboveThe28BitLimit() {
        IdeHarness big = new IdeHarness(new MemoryDisk(1L << 40)); // 2^31 sectors
        long lba = (1L << 30) + 5;
        big.disk.fillPattern(lba, 2);

        big.command48(AtaCommand.READ_SECTORS_EXT, lba, 2);
        big.settle();
        byte[] first = big.readData(512);
        big.status();
        byte[] second = big.readData(512);

        assertArrayEquals(IdeHarness.patternBytes(lba, 1), first);
        assertArrayEquals(IdeHarness.patternBytes(lba + 1, 1), second);
    }

    @Test
    void writeSectorsExt_lba48_writesWhereTheHighOrderBytesPoint() {
        IdeHarness big = new IdeHarness(new MemoryDisk(1L << 40));
        long lba = (3L << 28) + 17;
        byte[] sector = IdeHarness.patternBytes(1, 1);

        big.command48(AtaCommand.WRITE_SECTORS_EXT, lba, 1);
        big.writeData(sector);
        big.settle();

        assertArrayEquals(sector, big.disk.sector(lba));
    }

    @Test
    void readMultiple_withMultipleCountFour_interruptsOncePerFourSectors() {
        h.disk.fillPattern(40, 10);
        h.nonData(AtaCommand.SET_MULTIPLE_MODE, 0, 4);
        h.status();
        h.irqEdges = 0;

        h.command28(AtaCommand.READ_MULTIPLE, 40, 10);
        h.settle();
        byte[] data = new byte[10 * 512];
        int[] blocks = {4, 4, 2};
        int at = 0;
        for (int sectors : blocks) {
            assertTrue(h.irq);
            h.status();
            System.arraycopy(h.readData(sectors * 512), 0, data, at, sectors * 512);
            at += sectors * 512;
        }

        assertArrayEquals(IdeHarness.patternBytes(40, 10), data);
        assertEquals(3, h.irqEdges);
    }

    @Test
    void writeMultipleExt_withMultipleCountTwo_requestsBlocksOfTwoSectors() {
        byte[] data = IdeHarness.patternBytes(60, 5);
        h.nonData(AtaCommand.SET_MULTIPLE_MODE, 0, 2);
        h.status();
        h.irqEdges = 0;

        h.command48(AtaCommand.WRITE_MULTIPLE_EXT, 700, 5);
        int[] blocks = {2, 2, 1};
        int at = 0;
        for (int sectors : blocks) {
            assertEquals(STATUS_DRQ, h.status() & STATUS_DRQ);
            h.writeData(Arrays.copyOfRange(data, at, at + sectors * 512));
            at += sectors * 512;
        }
        h.settle();

        assertEquals(3, h.irqEdges); // two more blocks requested, then the end of the command
        for (int s = 0; s < 5; s++) {
            assertArrayEquals(Arrays.copyOfRange(data, s * 512, s * 512 + 512), h.disk.sector(700 + s));
        }
    }

    @Test
    void readMultiple_beforeSetMultipleMode_aborts() {
        h.command28(AtaCommand.READ_MULTIPLE, 0, 1);

        assertEquals(STATUS_ERR, h.status() & STATUS_ERR);
        assertEquals(ERROR_ABRT, h.error());
    }

    @Test
    void setMultipleMode_unsupportedBlockSize_aborts() {
        h.nonData(AtaCommand.SET_MULTIPLE_MODE, 0, 3);

        assertEquals(ERROR_ABRT, h.error());
    }

    @Test
    void readSectors_pastTheEndOfTheDisk_endsWithIdnf() {
        h.command28(AtaCommand.READ_SECTORS, DISK_SIZE / 512 - 1, 2);

        assertTrue(h.irq);
        assertEquals(STATUS_DRDY | STATUS_ERR, h.status() & (STATUS_DRDY | STATUS_ERR | STATUS_DRQ | STATUS_BSY));
        assertEquals(ERROR_IDNF, h.error());
    }

    @Test
    void readSectors_chsAddress_readsTheTranslatedSector() {
        // Default geometry: 16 heads, 63 sectors. C=2 H=3 S=4 -> (2*16+3)*63 + 3 = 2208.
        h.disk.fillPattern(2208, 1);

        h.set(AtaRegisters.SECTOR_COUNT, 1);
        h.set(AtaRegisters.LBA_LOW, 4);
        h.set(AtaRegisters.LBA_MID, 2);
        h.set(AtaRegisters.LBA_HIGH, 0);
        h.set(AtaRegisters.DEVICE, 3);
        h.set(AtaRegisters.STATUS_COMMAND, AtaCommand.READ_SECTORS);
        h.settle();

        assertArrayEquals(IdeHarness.patternBytes(2208, 1), h.readData(512));
    }

    @Test
    void readSectors_chsSectorZero_endsWithIdnf() {
        h.set(AtaRegisters.SECTOR_COUNT, 1);
        h.set(AtaRegisters.LBA_LOW, 0);
        h.set(AtaRegisters.DEVICE, 0);
        h.set(AtaRegisters.STATUS_COMMAND, AtaCommand.READ_SECTORS);

        assertEquals(ERROR_IDNF, h.error());
    }

    @Test
    void readSectors_imageFailure_endsWithUncAndNoException() {
        h.disk.failing = true;

        h.command28(AtaCommand.READ_SECTORS, 0, 1);
        h.settle();

        assertEquals(STATUS_ERR, h.status() & (STATUS_ERR | STATUS_DRQ | STATUS_BSY));
        assertEquals(ERROR_UNC, h.error());
    }

    @Test
    void writeSectors_imageFailure_endsWithAbrt() {
        h.disk.failing = true;

        h.command28(AtaCommand.WRITE_SECTORS, 0, 1);
        h.writeData(new byte[512]);
        h.settle();

        assertEquals(STATUS_ERR, h.status() & STATUS_ERR);
        assertEquals(ERROR_ABRT, h.error());
    }

    @Test
    void writeSectors_readOnlyDisk_aborts() {
        IdeHarness ro = new IdeHarness(new MemoryDisk(1 << 20).makeReadOnly());

        ro.command28(AtaCommand.WRITE_SECTORS, 0, 1);

        assertEquals(ERROR_ABRT, ro.error());
        assertEquals(0, ro.status() & STATUS_DRQ);
    }

    @Test
    void flushCache_reachesTheDeviceThenInterrupts() {
        h.nonData(AtaCommand.FLUSH_CACHE_EXT, 0, 0);
        int whileFlushing = h.altStatus();
        h.settle();

        assertEquals(STATUS_BSY, whileFlushing & STATUS_BSY);
        assertEquals(1, h.disk.flushes);
        assertTrue(h.irq);
        assertEquals(0, h.status() & STATUS_ERR);
    }

    @Test
    void writeSectors_withWriteCacheDisabled_flushesBeforeCompleting() {
        h.nonData(AtaCommand.SET_FEATURES, AtaCommand.FEATURE_DISABLE_WRITE_CACHE, 0);

        h.command28(AtaCommand.WRITE_SECTORS, 1, 1);
        h.writeData(new byte[512]);
        h.settle();

        assertEquals(1, h.disk.flushes);
    }

    @Test
    void unknownCommand_aborts() {
        h.nonData(0x00, 0, 0); // NOP: ATA8-ACS 7.19 always aborts

        assertEquals(ERROR_ABRT, h.error());
        assertEquals(STATUS_ERR, h.status() & STATUS_ERR);
    }

    @Test
    void hob_readsBackThePreviouslyWrittenByte() {
        h.set(AtaRegisters.SECTOR_COUNT, 0x12);
        h.set(AtaRegisters.SECTOR_COUNT, 0x34);

        int current = h.ports().read(AtaRegisters.SECTOR_COUNT, 1);
        h.deviceControl(AtaRegisters.CONTROL_HOB);
        int previous = h.ports().read(AtaRegisters.SECTOR_COUNT, 1);

        assertEquals(0x34, current);
        assertEquals(0x12, previous);
    }
}
