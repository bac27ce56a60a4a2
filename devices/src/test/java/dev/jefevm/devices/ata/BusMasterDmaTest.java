package dev.jefevm.devices.ata;

import static dev.jefevm.devices.ata.AtaRegisters.STATUS_BSY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRDY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_ERR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BusMasterDmaTest {

    private static final long PRD_TABLE = 0x1000;
    private static final int START = BusMaster.COMMAND_START, TO_MEMORY = BusMaster.COMMAND_READ_WRITE;
    private static final int ACTIVE = BusMaster.STATUS_ACTIVE, INTERRUPT = BusMaster.STATUS_INTERRUPT;
    // Three regions: one that crosses the 64 KiB boundary at 0x30000, a full 64 KiB one (count 0),
    // and a last one of 0x600 bytes: 0x800 + 0x10000 + 0x600 = 135 sectors.
    private static final long[] REGIONS = {0x2_FC00, 0x800, 0x5_0000, 0, 0x8_0000, 0x600};
    private static final int SECTORS = 135;

    private final IdeHarness h = new IdeHarness(new MemoryDisk(16L << 20));

    private byte[] memoryOfRegions() {
        byte[] out = new byte[SECTORS * 512];
        h.memory.readBytes(0x2_FC00, out, 0, 0x800);
        h.memory.readBytes(0x5_0000, out, 0x800, 0x10000);
        h.memory.readBytes(0x8_0000, out, 0x10800, 0x600);
        return out;
    }

    private void startBusMaster(int direction) {
        h.busMasterWrite(BusMaster.PRD_POINTER, 4, (int) PRD_TABLE);
        h.busMasterWrite(BusMaster.STATUS, 1, INTERRUPT | BusMaster.STATUS_ERROR);
        h.busMasterWrite(BusMaster.COMMAND, 1, direction | START);
    }

    @Test
    void readDma_threeEntryTableAcross64KiB_fillsEveryRegionAndInterrupts() {
        h.disk.fillPattern(500, SECTORS);
        h.prdTable(PRD_TABLE, REGIONS);

        h.command28(AtaCommand.READ_DMA, 500, SECTORS);
        startBusMaster(TO_MEMORY);
        int whileReading = h.altStatus();
        h.settle();

        assertEquals(STATUS_BSY, whileReading & STATUS_BSY);
        assertArrayEquals(IdeHarness.patternBytes(500, SECTORS), memoryOfRegions());
        assertEquals(INTERRUPT, h.busMasterRead(BusMaster.STATUS, 1) & (INTERRUPT | ACTIVE));
        assertTrue(h.irq);
        assertEquals(STATUS_DRDY, h.status() & (STATUS_DRDY | STATUS_BSY | STATUS_ERR));
    }

    @Test
    void writeDma_threeEntryTable_writesTheGatheredMemory() {
        byte[] data = IdeHarness.patternBytes(3, SECTORS);
        h.memory.writeBytes(0x2_FC00, data, 0, 0x800);
        h.memory.writeBytes(0x5_0000, data, 0x800, 0x10000);
        h.memory.writeBytes(0x8_0000, data, 0x10800, 0x600);
        h.prdTable(PRD_TABLE, REGIONS);

        h.command48(AtaCommand.WRITE_DMA_EXT, 2000, SECTORS);
        startBusMaster(0);
        h.settle();

        for (int s = 0; s < SECTORS; s++) {
            assertArrayEquals(Arrays.copyOfRange(data, s * 512, s * 512 + 512), h.disk.sector(2000 + s), "sector " + s);
        }
        assertTrue(h.irq);
        assertEquals(INTERRUPT, h.busMasterRead(BusMaster.STATUS, 1) & (INTERRUPT | ACTIVE));
    }

    @Test
    void readDma_startBeforeCommand_stillTransfers() {
        h.disk.fillPattern(0, 1);
        h.prdTable(PRD_TABLE, 0x9000, 512);

        startBusMaster(TO_MEMORY);
        h.command28(AtaCommand.READ_DMA, 0, 1);
        h.settle();

        byte[] got = new byte[512];
        h.memory.readBytes(0x9000, got, 0, 512);
        assertArrayEquals(IdeHarness.patternBytes(0, 1), got);
    }

    @Test
    void readDma_dataReadyBeforeStart_waitsForStart() {
        h.disk.fillPattern(0, 1);
        h.prdTable(PRD_TABLE, 0x9000, 512);

        h.command28(AtaCommand.READ_DMA, 0, 1);
        h.settle();
        boolean interruptBeforeStart = h.irq;
        startBusMaster(TO_MEMORY);

        assertFalse(interruptBeforeStart);
        assertTrue(h.irq);
    }

    @Test
    void readDma_intoACodePage_tellsTheCodeWriteListener() {
        java.util.List<Long> invalidated = new java.util.ArrayList<>();
        h.memory.setCodeWriteListener(invalidated::add);
        h.memory.markCodePage(0x9);
        h.prdTable(PRD_TABLE, 0x9000, 512);

        h.command28(AtaCommand.READ_DMA, 0, 1);
        startBusMaster(TO_MEMORY);
        h.settle();

        assertEquals(java.util.List.of(0x9L), invalidated);
    }

    @Test
    void readDma_tableLargerThanTransfer_leavesActiveSet() {
        h.prdTable(PRD_TABLE, 0x9000, 0x1000);

        h.command28(AtaCommand.READ_DMA, 0, 1);
        startBusMaster(TO_MEMORY);
        h.settle();

        assertEquals(INTERRUPT | ACTIVE, h.busMasterRead(BusMaster.STATUS, 1) & (INTERRUPT | ACTIVE));
    }

    @Test
    void readDma_tableSmallerThanTransfer_setsErrorAndAborts() {
        h.prdTable(PRD_TABLE, 0x9000, 512);

        h.command28(AtaCommand.READ_DMA, 0, 2);
        startBusMaster(TO_MEMORY);
        h.settle();

        assertEquals(BusMaster.STATUS_ERROR, h.busMasterRead(BusMaster.STATUS, 1) & (BusMaster.STATUS_ERROR | ACTIVE));
        assertEquals(AtaRegisters.ERROR_ABRT, h.error());
    }

    @Test
    void readDma_withoutBusMasterEnable_movesNothing() {
        h.ide.configWrite(0x04, 2, 0x0001);
        h.prdTable(PRD_TABLE, 0x9000, 512);

        h.command28(AtaCommand.READ_DMA, 0, 1);
        startBusMaster(TO_MEMORY);
        h.settle();

        assertFalse(h.irq);
        assertEquals(STATUS_BSY, h.altStatus() & STATUS_BSY);
    }

    @Test
    void interruptBit_isWriteOneToClearAndDmaCapableBitsKeepWhatIsWritten() {
        h.nonData(AtaCommand.FLUSH_CACHE, 0, 0);
        h.settle();
        int before = h.busMasterRead(BusMaster.STATUS, 1);

        h.busMasterWrite(BusMaster.STATUS, 1, before); // read-modify-write, as drivers do

        assertEquals(INTERRUPT, before & INTERRUPT);
        assertEquals(0, h.busMasterRead(BusMaster.STATUS, 1) & INTERRUPT);
        assertEquals(BusMaster.STATUS_DRIVE0_DMA, h.busMasterRead(BusMaster.STATUS, 1) & BusMaster.STATUS_DRIVE0_DMA);
    }

    @Test
    void prdPointer_keepsBits31To2() {
        h.busMasterWrite(BusMaster.PRD_POINTER, 4, 0x1234_5677);

        assertEquals(0x1234_5674, h.busMasterRead(BusMaster.PRD_POINTER, 4));
    }

    @Test
    void secondaryChannelRegisters_areAtOffset8() {
        h.busMasterWrite(8 + BusMaster.PRD_POINTER, 4, 0x4000);

        assertEquals(0x4000, h.busMasterRead(8 + BusMaster.PRD_POINTER, 4));
        assertEquals(0, h.busMasterRead(BusMaster.PRD_POINTER, 4));
    }
}
