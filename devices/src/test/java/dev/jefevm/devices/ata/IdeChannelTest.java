package dev.jefevm.devices.ata;

import static dev.jefevm.devices.ata.AtaRegisters.STATUS_BSY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRDY;
import static dev.jefevm.devices.ata.AtaRegisters.STATUS_DRQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdeChannelTest {

    private final IdeHarness h = new IdeHarness(new MemoryDisk(1 << 20));

    @Test
    void softReset_duringARead_cancelsItAndLeavesTheSignature() {
        h.disk.fillPattern(0, 1);
        h.command28(AtaCommand.READ_SECTORS, 0, 1);

        h.deviceControl(AtaRegisters.CONTROL_SRST);
        int duringReset = h.altStatus();
        h.deviceControl(0);
        h.settle(); // the cancelled read's completion must not revive it

        assertEquals(STATUS_BSY, duringReset & STATUS_BSY);
        assertEquals(STATUS_DRDY, h.status() & (STATUS_DRDY | STATUS_BSY | STATUS_DRQ));
        assertEquals(AtaRegisters.DIAGNOSTIC_PASSED, h.error());
        assertEquals(1, h.ports().read(AtaRegisters.SECTOR_COUNT, 1));
        assertEquals(1, h.ports().read(AtaRegisters.LBA_LOW, 1));
        assertEquals(0, h.ports().read(AtaRegisters.LBA_MID, 1));
        assertEquals(0, h.ports().read(AtaRegisters.LBA_HIGH, 1));
        assertFalse(h.irq);
    }

    @Test
    void commandsWhileBusy_areIgnored() {
        h.nonData(AtaCommand.FLUSH_CACHE, 0, 0);

        h.nonData(AtaCommand.IDENTIFY_DEVICE, 0, 0);
        h.settle();

        assertEquals(0, h.status() & STATUS_DRQ);
        assertEquals(1, h.disk.flushes);
    }

    @Test
    void nIen_holdsTheLineLowUntilCleared() {
        h.deviceControl(AtaRegisters.CONTROL_NIEN);

        h.nonData(AtaCommand.IDENTIFY_DEVICE, 0, 0);
        boolean whileMasked = h.irq;
        h.deviceControl(0);

        assertFalse(whileMasked);
        assertTrue(h.irq, "the pending interrupt shows once nIEN clears");
    }

    @Test
    void selectingAnAbsentDevice1_readsStatusZeroAndIdentifyAborts() {
        h.set(AtaRegisters.DEVICE, AtaRegisters.DEVICE_DEV);
        int before = h.altStatus();

        h.set(AtaRegisters.STATUS_COMMAND, AtaCommand.IDENTIFY_DEVICE);

        assertEquals(0, before);
        assertEquals(AtaRegisters.STATUS_ERR, h.status());
        assertEquals(AtaRegisters.ERROR_ABRT, h.error());
        assertFalse(h.irq);
    }

    @Test
    void emptyChannel_readsStatus7f() {
        IdeHarness empty = new IdeHarness(null);

        assertEquals(0x7F, empty.status());
        assertEquals(0xFF, empty.ports().read(AtaRegisters.LBA_LOW, 1));
    }

    @Test
    void executeDeviceDiagnostic_setsSignatureAndInterrupts() {
        h.set(AtaRegisters.LBA_MID, 0x55);

        h.nonData(AtaCommand.EXECUTE_DEVICE_DIAGNOSTIC, 0, 0);

        assertTrue(h.irq);
        assertEquals(AtaRegisters.DIAGNOSTIC_PASSED, h.error());
        assertEquals(0, h.ports().read(AtaRegisters.LBA_MID, 1));
        assertEquals(1, h.ports().read(AtaRegisters.SECTOR_COUNT, 1));
    }

    @Test
    void legacyPorts_withIdeDecodeDisabled_readAllOnes() {
        h.ide.configWrite(Piix3Ide.IDETIM_PRIMARY, 2, 0);

        assertEquals(0xFF, h.status());
    }

    @Test
    void checkPowerMode_reportsActive() {
        h.nonData(AtaCommand.CHECK_POWER_MODE, 0, 0);

        assertEquals(0xFF, h.ports().read(AtaRegisters.SECTOR_COUNT, 1));
    }

    @Test
    void close_closesAttachedDisks() {
        h.ide.close();

        assertTrue(h.disk.closed);
    }
}
