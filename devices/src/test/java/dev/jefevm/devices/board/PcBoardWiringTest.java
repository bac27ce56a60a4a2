package dev.jefevm.devices.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.SerialInbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcBoardWiringTest {

    private static final long IOREGSEL = 0xFEC0_0000L, IOWIN = 0xFEC0_0010L;

    private final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    private final VirtualClock clock = VirtualClock.deterministic();
    private final List<Integer> exits = new ArrayList<>();
    private final PcBoard board = new PcBoard(memory, clock, silentSerial(), FramebufferGeometry.xrgb8888(64, 32),
            () -> 0L, BootTimingListener.NONE, PcBoard.DEFAULT_RTC_EPOCH_SECONDS, exits::add);

    private static SerialBackend silentSerial() {
        return new SerialBackend() {
            @Override
            public void start(SerialInbox inbox) {
            }

            @Override
            public void write(int b) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** PIT counter 0 in mode 2 (rate generator) with a count of 100 ticks (about 84 us). */
    private void startPitRateGenerator() {
        board.ioWrite(0x43, 1, 0x34);
        board.ioWrite(0x40, 1, 100);
        board.ioWrite(0x40, 1, 0);
    }

    private void runFor(long nanos) {
        clock.retire(nanos / VirtualClock.NANOS_PER_INSTRUCTION);
        clock.runDueTimers();
    }

    private void programIoApic(int gsi, long entry) {
        memory.write32(IOREGSEL, 0x10 + 2 * gsi);
        memory.write32(IOWIN, (int) entry);
        memory.write32(IOREGSEL, 0x11 + 2 * gsi);
        memory.write32(IOWIN, (int) (entry >>> 32));
    }

    @Test
    void pic_afterPowerOn_masksEveryInput() {
        assertEquals(0xFF, board.ioRead(0x21, 1));
        assertEquals(0xFF, board.ioRead(0xA1, 1));
    }

    @Test
    void pitTick_withEverythingMasked_raisesNoInterrupt() {
        startPitRateGenerator();

        runFor(1_000_000);

        assertFalse(board.interruptPending());
    }

    @Test
    void pitTick_unmaskedAtPic_reachesCpuAsExtIntWithBiosVector() {
        board.ioWrite(0x21, 1, 0xFE);
        startPitRateGenerator();

        runFor(1_000_000);

        assertTrue(board.localApic().hardwareEnabled());
        assertTrue(board.interruptPending());
        assertEquals(PcBoard.BIOS_MASTER_VECTOR, board.acknowledgeInterrupt());
    }

    @Test
    void pitTick_withLocalApicDisabled_reachesCpuStraightFromPic() {
        board.writeMsr(0x1B, board.readMsr(0x1B) & ~(1L << 11));
        board.ioWrite(0x21, 1, 0xFE);
        startPitRateGenerator();

        runFor(1_000_000);

        assertTrue(board.interruptPending());
        assertEquals(PcBoard.BIOS_MASTER_VECTOR, board.acknowledgeInterrupt());
    }

    @Test
    void pitTick_routedThroughIoApicInput2_deliversProgrammedVector() {
        programIoApic(PcBoard.PIT_GSI, 0x30);
        startPitRateGenerator();

        runFor(1_000_000);

        assertTrue(board.interruptPending());
        assertEquals(0x30, board.acknowledgeInterrupt());
    }

    @Test
    void powerButton_withPwrbtnEnabled_raisesSciAtIoApicInput9() {
        programIoApic(PcBoard.SCI_IRQ, 0x41 | (1L << 15)); // level triggered
        board.ioWrite(PcBoard.PM1A_EVT_BLK + 2, 2, 0x100);  // PWRBTN_EN

        board.pressPowerButton();

        assertEquals(0x100, board.ioRead(PcBoard.PM1A_EVT_BLK, 2) & 0x100);
        assertTrue(board.interruptPending());
        assertEquals(0x41, board.acknowledgeInterrupt());
    }

    @Test
    void pciConfig_hostBridgeAndIsaBridge_answerWithTheirIds() {
        board.ioWrite(0xCF8, 4, 0x8000_0000);
        int hostBridge = board.ioRead(0xCFC, 4);
        board.ioWrite(0xCF8, 4, 0x8000_0800);
        int isaBridge = board.ioRead(0xCFC, 4);
        board.ioWrite(0xCF8, 4, 0x8000_0860);
        int pirqRoutes = board.ioRead(0xCFC, 4);

        assertEquals(0x1237_8086, hostBridge);
        assertEquals(0x7000_8086, isaBridge);
        assertEquals(0x0B0B_0A0A, pirqRoutes);
    }

    @Test
    void elcr_afterPowerOn_marksIrq9To11Level() {
        assertEquals(0x00, board.ioRead(0x4D0, 1));
        assertEquals(0x0E, board.ioRead(0x4D1, 1));
    }

    @Test
    void resetControl_insidePciRange_stillResets() {
        board.ioWrite(0xCF9, 1, PcBoard.RESET_VALUE);

        assertEquals(StopReason.RESET, board.stopReason());
    }

    @Test
    void keyboardController_pulseResetCommand_requestsReset() {
        board.ioWrite(0x64, 1, 0xFE);

        assertEquals(StopReason.RESET, board.stopReason());
    }

    @Test
    void debugExit_write_reportsOddStatus() {
        board.ioWrite(PcBoard.DEBUG_EXIT_PORT, 1, 0x10);

        assertEquals(List.of(0x21), exits);
    }

    @Test
    void debugExit_withoutListener_isAnUnclaimedPort() {
        PcBoard plain = new PcBoard(new PhysicalMemory(4 << 20), VirtualClock.deterministic(), silentSerial(),
                FramebufferGeometry.xrgb8888(64, 32), () -> 0L, BootTimingListener.NONE);

        plain.ioWrite(PcBoard.DEBUG_EXIT_PORT, 1, 0x10);

        assertEquals(0xFF, plain.ioRead(PcBoard.DEBUG_EXIT_PORT, 1));
    }

    @Test
    void cmos_inDeterministicBoard_showsFixedDateAndCentury() {
        board.ioWrite(0x70, 1, 0x09);
        int year = board.ioRead(0x71, 1);
        board.ioWrite(0x70, 1, 0x32);
        int century = board.ioRead(0x71, 1);

        assertEquals(0x26, year);
        assertEquals(0x20, century);
    }

    @Test
    void cmos_memorySizeBytes_describeRamAbove1MiB() {
        board.ioWrite(0x70, 1, 0x17);
        int low = board.ioRead(0x71, 1);
        board.ioWrite(0x70, 1, 0x18);
        int high = board.ioRead(0x71, 1);

        assertEquals(3 * 1024, low | high << 8); // 4 MiB of RAM: 3 MiB above 1 MiB
    }

    @Test
    void apicBaseMsr_isOwnedByBoardAndShowsEnabledBsp() {
        assertTrue(board.ownsMsr(0x1B));
        assertTrue(board.ownsMsr(0x830));
        assertFalse(board.ownsMsr(0x10));
        assertEquals(0xFEE0_0900L, board.readMsr(0x1B));
    }

    @Test
    void xsdt_listsFadtMadtAndHpetTables() {
        long xsdt = memory.read64(board.rsdpAddress() + 24);
        int entries = (memory.read32(xsdt + 4) - 36) / 8;
        StringBuilder signatures = new StringBuilder();
        for (int i = 0; i < entries; i++) {
            long table = memory.read64(xsdt + 36 + 8L * i);
            for (int c = 0; c < 4; c++) {
                signatures.append((char) memory.read8(table + c));
            }
        }

        assertEquals("FACPAPICHPET", signatures.toString());
    }

    @Test
    void reset_restoresFirmwareMasksAfterGuestUnmasked() {
        board.ioWrite(0x21, 1, 0x00);

        board.reset();

        assertEquals(0xFF, board.ioRead(0x21, 1));
    }
}
