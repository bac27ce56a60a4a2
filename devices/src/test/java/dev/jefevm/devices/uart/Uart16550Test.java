package dev.jefevm.devices.uart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Uart16550Test {

    private static final int THR = 0, RBR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3,
            MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    private final RecordingBackend backend = new RecordingBackend();
    private final List<Boolean> irqLevels = new ArrayList<>();
    private final Uart16550 uart = new Uart16550(backend, irqLevels::add);

    private int in(int reg) {
        return uart.read(reg, 1);
    }

    private void out(int reg, int value) {
        uart.write(reg, 1, value);
    }

    @Test
    void registers_afterReset_holdDatasheetResetValues() {
        assertEquals(0x00, in(IER));
        assertEquals(0x01, in(IIR));
        assertEquals(0x00, in(LCR));
        assertEquals(0x00, in(MCR));
        assertEquals(0x60, in(LSR));
    }

    @Test
    void writeThr_sendsByteToBackend() {
        out(THR, 'h');
        out(THR, 'i');

        assertEquals("hi", backend.text());
    }

    @Test
    void lsr_afterTransmit_reportsTransmitterEmpty() {
        out(THR, 'x');

        assertEquals(0x60, in(LSR) & 0x60);
    }

    @Test
    void dlab_set_exposesDivisorLatchInsteadOfThrAndIer() {
        out(LCR, 0x80);
        out(DLL, 0x01);
        out(DLM, 0x02);
        out(LCR, 0x03);

        assertEquals("", backend.text());
        assertEquals(0x00, in(IER));
        out(LCR, 0x83);
        assertEquals(0x01, in(DLL));
        assertEquals(0x02, in(DLM));
    }

    @Test
    void scratch_readsBackWhatWasWritten() {
        out(SCR, 0xA5);

        assertEquals(0xA5, in(SCR));
    }

    @Test
    void receive_setsDataReadyUntilByteIsRead() {
        uart.receive('q');

        assertEquals(1, in(LSR) & 1);
        assertEquals('q', in(RBR));
        assertEquals(0, in(LSR) & 1);
    }

    @Test
    void loopback_transmittedByteComesBackInReceiver() {
        out(MCR, 0x10);

        out(THR, 0x5A);

        assertEquals("", backend.text());
        assertEquals(1, in(LSR) & 1);
        assertEquals(0x5A, in(RBR));
    }

    @Test
    void loopback_modemControlOutputsAppearAsModemStatusInputs() {
        out(MCR, 0x10);
        in(MSR); // clear deltas from entering loopback

        out(MCR, 0x10 | 0x01 | 0x02 | 0x04 | 0x08); // DTR RTS OUT1 OUT2

        int msr = in(MSR);
        assertEquals(0xF0, msr & 0xF0);
        assertEquals(0x0B, msr & 0x0F); // DCTS DDSR DDCD; TERI only on RI's falling edge
    }

    @Test
    void loopback_ringIndicatorFallingEdge_setsTeri() {
        out(MCR, 0x10 | 0x04);
        in(MSR);

        out(MCR, 0x10);

        assertEquals(0x04, in(MSR) & 0x0F);
    }

    @Test
    void msr_readClearsDeltaBits() {
        out(MCR, 0x10 | 0x02);
        in(MSR);

        assertEquals(0, in(MSR) & 0x0F);
    }

    @Test
    void msr_outsideLoopback_reportsConnectedHostModem() {
        assertEquals(0xB0, in(MSR) & 0xF0); // DCD, DSR, CTS
    }

    @Test
    void loopback_hostInputIsHeldBack() {
        out(MCR, 0x10);

        assertEquals(0, uart.receiveRoom());
    }

    @Test
    void withoutFifo_secondByteOverrunsAndReplacesTheFirst() {
        uart.receive('a');
        uart.receive('b');

        int lsr = in(LSR);
        assertEquals(0x02, lsr & 0x02);
        assertEquals('b', in(RBR));
        assertEquals(0, in(LSR) & 0x02); // OE clears on read of LSR
    }

    @Test
    void fifo_holdsSixteenBytesThenOverrunsAndKeepsTheOldest() {
        out(FCR, 0x01);
        for (int i = 0; i < 17; i++) {
            uart.receive('A' + i);
        }

        assertEquals(0x02, in(LSR) & 0x02);
        StringBuilder got = new StringBuilder();
        while ((in(LSR) & 1) != 0) {
            got.append((char) in(RBR));
        }
        assertEquals("ABCDEFGHIJKLMNOP", got.toString());
    }

    @Test
    void receiveRoom_withoutRts_isZero() {
        assertEquals(0, uart.receiveRoom());
    }

    @Test
    void receiveRoom_followsFifoMode() {
        out(MCR, 0x02);
        assertEquals(1, uart.receiveRoom());
        out(FCR, 0x01);
        uart.receive('x');

        assertEquals(15, uart.receiveRoom());
    }

    @Test
    void iir_withFifosEnabled_setsBits6And7() {
        out(FCR, 0x01);

        assertEquals(0xC1, in(IIR));
    }

    @Test
    void fcr_clearReceiveFifo_dropsPendingBytes() {
        out(FCR, 0x01);
        uart.receive('x');

        out(FCR, 0x03);

        assertEquals(0, in(LSR) & 1);
    }

    @Test
    void iir_receivedData_belowTriggerLevel_isNotReportedUntilLineIdles() {
        out(FCR, 0x01 | 0x40); // trigger at 4 bytes
        out(IER, 0x01);
        uart.receive('a');

        assertEquals(0xC1, in(IIR));
        uart.lineIdle();
        assertEquals(0xCC, in(IIR)); // character timeout
        in(RBR);
        assertEquals(0xC1, in(IIR));
    }

    @Test
    void iir_receivedData_atTriggerLevel_reportsDataAvailable() {
        out(FCR, 0x01 | 0x40);
        out(IER, 0x01);
        for (int i = 0; i < 4; i++) {
            uart.receive('a');
        }

        assertEquals(0xC4, in(IIR));
    }

    @Test
    void iir_enablingThrInterrupt_reportsThrEmptyOnceThenClearsOnRead() {
        out(IER, 0x02);

        assertEquals(0x02, in(IIR));
        assertEquals(0x01, in(IIR));
    }

    @Test
    void iir_afterWritingThr_reportsThrEmptyAgain() {
        out(IER, 0x02);
        in(IIR);

        out(THR, 'z');

        assertEquals(0x02, in(IIR));
    }

    @Test
    void iir_priorities_lineStatusBeatsDataBeatsThrBeatsModemStatus() {
        out(MCR, 0x10);
        out(MCR, 0x12); // DCTS pending
        out(IER, 0x0F); // all sources; THRE latches
        uart.restoreState(withOverrunAndData(uart.saveState()));

        assertEquals(0x06, in(IIR)); // line status first
        in(LSR);
        assertEquals(0x04, in(IIR)); // then received data
        in(RBR);
        assertEquals(0x02, in(IIR)); // then THR empty (read clears it)
        assertEquals(0x00, in(IIR)); // then modem status
        in(MSR);
        assertEquals(0x01, in(IIR));
    }

    private static Uart16550State withOverrunAndData(Uart16550State s) {
        return new Uart16550State(s.divisorLatchLow(), s.divisorLatchHigh(), s.interruptEnable(), s.lineControl(),
                s.modemControl(), s.scratch(), s.fifosEnabled(), s.receiveTriggerLevel(), 0x02,
                s.modemStatusDeltas(), true, false, 0, new byte[] {'d'});
    }

    @Test
    void irqLine_followsPendingInterrupt_gatedByOut2() {
        out(IER, 0x01);
        uart.receive('a');
        assertFalse(uart.irqAsserted()); // OUT2 clear: the PC's IRQ buffer is off

        out(MCR, 0x08);
        assertTrue(uart.irqAsserted());
        in(RBR);

        assertFalse(uart.irqAsserted());
        assertEquals(List.of(true, false), irqLevels);
    }

    @Test
    void wideAccess_isSplitIntoByteRegisters() {
        uart.write(LCR, 2, 0x0B03); // LCR = 0x03, MCR = 0x0B

        assertEquals(0x03, in(LCR));
        assertEquals(0x0B, in(MCR));
        assertEquals(0x0B03, uart.read(LCR, 2));
    }

    @Test
    void writeToLineStatus_isIgnoredAndCounted() {
        out(LSR, 0xFF);

        assertEquals(0x60, in(LSR));
        assertEquals(1, uart.ignoredAccesses());
    }

    @Test
    void saveThenRestore_reproducesRegistersAndFifo() {
        out(FCR, 0x81);
        out(LCR, 0x1B);
        out(SCR, 0x77);
        uart.receive('k');
        Uart16550State saved = uart.saveState();
        Uart16550 copy = new Uart16550(new RecordingBackend(), level -> { });

        copy.restoreState(saved);

        assertEquals(0x1B, copy.read(LCR, 1));
        assertEquals(0x77, copy.read(SCR, 1));
        assertEquals('k', copy.read(RBR, 1));
        assertArrayEquals(new byte[0], copy.saveState().receiveFifo());
    }

    @Test
    void reset_twice_equalsResetOnce() {
        out(LCR, 0x03);
        uart.reset();
        Uart16550State once = uart.saveState();

        uart.reset();

        assertEquals(once.lineControl(), uart.saveState().lineControl());
        assertArrayEquals(once.receiveFifo(), uart.saveState().receiveFifo());
        assertEquals(0x60, in(LSR));
    }
}
