package dev.jefevm.devices.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.SerialInbox;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class PcBoardTest {

    private final ByteArrayOutputStream serialOut = new ByteArrayOutputStream();
    private final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    private int stopHookCalls;
    private final PcBoard board = new PcBoard(memory, VirtualClock.deterministic(), new SerialBackend() {
        @Override
        public void start(SerialInbox inbox) {
        }

        @Override
        public void write(int b) {
            serialOut.write(b);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }, FramebufferGeometry.xrgb8888(64, 32), () -> 0L, BootTimingListener.NONE);

    @Test
    void com1_atPort3F8_transmitsToBackend() {
        board.ioWrite(0x3F8, 1, 'J');

        assertEquals("J", serialOut.toString());
    }

    @Test
    void pm1aControl_s5Write_recordsPowerOffAndCallsStopHook() {
        board.onStopRequest(() -> stopHookCalls++);

        board.ioWrite(0x604, 2, (5 << 10) | (1 << 13));

        assertEquals(StopReason.POWER_OFF, board.stopReason());
        assertEquals(1, stopHookCalls);
    }

    @Test
    void resetPort_writeOf6_recordsReset() {
        board.ioWrite(0xCF9, 1, 0x06);

        assertEquals(StopReason.RESET, board.stopReason());
    }

    @Test
    void stopReason_keepsFirstUntilCleared() {
        board.requestStop(StopReason.POWER_OFF, "first");
        board.requestStop(StopReason.RESET, "second");
        assertEquals(StopReason.POWER_OFF, board.stopReason());

        board.clearStop();

        assertNull(board.stopReason());
    }

    @Test
    void bootTimerPort_recordsMilestone() {
        board.ioWrite(0x440, 1, 1);

        assertEquals("kernel-entry", board.bootTimer().milestones().get(0).name());
    }

    @Test
    void acpiTables_areInstalledAtE0000() {
        assertEquals(0xE0000, board.rsdpAddress());
        assertEquals(0x2052_5450_2044_5352L, memory.read64(0xE0000)); // "RSD PTR "
    }

    @Test
    void framebuffer_isMappedAt0xFD000000() {
        memory.write32(0xFD00_0000L + 4 * (64 + 3), 0x00ABCDEF);

        assertEquals(0x00ABCDEF, board.framebuffer().pixel(3, 1));
    }

    @Test
    void serialInput_isDeliveredToCom1BetweenRuns() {
        board.ioWrite(0x3FC, 1, 0x0B);
        board.serialInbox().post("k");

        board.deliverSerialInput();

        assertEquals(1, board.ioRead(0x3FD, 1) & 1);
        assertEquals('k', board.ioRead(0x3F8, 1));
    }

    @Test
    void noInterruptController_noInterruptEverPending() {
        board.ioWrite(0x3F9, 1, 0x0F);
        board.ioWrite(0x3FC, 1, 0x08);

        assertFalse(board.interruptPending());
    }

    @Test
    void firmwareRegions_coverLowPageHoleAndAcpi() {
        assertEquals(new FirmwareRegion(0xE0000, 0x20000, FirmwareRegion.Kind.ACPI_RECLAIMABLE),
                board.firmwareRegions().get(2));
    }

    @Test
    void unclaimedPort_readsAllOnes() {
        assertEquals(0xFF, board.ioRead(0x80, 1));
    }

    @Test
    void reset_returnsUnreadSerialInputToTheInbox() {
        board.ioWrite(0x3FA, 1, 0x01); // FIFOs on
        board.ioWrite(0x3FC, 1, 0x0B);
        board.serialInbox().post("ab");
        board.deliverSerialInput();
        board.ioRead(0x3F8, 1);     // the guest read 'a' only

        board.reset();
        board.ioWrite(0x3FC, 1, 0x0B);
        board.deliverSerialInput();

        assertEquals('b', board.ioRead(0x3F8, 1));
    }

    @Test
    void sixGiBMachine_keepsRamAroundTheHoleAndTheFramebufferInIt() {
        PhysicalMemory large = PcBoard.newMemory(6L << 30);

        PcBoard six = new PcBoard(large, VirtualClock.deterministic(), discardingSerial(),
                FramebufferGeometry.xrgb8888(64, 32), () -> 0L, BootTimingListener.NONE);
        large.write32(PcBoard.FRAMEBUFFER_BASE, 0x00FF_0000);
        large.write32((7L << 30) - 4, 0x1234);

        assertEquals(0x00FF_0000, six.framebuffer().memory().get(java.lang.foreign.ValueLayout.JAVA_INT, 0));
        assertEquals(0x1234, large.read32((7L << 30) - 4));
        assertEquals(-1, large.read32(PcBoard.LOW_RAM_LIMIT));
    }

    @Test
    void ramReachingIntoTheHole_isRefused() {
        PhysicalMemory contiguous = new PhysicalMemory(0xD000_0000L);

        assertThrows(IllegalArgumentException.class, () -> new PcBoard(contiguous, VirtualClock.deterministic(),
                discardingSerial(), FramebufferGeometry.xrgb8888(64, 32), () -> 0L, BootTimingListener.NONE));
    }

    private static SerialBackend discardingSerial() {
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
}
