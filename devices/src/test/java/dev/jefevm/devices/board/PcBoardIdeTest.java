package dev.jefevm.devices.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.framebuffer.FramebufferGeometry;
import dev.jefevm.devices.uart.SerialBackend;
import dev.jefevm.devices.uart.SerialInbox;
import org.junit.jupiter.api.Test;

class PcBoardIdeTest {

    private static final int IDE_FUNCTION = 0x8000_0900; // bus 0, device 1, function 1

    private final PcBoard board = new PcBoard(new PhysicalMemory(4 << 20), VirtualClock.deterministic(),
            new SerialBackend() {
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
            }, FramebufferGeometry.xrgb8888(64, 32), () -> 0L, BootTimingListener.NONE);

    private int config(int function, int offset) {
        board.ioWrite(0xCF8, 4, function | offset);
        return board.ioRead(0xCFC, 4);
    }

    private void writeConfig(int function, int offset, int value) {
        board.ioWrite(0xCF8, 4, function | offset);
        board.ioWrite(0xCFC, 4, value);
    }

    @Test
    void pciScan_findsPiix3IdeAt00_01_1() {
        int isaHeaderType = (config(0x8000_0800, 0x0C) >>> 16) & 0xFF;

        assertEquals(0x80, isaHeaderType & 0x80, "function 0 says there are more functions");
        assertEquals(0x7010_8086, config(IDE_FUNCTION, 0x00));
        assertEquals(0x0101_80, config(IDE_FUNCTION, 0x08) >>> 8);
    }

    @Test
    void bar4_sizesAs16BytesOfIo() {
        int original = config(IDE_FUNCTION, 0x20);

        writeConfig(IDE_FUNCTION, 0x20, 0xFFFF_FFFF);
        int mask = config(IDE_FUNCTION, 0x20);
        writeConfig(IDE_FUNCTION, 0x20, original);

        assertEquals(PcBoard.IDE_BUS_MASTER_BASE | 1, original);
        assertEquals(16, ~(mask & ~3) + 1);
        assertEquals(1, mask & 1);
    }

    @Test
    void busMasterRegisters_decodeWhereBar4PointsAndFollowIt() {
        board.ioWrite(PcBoard.IDE_BUS_MASTER_BASE + 4, 4, 0x1000);
        int atFirmwareBase = board.ioRead(PcBoard.IDE_BUS_MASTER_BASE + 4, 4);

        writeConfig(IDE_FUNCTION, 0x20, 0xD000);
        int atNewBase = board.ioRead(0xD004, 4);
        int atOldBase = board.ioRead(PcBoard.IDE_BUS_MASTER_BASE + 4, 4);

        assertEquals(0x1000, atFirmwareBase);
        assertEquals(0x1000, atNewBase);
        assertEquals(0xFFFF_FFFF, atOldBase);
    }

    @Test
    void bar4_movedOntoCom1_isLeftUndecodedWithoutAnException() {
        writeConfig(IDE_FUNCTION, 0x20, PcBoard.COM1_BASE);

        assertEquals(0x3F1, config(IDE_FUNCTION, 0x20)); // 0x3F8 rounded down to 16 bytes
        assertEquals(0xFF, board.ioRead(PcBoard.IDE_BUS_MASTER_BASE, 1));
    }

    @Test
    void primaryChannel_withoutDisks_readsFloatingStatus() {
        assertEquals(0x7F, board.ioRead(PcBoard.IDE_PRIMARY_COMMAND + 7, 1));
        assertEquals(0x7F, board.ioRead(PcBoard.IDE_SECONDARY_CONTROL, 1));
    }

    @Test
    void ideInterrupt_reachesIrq14OnThePic() {
        board.ide().attach(0, 0, new dev.jefevm.disk.BlockDevice() {
            @Override
            public long size() {
                return 1 << 20;
            }

            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public void read(long offset, byte[] dst, int dstOffset, int length) {
            }

            @Override
            public void write(long offset, byte[] src, int srcOffset, int length) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        board.ioWrite(0x21, 1, 0xFB); // unmask the cascade
        board.ioWrite(0xA1, 1, 0xBF); // unmask IRQ 14 (slave input 6)

        board.ioWrite(PcBoard.IDE_PRIMARY_COMMAND + 6, 1, 0);
        board.ioWrite(PcBoard.IDE_PRIMARY_COMMAND + 7, 1, 0xEC); // IDENTIFY DEVICE

        assertTrue(board.interruptPending());
        assertEquals(PcBoard.BIOS_SLAVE_VECTOR + 6, board.acknowledgeInterrupt());
    }
}
