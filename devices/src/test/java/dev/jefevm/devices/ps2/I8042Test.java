package dev.jefevm.devices.ps2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.irq.IrqLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class I8042Test {

    /** An IRQ line that remembers its level and counts rising edges. */
    static final class RecordingLine implements IrqLine {
        boolean level;
        int risingEdges;

        @Override
        public void set(boolean asserted) {
            if (asserted && !level) {
                risingEdges++;
            }
            level = asserted;
        }
    }

    private final List<String> outputEvents = new ArrayList<>();
    private final Ps2Keyboard keyboard = new Ps2Keyboard(VirtualClock.deterministic(), KeyboardLeds.NONE);
    private final Ps2Mouse mouse = new Ps2Mouse();
    private final RecordingLine irq1 = new RecordingLine();
    private final RecordingLine irq12 = new RecordingLine();
    private final I8042 controller = new I8042(keyboard, mouse, irq1, irq12, new I8042Outputs() {
        @Override
        public void a20Changed(boolean enabled) {
            outputEvents.add("a20=" + enabled);
        }

        @Override
        public void resetRequested() {
            outputEvents.add("reset");
        }
    });

    private int status() {
        return controller.commandPort().read(0, 1);
    }

    private int data() {
        return controller.dataPort().read(0, 1);
    }

    private void command(int cmd) {
        controller.commandPort().write(0, 1, cmd);
    }

    private void writeData(int value) {
        controller.dataPort().write(0, 1, value);
    }

    private List<Integer> drain() {
        List<Integer> out = new ArrayList<>();
        while ((status() & I8042.STATUS_OBF) != 0) {
            out.add(data());
        }
        return out;
    }

    private void setCommandByte(int value) {
        command(0x60);
        writeData(value);
    }

    @Test
    void readStatus_afterPowerOn_reportsEmptyBufferSystemFlagAndNotInhibited() {
        assertEquals(I8042.STATUS_SYS | I8042.STATUS_NOT_INHIBITED, status());
    }

    @Test
    void selfTest_answers55InOutputBuffer() {
        command(0xAA);

        assertEquals(I8042.STATUS_OBF, status() & (I8042.STATUS_OBF | I8042.STATUS_AUX_OBF));
        assertEquals(0x55, data());
        assertEquals(0, status() & I8042.STATUS_OBF);
    }

    @Test
    void interfaceTests_answerNoError() {
        command(0xAB);
        command(0xA9);
        assertEquals(List.of(0x00, 0x00), drain());
    }

    @Test
    void statusCommandFlag_followsLastPortWritten() {
        command(0xAD);
        assertTrue((status() & I8042.STATUS_COMMAND) != 0);
        writeData(0xF4);
        assertEquals(0, status() & I8042.STATUS_COMMAND);
    }

    @Test
    void readCommandByte_afterPowerOn_isIrq1SystemTranslate() {
        command(0x20);
        assertEquals(List.of(0x45), drain());
    }

    @Test
    void writeCommandByte_thenRead_returnsIt() {
        setCommandByte(0x03);
        command(0x20);
        assertEquals(List.of(0x03), drain());
        assertEquals(0, status() & I8042.STATUS_SYS);
    }

    @Test
    void disableCommands_setClockDisableBits_andEnableClearsThem() {
        command(0xAD);
        command(0xA7);
        assertEquals(0x45 | I8042.CMD_KBD_DISABLED | I8042.CMD_AUX_DISABLED, controller.commandByte());
        command(0xAE);
        command(0xA8);
        assertEquals(0x45, controller.commandByte());
    }

    @Test
    void keyboardByte_withIrq1Enabled_raisesIrq1UntilRead() {
        setCommandByte(I8042.CMD_IRQ1);
        keyboard.keyDown(KeyCode.A);

        assertTrue(irq1.level);
        assertEquals(0x1C, data());
        assertFalse(irq1.level);
        assertFalse(irq12.level);
    }

    @Test
    void keyboardByte_withIrq1Disabled_setsObfButNoInterrupt() {
        setCommandByte(0x00);
        keyboard.keyDown(KeyCode.A);

        assertFalse(irq1.level);
        assertEquals(I8042.STATUS_OBF, status() & I8042.STATUS_OBF);
    }

    @Test
    void enablingIrq1_withByteWaiting_raisesIrq1() {
        setCommandByte(0x00);
        keyboard.keyDown(KeyCode.A);
        setCommandByte(I8042.CMD_IRQ1);
        assertTrue(irq1.level);
    }

    @Test
    void everyKeyboardByte_givesItsOwnRisingEdge() {
        setCommandByte(I8042.CMD_IRQ1);
        keyboard.keyDown(KeyCode.UP);
        drain();
        assertEquals(2, irq1.risingEdges);
    }

    @Test
    void disabledKeyboardPort_holdsBytesUntilEnabled() {
        setCommandByte(I8042.CMD_IRQ1);
        command(0xAD);
        keyboard.keyDown(KeyCode.A);
        assertEquals(0, status() & I8042.STATUS_OBF);

        command(0xAE);
        assertEquals(List.of(0x1C), drain());
    }

    @Test
    void translation_foldsF0IntoBit7OfSet1Code() {
        setCommandByte(I8042.CMD_TRANSLATE);
        keyboard.keyDown(KeyCode.A);
        keyboard.keyUp(KeyCode.A);
        assertEquals(List.of(0x1E, 0x9E), drain());
    }

    @Test
    void translation_ofExtendedKey_keepsE0Prefix() {
        setCommandByte(I8042.CMD_TRANSLATE);
        keyboard.keyDown(KeyCode.UP);
        keyboard.keyUp(KeyCode.UP);
        assertEquals(List.of(0xE0, 0x48, 0xE0, 0xC8), drain());
    }

    @Test
    void translation_ofEveryKey_matchesItsSet1Codes() {
        setCommandByte(I8042.CMD_TRANSLATE);
        for (KeyCode key : KeyCode.values()) {
            keyboard.keyDown(key);
            keyboard.keyUp(key);
            List<Integer> expected = new ArrayList<>();
            for (byte b : key.makeCode(1)) {
                expected.add(b & 0xFF);
            }
            for (byte b : key.breakCode(1)) {
                expected.add(b & 0xFF);
            }
            assertEquals(expected, drain(), key.name());
        }
    }

    @Test
    void translation_ofScancodeSetReply_givesTranslatedSetNumber() {
        setCommandByte(I8042.CMD_TRANSLATE);
        writeData(0xF0);
        writeData(0x00);
        assertEquals(List.of(0xFA, 0xFA, 0x41), drain());
    }

    @Test
    void noTranslation_passesSet2CodesThrough() {
        setCommandByte(0x00);
        keyboard.keyDown(KeyCode.A);
        keyboard.keyUp(KeyCode.A);
        assertEquals(List.of(0x1C, 0xF0, 0x1C), drain());
    }

    @Test
    void dataPortWrite_goesToKeyboard() {
        setCommandByte(0x00);
        writeData(0xF2);
        assertEquals(List.of(0xFA, 0xAB, 0x83), drain());
    }

    @Test
    void keyboardId_throughTranslation_readsAB41() {
        writeData(0xF2);
        assertEquals(List.of(0xFA, 0xAB, 0x41), drain());
    }

    @Test
    void writeToAux_reachesMouse_andAnswersWithAuxFlagAndIrq12() {
        setCommandByte(I8042.CMD_IRQ12);
        command(0xD4);
        writeData(0xF2);

        assertEquals(I8042.STATUS_OBF | I8042.STATUS_AUX_OBF, status() & (I8042.STATUS_OBF | I8042.STATUS_AUX_OBF));
        assertTrue(irq12.level);
        assertFalse(irq1.level);
        assertEquals(List.of(0xFA, 0x00), drain());
        assertFalse(irq12.level);
    }

    @Test
    void mousePacket_withAuxPortDisabled_waitsForEnable() {
        setCommandByte(I8042.CMD_IRQ12 | I8042.CMD_AUX_DISABLED);
        mouse.receive(0xF4);
        assertEquals(0, status() & I8042.STATUS_OBF);

        command(0xA8);
        assertEquals(List.of(0xFA), drain());
    }

    @Test
    void writeKeyboardOutputBuffer_appearsAsKeyboardData() {
        setCommandByte(I8042.CMD_IRQ1 | I8042.CMD_IRQ12 | I8042.CMD_TRANSLATE);
        command(0xD2);
        writeData(0x1C);

        assertTrue(irq1.level);
        assertEquals(0, status() & I8042.STATUS_AUX_OBF);
        assertEquals(0x1C, data());
    }

    @Test
    void writeAuxOutputBuffer_appearsAsMouseData() {
        setCommandByte(I8042.CMD_IRQ1 | I8042.CMD_IRQ12);
        command(0xD3);
        writeData(0x08);

        assertTrue(irq12.level);
        assertFalse(irq1.level);
        assertEquals(I8042.STATUS_AUX_OBF, status() & I8042.STATUS_AUX_OBF);
        assertEquals(0x08, data());
    }

    @Test
    void writeOutputPort_clearingA20_reportsA20Off() {
        command(0xD1);
        writeData(0x01);

        assertEquals(List.of("a20=false"), outputEvents);
        assertFalse(controller.a20Enabled());
    }

    @Test
    void writeOutputPort_withResetBitLow_requestsReset() {
        command(0xD1);
        writeData(0x02);
        assertEquals(List.of("reset"), outputEvents);
    }

    @Test
    void readOutputPort_returnsWrittenA20AndResetBits() {
        command(0xD1);
        writeData(0x01);
        command(0xD0);
        assertEquals(0x01, data() & 0x03);
    }

    @Test
    void a20GateCommands_switchA20() {
        command(0xDD);
        command(0xDF);
        assertEquals(List.of("a20=false", "a20=true"), outputEvents);
    }

    @Test
    void pulseFE_requestsReset() {
        command(0xFE);
        assertEquals(List.of("reset"), outputEvents);
    }

    @Test
    void pulseFF_pulsesNothing() {
        command(0xFF);
        assertTrue(outputEvents.isEmpty());
    }

    @Test
    void readInputPort_reportsKeyboardNotInhibited() {
        command(0xC0);
        assertEquals(0x80, data() & 0x80);
    }

    @Test
    void internalRam_writeThenRead_roundTrips() {
        command(0x65);
        writeData(0x5A);
        command(0x25);
        assertEquals(List.of(0x5A), drain());
    }

    @Test
    void emptyOutputBuffer_readsLastByteAgain() {
        command(0xAA);
        data();
        assertEquals(0x55, data());
    }

    @Test
    void wideAccess_isIgnoredAndCounted() {
        command(0xAA);
        assertEquals(0xFFFF, controller.dataPort().read(0, 2));
        controller.commandPort().write(0, 2, 0xFE);

        assertEquals(2, controller.ignoredAccesses());
        assertTrue(outputEvents.isEmpty());
        assertEquals(0x55, data());
    }

    @Test
    void unknownCommand_isIgnoredAndCounted() {
        command(0xC5);
        assertEquals(1, controller.ignoredAccesses());
        assertEquals(0, status() & I8042.STATUS_OBF);
    }
}
