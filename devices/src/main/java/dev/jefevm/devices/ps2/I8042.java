package dev.jefevm.devices.ps2;

import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Intel 8042 keyboard/auxiliary device controller of the PC/AT and PS/2 (IBM PS/2 Hardware
 * Interface Technical Reference, "Keyboard/Auxiliary Device Controller"): one output buffer
 * filled from the controller itself, the keyboard port or the auxiliary (mouse) port; the status
 * register; the command byte (interrupt enables, system flag, port clock disables, set-2 to
 * set-1 translation) and its 32 bytes of RAM; the self-test, interface-test, enable/disable,
 * input-port, output-port (A20 gate and reset line), buffer-write and pulse commands. IRQ 1 and
 * IRQ 12 are levels that follow "output buffer full from that port, interrupt enabled"; each
 * new byte drops and raises the line again so an edge-triggered 8259 sees every byte.
 *
 * <p>The board maps {@link #dataPort()} at 0x60 and {@link #commandPort()} at 0x64. Scope,
 * honestly: transfers to the devices are instantaneous, so the input buffer is never full and
 * the timeout and parity error bits are never set; the password and keyboard-lock features
 * are absent (the inhibit switch reads "not inhibited").
 */
public final class I8042 {

    private static final Logger LOG = LoggerFactory.getLogger(I8042.class);

    // Status register bits
    static final int STATUS_OBF = 0x01, STATUS_IBF = 0x02, STATUS_SYS = 0x04, STATUS_COMMAND = 0x08,
            STATUS_NOT_INHIBITED = 0x10, STATUS_AUX_OBF = 0x20, STATUS_TIMEOUT = 0x40, STATUS_PARITY = 0x80;
    // Command byte bits
    static final int CMD_IRQ1 = 0x01, CMD_IRQ12 = 0x02, CMD_SYS = 0x04, CMD_KBD_DISABLED = 0x10,
            CMD_AUX_DISABLED = 0x20, CMD_TRANSLATE = 0x40;
    // Output port bits
    static final int OUT_RESET = 0x01, OUT_A20 = 0x02, OUT_KBD_OBF = 0x10, OUT_AUX_OBF = 0x20;

    /** The command byte a PC BIOS leaves behind: keyboard interrupt, system flag, translation. */
    static final int DEFAULT_COMMAND_BYTE = CMD_IRQ1 | CMD_SYS | CMD_TRANSLATE;
    /** Input port: keyboard not inhibited (bit 7), no manufacturing jumper (bit 5), bit 4 set. */
    static final int INPUT_PORT = 0xB0;
    private static final int NO_COMMAND = -1;
    private static final int AUX_TAG = 0x100;

    private final Ps2Device keyboard;
    private final Ps2Device mouse;
    private final IrqLine irq1;
    private final IrqLine irq12;
    private final I8042Outputs outputs;
    private final ScancodeTranslator translator = new ScancodeTranslator();
    private final IoPortDevice dataPort = new Port(false);
    private final IoPortDevice commandPort = new Port(true);

    /** Internal RAM; byte 0 is the command byte (commands 0x20..0x3F read, 0x60..0x7F write). */
    private final int[] ram = new int[32];
    private int outputPort = OUT_RESET | OUT_A20;
    private boolean lastWriteWasCommand;
    private int pendingCommand = NO_COMMAND;
    /** Bytes the controller itself answers, queued ahead of device data; AUX_TAG marks aux ones. */
    private final int[] replies = new int[4];
    private int replyHead;
    private int replyCount;
    private int outputBuffer;
    private boolean outputFull;
    private boolean outputFromAux;
    private boolean irq1Level;
    private boolean irq12Level;
    private long ignoredAccesses;

    public I8042(Ps2Device keyboard, Ps2Device mouse, IrqLine irq1, IrqLine irq12, I8042Outputs outputs) {
        this.keyboard = keyboard;
        this.mouse = mouse;
        this.irq1 = irq1;
        this.irq12 = irq12;
        this.outputs = outputs;
        ram[0] = DEFAULT_COMMAND_BYTE;
        keyboard.output().setListener(this::fillOutputBuffer);
        mouse.output().setListener(this::fillOutputBuffer);
    }

    /** The data port (0x60 on a PC): output buffer reads, device and command-argument writes. */
    public IoPortDevice dataPort() {
        return dataPort;
    }

    /** The status/command port (0x64 on a PC): status reads, controller command writes. */
    public IoPortDevice commandPort() {
        return commandPort;
    }

    /** Accesses ignored (wrong offset or width, unknown commands), for diagnostics. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    public int commandByte() {
        return ram[0];
    }

    /** Whether output port bit 1 lets A20 through. */
    public boolean a20Enabled() {
        return (outputPort & OUT_A20) != 0;
    }

    // ---------------------------------------------------------------- registers

    int readStatus() {
        int status = STATUS_NOT_INHIBITED;
        if (outputFull) {
            status |= STATUS_OBF | (outputFromAux ? STATUS_AUX_OBF : 0);
        }
        if ((ram[0] & CMD_SYS) != 0) {
            status |= STATUS_SYS;
        }
        if (lastWriteWasCommand) {
            status |= STATUS_COMMAND;
        }
        return status;
    }

    int readData() {
        int value = outputBuffer;
        if (outputFull) {
            outputFull = false;
            updateIrqs();
            fillOutputBuffer();
        }
        return value; // an empty buffer reads as the last byte again
    }

    void writeData(int value) {
        lastWriteWasCommand = false;
        int command = pendingCommand;
        pendingCommand = NO_COMMAND;
        if (command == NO_COMMAND) {
            keyboard.receive(value);
            return;
        }
        switch (command) {
            case 0xD1 -> writeOutputPort(value);
            case 0xD2 -> reply(value); // as if from the keyboard (not translated)
            case 0xD3 -> reply(value | AUX_TAG);
            case 0xD4 -> mouse.receive(value);
            default -> { // 0x60..0x7F: write internal RAM
                ram[command & 0x1F] = value;
                if ((command & 0x1F) == 0) {
                    commandByteChanged();
                }
            }
        }
    }

    void writeCommand(int cmd) {
        lastWriteWasCommand = true;
        pendingCommand = NO_COMMAND;
        if (cmd >= 0x20 && cmd <= 0x3F) {
            reply(ram[cmd & 0x1F]);
        } else if ((cmd >= 0x60 && cmd <= 0x7F) || (cmd >= 0xD1 && cmd <= 0xD4)) {
            pendingCommand = cmd; // the argument comes through the data port
        } else if (cmd >= 0xF0) {
            // Pulse output port bits 3..0 low for 6 us where the command has a 0; bit 0 is reset
            if ((cmd & OUT_RESET) == 0) {
                outputs.resetRequested();
            }
        } else {
            controllerCommand(cmd);
        }
    }

    private void controllerCommand(int cmd) {
        switch (cmd) {
            case 0xA7 -> setCommandBits(CMD_AUX_DISABLED, true);
            case 0xA8 -> setCommandBits(CMD_AUX_DISABLED, false);
            case 0xA9, 0xAB -> reply(0x00); // auxiliary / keyboard interface test: no error
            case 0xAA -> reply(0x55); // self-test passed
            case 0xAD -> setCommandBits(CMD_KBD_DISABLED, true);
            case 0xAE -> setCommandBits(CMD_KBD_DISABLED, false);
            case 0xC0 -> reply(INPUT_PORT);
            case 0xD0 -> reply(readOutputPort());
            case 0xDD -> writeOutputPort(outputPort & ~OUT_A20); // A20 gate commands of later controllers
            case 0xDF -> writeOutputPort(outputPort | OUT_A20);
            default -> ignored("unknown controller command 0x" + Integer.toHexString(cmd));
        }
    }

    private int readOutputPort() {
        return (outputPort & ~(OUT_KBD_OBF | OUT_AUX_OBF)) | (irq1Level ? OUT_KBD_OBF : 0)
                | (irq12Level ? OUT_AUX_OBF : 0);
    }

    private void writeOutputPort(int value) {
        boolean a20Before = a20Enabled();
        outputPort = value & 0xFF;
        if (a20Enabled() != a20Before) {
            outputs.a20Changed(a20Enabled());
        }
        if ((value & OUT_RESET) == 0) {
            outputs.resetRequested();
        }
    }

    private void setCommandBits(int bits, boolean set) {
        ram[0] = set ? ram[0] | bits : ram[0] & ~bits;
        commandByteChanged();
    }

    private void commandByteChanged() {
        if ((ram[0] & CMD_TRANSLATE) == 0) {
            translator.reset();
        }
        updateIrqs();
        fillOutputBuffer(); // a port just enabled may have bytes waiting
    }

    // ---------------------------------------------------------------- output buffer

    private void reply(int taggedValue) {
        if (replyCount == replies.length) {
            ignored("controller reply queue full");
            return;
        }
        replies[(replyHead + replyCount) % replies.length] = taggedValue;
        replyCount++;
        fillOutputBuffer();
    }

    /** Moves the next byte (controller first, then keyboard, then mouse) into an empty buffer. */
    private void fillOutputBuffer() {
        while (!outputFull) {
            if (replyCount > 0) {
                int tagged = replies[replyHead];
                replyHead = (replyHead + 1) % replies.length;
                replyCount--;
                present(tagged & 0xFF, (tagged & AUX_TAG) != 0);
            } else if ((ram[0] & CMD_KBD_DISABLED) == 0 && !keyboard.output().isEmpty()) {
                int raw = keyboard.output().poll();
                int value = (ram[0] & CMD_TRANSLATE) != 0 ? translator.translate(raw) : raw;
                if (value >= 0) {
                    present(value, false);
                }
            } else if ((ram[0] & CMD_AUX_DISABLED) == 0 && !mouse.output().isEmpty()) {
                present(mouse.output().poll(), true);
            } else {
                return;
            }
        }
    }

    private void present(int value, boolean fromAux) {
        outputBuffer = value;
        outputFromAux = fromAux;
        outputFull = true;
        updateIrqs();
    }

    private void updateIrqs() {
        boolean kbd = outputFull && !outputFromAux && (ram[0] & CMD_IRQ1) != 0;
        boolean aux = outputFull && outputFromAux && (ram[0] & CMD_IRQ12) != 0;
        if (kbd != irq1Level) {
            irq1Level = kbd;
            irq1.set(kbd);
        }
        if (aux != irq12Level) {
            irq12Level = aux;
            irq12.set(aux);
        }
    }

    private void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("8042: ignored {}", what);
    }

    /** One of the two single-port views the board maps. */
    private final class Port implements IoPortDevice {

        private final boolean command;

        Port(boolean command) {
            this.command = command;
        }

        @Override
        public int read(int offset, int size) {
            if (offset != 0 || size != 1) {
                ignored("read of " + size + " bytes at offset " + offset);
                return size == 4 ? -1 : (1 << (size * 8)) - 1;
            }
            return command ? readStatus() : readData();
        }

        @Override
        public void write(int offset, int size, int value) {
            if (offset != 0 || size != 1) {
                ignored("write of " + size + " bytes at offset " + offset);
                return;
            }
            if (command) {
                writeCommand(value & 0xFF);
            } else {
                writeData(value & 0xFF);
            }
        }
    }

    // ---------------------------------------------------------------- saved state

    public I8042State saveState() {
        byte[] savedRam = new byte[ram.length];
        for (int i = 0; i < ram.length; i++) {
            savedRam[i] = (byte) ram[i];
        }
        int[] queued = new int[replyCount];
        for (int i = 0; i < replyCount; i++) {
            queued[i] = replies[(replyHead + i) % replies.length];
        }
        return new I8042State(savedRam, outputPort, lastWriteWasCommand, pendingCommand, queued,
                outputBuffer, outputFull, outputFromAux, translator.breakPending());
    }

    /** Restores the controller (restore the keyboard and mouse first); the IRQ lines are driven to match. */
    public void restoreState(I8042State s) {
        byte[] savedRam = s.ram();
        for (int i = 0; i < ram.length; i++) {
            ram[i] = i < savedRam.length ? savedRam[i] & 0xFF : 0;
        }
        outputPort = s.outputPort() & 0xFF;
        lastWriteWasCommand = s.lastWriteWasCommand();
        pendingCommand = s.pendingCommand();
        int[] queued = s.replies();
        replyHead = 0;
        replyCount = Math.min(queued.length, replies.length);
        System.arraycopy(queued, 0, replies, 0, replyCount);
        outputBuffer = s.outputBuffer() & 0xFF;
        outputFull = s.outputFull();
        outputFromAux = s.outputFromAux();
        translator.restore(s.translatorBreakPending());
        // drive both lines from scratch so the controller and its wires agree after a restore
        irq1Level = outputFull && !outputFromAux && (ram[0] & CMD_IRQ1) != 0;
        irq12Level = outputFull && outputFromAux && (ram[0] & CMD_IRQ12) != 0;
        irq1.set(irq1Level);
        irq12.set(irq12Level);
        fillOutputBuffer();
    }
}
