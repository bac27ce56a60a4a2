package dev.jefevm.devices.uart;

import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A National Semiconductor PC16550D / 16550A UART ("PC16550D Universal Asynchronous
 * Receiver/Transmitter with FIFOs", June 1995 datasheet): the eight byte-wide registers with the
 * divisor latch behind LCR.DLAB, 16-byte receive FIFO with trigger levels, the four interrupt
 * sources prioritised in IIR, modem control and status with internal loopback, and the scratch
 * register.
 *
 * <p>Scope, honestly: the line is infinitely fast. Transmitted bytes reach the
 * {@link SerialBackend} at once, so THR and the transmitter are always empty (LSR THRE and TEMT
 * stay set) and the baud divisor is stored but does not pace anything. Parity, framing and break
 * errors never occur on the host side; overrun does (loopback or an undrained FIFO). The
 * character-timeout indication is raised when the host line goes idle with bytes below the
 * trigger level still in the FIFO, standing in for "four character times without input". The
 * host side sends only while the guest asserts RTS (see {@link #receiveRoom()}).
 *
 * <p>Multi-byte accesses are split into byte accesses at consecutive offsets, as an 8-bit
 * peripheral on the ISA bus sees them.
 */
public final class Uart16550 implements IoPortDevice {

    private static final Logger LOG = LoggerFactory.getLogger(Uart16550.class);

    // Register offsets (datasheet Table II)
    static final int RBR_THR_DLL = 0, IER_DLM = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7;

    // IER bits
    static final int IER_RDA = 0x01, IER_THRE = 0x02, IER_RLS = 0x04, IER_MS = 0x08;
    // IIR values (datasheet Table IV): bit 0 = 1 means "no interrupt pending"
    static final int IIR_NONE = 0x01, IIR_RLS = 0x06, IIR_RDA = 0x04, IIR_CTI = 0x0C, IIR_THRE = 0x02, IIR_MS = 0x00;
    static final int IIR_FIFOS_ENABLED = 0xC0;
    // FCR bits
    static final int FCR_ENABLE = 0x01, FCR_CLEAR_RX = 0x02, FCR_CLEAR_TX = 0x04;
    // LCR bits
    static final int LCR_DLAB = 0x80;
    // MCR bits
    static final int MCR_DTR = 0x01, MCR_RTS = 0x02, MCR_OUT1 = 0x04, MCR_OUT2 = 0x08, MCR_LOOP = 0x10;
    // LSR bits
    static final int LSR_DR = 0x01, LSR_OE = 0x02, LSR_PE = 0x04, LSR_FE = 0x08, LSR_BI = 0x10,
            LSR_THRE = 0x20, LSR_TEMT = 0x40, LSR_FIFO_ERROR = 0x80;
    static final int LSR_ERRORS = LSR_OE | LSR_PE | LSR_FE | LSR_BI;
    // MSR bits: deltas in the low nibble, line states in the high nibble
    static final int MSR_DCTS = 0x01, MSR_DDSR = 0x02, MSR_TERI = 0x04, MSR_DDCD = 0x08;
    static final int MSR_CTS = 0x10, MSR_DSR = 0x20, MSR_RI = 0x40, MSR_DCD = 0x80;

    static final int FIFO_SIZE = 16;
    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14}; // FCR bits 7:6 (datasheet Table III)

    // The host end looks like a connected modem: CTS, DSR and DCD asserted, no ring.
    private static final int HOST_MODEM_LINES = MSR_CTS | MSR_DSR | MSR_DCD;

    private final SerialBackend backend;
    private final IrqLine irq;

    private int dll = 0x0C; // 9600 baud from the 1.8432 MHz clock; the datasheet leaves it undefined
    private int dlm;
    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private boolean fifosEnabled;
    private int triggerLevel = 1;
    private int lineErrors;
    private int msrDeltas;
    private boolean thrInterrupt;
    private boolean characterTimeout;
    private int lastReceived;
    private final byte[] rx = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private boolean irqLevel;
    private long ignoredAccesses;

    public Uart16550(SerialBackend backend, IrqLine irq) {
        this.backend = backend;
        this.irq = irq;
    }

    /** Master reset (datasheet Table VI): registers to their reset values, FIFOs empty. */
    public void reset() {
        dll = 0x0C;
        dlm = 0;
        ier = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        fifosEnabled = false;
        triggerLevel = 1;
        lineErrors = 0;
        msrDeltas = 0;
        thrInterrupt = false;
        characterTimeout = false;
        lastReceived = 0;
        rxHead = 0;
        rxCount = 0;
        updateIrq();
    }

    // ---------------------------------------------------------------- port I/O

    @Override
    public int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            int reg = offset + i;
            value |= (reg < 8 ? readRegister(reg) : 0xFF) << (8 * i);
        }
        return value;
    }

    @Override
    public void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int reg = offset + i;
            if (reg < 8) {
                writeRegister(reg, (value >>> (8 * i)) & 0xFF);
            } else {
                ignored("write beyond register 7");
            }
        }
    }

    private int readRegister(int reg) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        return switch (reg) {
            case RBR_THR_DLL -> dlab ? dll : readReceiveBuffer();
            case IER_DLM -> dlab ? dlm : ier;
            case IIR_FCR -> readInterruptIdentification();
            case LCR -> lcr;
            case MCR -> mcr;
            case LSR -> readLineStatus();
            case MSR -> readModemStatus();
            default -> scr;
        };
    }

    private void writeRegister(int reg, int v) {
        boolean dlab = (lcr & LCR_DLAB) != 0;
        switch (reg) {
            case RBR_THR_DLL -> {
                if (dlab) {
                    dll = v;
                } else {
                    transmit(v);
                }
            }
            case IER_DLM -> {
                if (dlab) {
                    dlm = v;
                } else {
                    writeInterruptEnable(v);
                }
            }
            case IIR_FCR -> writeFifoControl(v);
            case LCR -> lcr = v;
            case MCR -> writeModemControl(v);
            case SCR -> scr = v;
            default -> ignored("write to read-only LSR/MSR"); // datasheet: factory test use only
        }
    }

    // ---------------------------------------------------------------- receiver

    /**
     * How many bytes the host may send now. The host end honours RTS/CTS hardware flow control:
     * it sends only while the guest asserts RTS (so nothing arrives before the driver has set the
     * UART up, which would lose it to the FIFO reset), never in loopback (SIN is cut off), and
     * never more than the receiver has room for.
     */
    public int receiveRoom() {
        if ((mcr & (MCR_LOOP | MCR_RTS)) != MCR_RTS) {
            return 0;
        }
        return capacity() - rxCount;
    }

    /** A byte arrives on SIN (host input), or from the transmitter in loopback. */
    public void receive(int b) {
        characterTimeout = false;
        if (rxCount < capacity()) {
            rx[(rxHead + rxCount) % FIFO_SIZE] = (byte) b;
            rxCount++;
        } else {
            // Overrun (datasheet LSR bit 1): with FIFOs the new character is lost; without them
            // it overwrites the unread holding register.
            lineErrors |= LSR_OE;
            if (!fifosEnabled) {
                rx[rxHead] = (byte) b;
            }
        }
        updateIrq();
    }

    /** The host line has gone quiet: bytes below the trigger level now raise the character timeout. */
    public void lineIdle() {
        if (fifosEnabled && rxCount > 0 && !characterTimeout) {
            characterTimeout = true;
            updateIrq();
        }
    }

    private int capacity() {
        return fifosEnabled ? FIFO_SIZE : 1;
    }

    private int readReceiveBuffer() {
        characterTimeout = false; // reading the FIFO restarts the timeout (datasheet 8.6.1)
        if (rxCount > 0) {
            lastReceived = rx[rxHead] & 0xFF;
            rxHead = (rxHead + 1) % FIFO_SIZE;
            rxCount--;
            updateIrq();
        }
        return lastReceived;
    }

    private int readLineStatus() {
        int v = LSR_THRE | LSR_TEMT | lineErrors;
        if (rxCount > 0) {
            v |= LSR_DR;
        }
        if (fifosEnabled && (lineErrors & (LSR_PE | LSR_FE | LSR_BI)) != 0) {
            v |= LSR_FIFO_ERROR;
        }
        if (lineErrors != 0) {
            lineErrors = 0; // error bits clear when LSR is read
            updateIrq();
        }
        return v;
    }

    // ---------------------------------------------------------------- transmitter

    private void transmit(int b) {
        if ((mcr & MCR_LOOP) != 0) {
            receive(b); // loopback: the transmitter shift register feeds the receiver
        } else {
            backend.write(b);
        }
        // THR empties at once, which (re)arms the THRE interrupt (datasheet Table IV).
        thrInterrupt = true;
        updateIrq();
    }

    // ---------------------------------------------------------------- interrupts

    private void writeInterruptEnable(int v) {
        int enabled = v & 0x0F;
        if ((enabled & IER_THRE) != 0 && (ier & IER_THRE) == 0) {
            thrInterrupt = true; // enabling ETBEI while THR is empty interrupts at once
        }
        ier = enabled;
        updateIrq();
    }

    /** The highest-priority pending source (datasheet Table IV), as IIR bits 3:0. */
    private int pendingInterrupt() {
        if ((ier & IER_RLS) != 0 && lineErrors != 0) {
            return IIR_RLS;
        }
        if ((ier & IER_RDA) != 0 && rxCount > 0 && (!fifosEnabled || rxCount >= triggerLevel)) {
            return IIR_RDA;
        }
        if ((ier & IER_RDA) != 0 && fifosEnabled && characterTimeout && rxCount > 0) {
            return IIR_CTI;
        }
        if ((ier & IER_THRE) != 0 && thrInterrupt) {
            return IIR_THRE;
        }
        if ((ier & IER_MS) != 0 && msrDeltas != 0) {
            return IIR_MS;
        }
        return IIR_NONE;
    }

    private int readInterruptIdentification() {
        int id = pendingInterrupt();
        if (id == IIR_THRE) {
            thrInterrupt = false; // reading IIR with THRE as the source clears it
            updateIrq();
        }
        return id | (fifosEnabled ? IIR_FIFOS_ENABLED : 0);
    }

    private void writeFifoControl(int v) {
        boolean enable = (v & FCR_ENABLE) != 0;
        if (enable != fifosEnabled) {
            rxCount = 0; // changing FCR0 clears both FIFOs
            rxHead = 0;
            characterTimeout = false;
        }
        fifosEnabled = enable;
        if (enable) {
            if ((v & FCR_CLEAR_RX) != 0) {
                rxCount = 0;
                rxHead = 0;
                characterTimeout = false;
            }
            // FCR_CLEAR_TX: the transmit FIFO is always empty here.
            triggerLevel = TRIGGER_LEVELS[(v >>> 6) & 3];
        }
        updateIrq();
    }

    private void updateIrq() {
        // On the PC the INTR pin reaches the interrupt controller only through a buffer enabled
        // by OUT2, and loopback forces OUT2 inactive (datasheet 8.9).
        boolean level = pendingInterrupt() != IIR_NONE && (mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    // ---------------------------------------------------------------- modem control and status

    private void writeModemControl(int v) {
        int before = modemLines();
        mcr = v & 0x1F;
        noteModemLineChange(before, modemLines());
        updateIrq();
    }

    /** The MSR high nibble: CTS, DSR, RI, DCD as the chip sees them now. */
    private int modemLines() {
        if ((mcr & MCR_LOOP) == 0) {
            return HOST_MODEM_LINES;
        }
        // Loopback (datasheet 8.9): RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD
        int v = 0;
        if ((mcr & MCR_RTS) != 0) {
            v |= MSR_CTS;
        }
        if ((mcr & MCR_DTR) != 0) {
            v |= MSR_DSR;
        }
        if ((mcr & MCR_OUT1) != 0) {
            v |= MSR_RI;
        }
        if ((mcr & MCR_OUT2) != 0) {
            v |= MSR_DCD;
        }
        return v;
    }

    private void noteModemLineChange(int before, int after) {
        int changed = before ^ after;
        if ((changed & MSR_CTS) != 0) {
            msrDeltas |= MSR_DCTS;
        }
        if ((changed & MSR_DSR) != 0) {
            msrDeltas |= MSR_DDSR;
        }
        if ((before & MSR_RI) != 0 && (after & MSR_RI) == 0) {
            msrDeltas |= MSR_TERI; // trailing edge of ring indicator only
        }
        if ((changed & MSR_DCD) != 0) {
            msrDeltas |= MSR_DDCD;
        }
    }

    private int readModemStatus() {
        int v = modemLines() | msrDeltas;
        if (msrDeltas != 0) {
            msrDeltas = 0; // delta bits clear when MSR is read
            updateIrq();
        }
        return v;
    }

    // ---------------------------------------------------------------- inspection and state

    /** True while the UART drives its interrupt line. */
    public boolean irqAsserted() {
        return irqLevel;
    }

    /** Accesses that hit no register (writes to LSR/MSR, offsets past 7). */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    private void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("UART: ignored {}", what);
    }

    public Uart16550State saveState() {
        byte[] fifo = new byte[rxCount];
        for (int i = 0; i < rxCount; i++) {
            fifo[i] = rx[(rxHead + i) % FIFO_SIZE];
        }
        return new Uart16550State(dll, dlm, ier, lcr, mcr, scr, fifosEnabled, triggerLevel, lineErrors,
                msrDeltas, thrInterrupt, characterTimeout, lastReceived, fifo);
    }

    public void restoreState(Uart16550State s) {
        dll = s.divisorLatchLow();
        dlm = s.divisorLatchHigh();
        ier = s.interruptEnable();
        lcr = s.lineControl();
        mcr = s.modemControl();
        scr = s.scratch();
        fifosEnabled = s.fifosEnabled();
        triggerLevel = s.receiveTriggerLevel();
        lineErrors = s.lineStatusErrors();
        msrDeltas = s.modemStatusDeltas();
        thrInterrupt = s.transmitterEmptyInterrupt();
        characterTimeout = s.characterTimeout();
        lastReceived = s.lastReceived();
        byte[] fifo = s.receiveFifo();
        rxHead = 0;
        rxCount = Math.min(fifo.length, FIFO_SIZE);
        System.arraycopy(fifo, 0, rx, 0, rxCount);
        updateIrq();
    }
}
