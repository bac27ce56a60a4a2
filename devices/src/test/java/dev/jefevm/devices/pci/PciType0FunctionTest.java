package dev.jefevm.devices.pci;

import static dev.jefevm.devices.pci.PciType0Function.COMMAND_IO;
import static dev.jefevm.devices.pci.PciType0Function.COMMAND_MEMORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PciType0FunctionTest {

    private final PciType0Function function = new PciType0Function(0x1234, 0x5678, 0x03, 0x02_00_00, false);
    private final List<String> moves = new ArrayList<>();

    private int sizeBar(int index) {
        function.configWrite(0x10 + 4 * index, 4, 0xFFFF_FFFF);
        return function.configRead(0x10 + 4 * index, 4);
    }

    @Test
    void identity_readsBackAndIgnoresWrites() {
        function.configWrite(0x00, 4, 0);
        function.configWrite(0x08, 4, 0);

        assertEquals(0x5678_1234, function.configRead(0x00, 4));
        assertEquals(0x0200_0003, function.configRead(0x08, 4));
        assertEquals(0x00, function.configRead(0x0E, 1));
    }

    @Test
    void multifunction_setsHeaderTypeBit7() {
        PciType0Function multi = new PciType0Function(0x8086, 0x7000, 0, 0x06_01_00, true);

        assertEquals(0x80, multi.configRead(0x0E, 1));
    }

    @Test
    void sizing_ioBar_readsSizeMaskWithIoBit() {
        function.defineBar(0, PciBar.io(32));

        assertEquals(0xFFFF_FFE1, sizeBar(0));
    }

    @Test
    void sizing_memory32Bar_readsSizeMaskWithType00() {
        function.defineBar(1, PciBar.memory32(4096, false));

        assertEquals(0xFFFF_F000, sizeBar(1));
    }

    @Test
    void sizing_prefetchableMemory32Bar_keepsBit3() {
        function.defineBar(2, PciBar.memory32(16 << 20, true));

        assertEquals(0xFF00_0008, sizeBar(2));
    }

    @Test
    void sizing_memory64Bar_lowShowsType10_highAllOnes() {
        function.defineBar(2, PciBar.memory64(1 << 20, true));

        assertEquals(0xFFF0_000C, sizeBar(2));
        assertEquals(0xFFFF_FFFF, sizeBar(3));
    }

    @Test
    void sizing_memory64BarLargerThan4GiB_masksHighDwordToo() {
        function.defineBar(0, PciBar.memory64(8L << 30, false));

        assertEquals(0x0000_0004, sizeBar(0));
        assertEquals(0xFFFF_FFFE, sizeBar(1));
    }

    @Test
    void sizing_unimplementedBarAndRom_readZero() {
        function.defineBar(0, PciBar.io(16));

        assertEquals(0, sizeBar(5));
        function.configWrite(0x30, 4, 0xFFFF_FFFF);
        assertEquals(0, function.configRead(0x30, 4));
    }

    @Test
    void barWrite_keepsFlagBitsAndDropsBitsBelowSize() {
        function.defineBar(0, PciBar.io(16));

        function.configWrite(0x10, 4, 0xC00F);

        assertEquals(0xC001, function.configRead(0x10, 4));
        assertEquals(0xC000, function.barAddress(0));
    }

    @Test
    void barAddress_of64BitBar_joinsBothDwords() {
        function.defineBar(0, PciBar.memory64(1 << 20, false));

        function.configWrite(0x10, 4, 0xE000_0000);
        function.configWrite(0x14, 4, 0x0000_0001);

        assertEquals(0x1_E000_0000L, function.barAddress(0));
    }

    @Test
    void barListener_reportsMappingOnlyWhenDecodeIsEnabled() {
        function.defineBar(0, PciBar.io(16));
        function.defineBar(1, PciBar.memory32(4096, false));
        function.setBarListener((index, bar, base) -> moves.add(index + (base == BarListener.UNMAPPED ? " off" : "@" + Long.toHexString(base))));
        function.configWrite(0x10, 4, 0xC000);
        function.configWrite(0x14, 4, 0xFEB0_0000);
        assertTrue(moves.isEmpty());

        function.configWrite(0x04, 2, COMMAND_IO);
        function.configWrite(0x04, 2, COMMAND_IO | COMMAND_MEMORY);
        function.configWrite(0x10, 4, 0xD000);
        function.configWrite(0x04, 2, 0);

        assertEquals(List.of("0@c000", "1@feb00000", "0@d000", "0 off", "1 off"), moves);
    }

    @Test
    void command_keepsOnlyDefinedBits() {
        function.configWrite(0x04, 2, 0xFFFF);

        assertEquals(0x0547, function.command());
        assertTrue(function.busMasterEnabled());
        assertTrue(function.interruptDisabled());
    }

    @Test
    void status_errorBitsAreWriteOneToClear() {
        function.raiseStatus(PciType0Function.STATUS_RECEIVED_MASTER_ABORT
                | PciType0Function.STATUS_SIGNALED_TARGET_ABORT);

        function.configWrite(0x06, 2, PciType0Function.STATUS_RECEIVED_MASTER_ABORT);

        assertEquals(PciType0Function.STATUS_SIGNALED_TARGET_ABORT, function.configRead(0x06, 2));
    }

    @Test
    void status_commandWriteAsDword_doesNotClearStatusWithZeros() {
        function.raiseStatus(PciType0Function.STATUS_DETECTED_PARITY_ERROR);

        function.configWrite(0x04, 4, COMMAND_IO);

        assertEquals(0x8000_0001, function.configRead(0x04, 4));
    }

    @Test
    void interruptLine_isWritable_pinIsReadOnly() {
        function.setInterruptPin(1);

        function.configWrite(0x3C, 2, 0x040B);

        assertEquals(0x0B, function.configRead(0x3C, 1));
        assertEquals(0x01, function.configRead(0x3D, 1));
    }

    @Test
    void capabilities_formALinkedListFromPointer34() {
        function.addCapability(0x40, 0x01);
        function.addCapability(0x50, 0x05);

        assertTrue((function.configRead(0x06, 2) & PciType0Function.STATUS_CAPABILITIES_LIST) != 0);
        assertEquals(0x40, function.configRead(0x34, 1));
        assertEquals(0x5001, function.configRead(0x40, 2));
        assertEquals(0x0005, function.configRead(0x50, 2));
    }

    @Test
    void noCapabilities_statusBit4Clear() {
        assertFalse((function.configRead(0x06, 2) & PciType0Function.STATUS_CAPABILITIES_LIST) != 0);
        assertEquals(0, function.configRead(0x34, 1));
    }

    @Test
    void defineBar_overlapping64BitHighHalf_isRejected() {
        function.defineBar(0, PciBar.memory64(4096, false));

        assertThrows(IllegalArgumentException.class, () -> function.defineBar(1, PciBar.io(4)));
        assertThrows(IllegalArgumentException.class, () -> function.defineBar(5, PciBar.memory64(4096, false)));
    }

    @Test
    void bar_sizeNotPowerOfTwo_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> PciBar.memory32(3000, false));
        assertThrows(IllegalArgumentException.class, () -> PciBar.io(2));
    }

    @Test
    void reset_restoresPowerOnValues_andUnmapsBars() {
        function.defineBar(0, PciBar.io(16));
        function.addCapability(0x40, 0x01);
        function.setBarListener((index, bar, base) -> moves.add(index + "@" + base));
        function.configWrite(0x10, 4, 0xC000);
        function.configWrite(0x04, 2, COMMAND_IO);
        function.raiseStatus(PciType0Function.STATUS_RECEIVED_MASTER_ABORT);

        function.reset();

        assertEquals(0x0010_0000, function.configRead(0x04, 4));
        assertEquals(0x0000_0001, function.configRead(0x10, 4));
        assertEquals(List.of("0@49152", "0@-1"), moves);
    }

    @Test
    void restoreState_bringsBackRegisters_andRemapsBars() {
        function.defineBar(0, PciBar.memory32(4096, false));
        function.configWrite(0x10, 4, 0xFEB0_0000);
        function.configWrite(0x04, 2, COMMAND_MEMORY);
        PciConfigState saved = function.saveState();
        PciType0Function copy = new PciType0Function(0x1234, 0x5678, 0x03, 0x02_00_00, false);
        copy.defineBar(0, PciBar.memory32(4096, false));
        copy.setBarListener((index, bar, base) -> moves.add(index + "@" + Long.toHexString(base)));

        copy.restoreState(saved);

        assertEquals(function.configRead(0x04, 4), copy.configRead(0x04, 4));
        assertEquals(0xFEB0_0000, copy.configRead(0x10, 4));
        assertEquals(List.of("0@feb00000"), moves);
    }
}
