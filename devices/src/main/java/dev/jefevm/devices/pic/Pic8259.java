package dev.jefevm.devices.pic;

import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Intel 8259A programmable interrupt controller (Intel 8259A datasheet, order 231468): the
 * IRR, ISR and IMR registers, the ICW1-ICW4 initialization sequence, OCW1-OCW3, edge or level
 * triggered inputs (ICW1.LTIM, or the PIIX ELCR bit the board sets), fully nested and special
 * fully nested priority with rotation, automatic EOI, special mask mode and poll mode.
 *
 * <p>The chip sees eight request inputs ({@link #line(int)}) and drives its INT output through the
 * {@link IrqLine} it was given. The CPU-side INTA cycle is split in two so a cascade can be
 * modelled by {@link Pic8259Pair}: {@link #acknowledgeLevel()} resolves and records the winning
 * request, {@link #vectorFor(int)} turns it into the byte the chip would put on the data bus.
 * Only the x86 (uPM = 1) mode is modelled; the 8080 call-address bytes are not. As an
 * {@link IoPortDevice} it has two byte ports: offset 0 (A0 = 0) and offset 1 (A0 = 1); wider
 * accesses are split into bytes at consecutive offsets, as on the ISA bus.
 */
public final class Pic8259 implements IoPortDevice {

    private static final Logger LOG = LoggerFactory.getLogger(Pic8259.class);

    /** {@link #acknowledgeLevel()} result when nothing was pending: the chip answers IR7 (datasheet "Interrupt sequence"). */
    public static final int SPURIOUS = -1;

    // ICW1 bits (datasheet Figure 7)
    private static final int ICW1_IC4 = 0x01, ICW1_SNGL = 0x02, ICW1_LTIM = 0x08, ICW1_INIT = 0x10;
    // ICW4 bits
    private static final int ICW4_AEOI = 0x02, ICW4_SFNM = 0x10;
    // OCW3 bits (datasheet Figure 8)
    private static final int OCW3_SELECT = 0x08, OCW3_READ_REGISTER = 0x02, OCW3_READ_ISR = 0x01,
            OCW3_POLL = 0x04, OCW3_ESMM = 0x40, OCW3_SMM = 0x20;

    /** Where the ICW sequence stands: waiting for ICW2, ICW3, ICW4, or done (OCWs accepted). */
    private enum InitStep { ICW2, ICW3, ICW4, READY }

    private final String name;
    private final IrqLine intOutput;
    private final IrqLine[] lines = new IrqLine[8];

    private int irr;
    private int isr;
    private int imr;
    /** Input levels as last driven: a rising edge is a 0 to 1 change here. */
    private int levels;
    /** Inputs in level-triggered mode, from the board's ELCR byte. */
    private int elcr;
    private boolean ltim;
    private int vectorBase;
    private int cascadeWord;
    private boolean singleMode = true;
    private boolean icw4Expected;
    private boolean autoEoi;
    private boolean rotateInAutoEoi;
    private boolean specialFullyNested;
    private boolean specialMask;
    private boolean readIsr;
    private boolean pollNext;
    /** The IR with the lowest priority; IR (lowest + 1) mod 8 has the highest (datasheet "Rotation"). */
    private int lowestPriority = 7;
    private InitStep step = InitStep.READY;
    private boolean outputLevel;
    private long ignoredAccesses;

    /** A chip whose INT pin drives {@code intOutput}; {@code name} appears only in debug logs. */
    public Pic8259(String name, IrqLine intOutput) {
        this.name = name;
        this.intOutput = intOutput;
        for (int ir = 0; ir < 8; ir++) {
            int bit = 1 << ir;
            lines[ir] = asserted -> input(bit, asserted);
        }
    }

    /** The request input IR{@code ir} (0-7) as a wire a device or the slave drives. */
    public IrqLine line(int ir) {
        return lines[ir & 7];
    }

    /** Puts the chip in its power-on state: uninitialised, nothing pending or in service, all unmasked. */
    public void reset() {
        isr = 0;
        imr = 0;
        ltim = false;
        vectorBase = 0;
        cascadeWord = 0;
        singleMode = true;
        icw4Expected = false;
        autoEoi = false;
        rotateInAutoEoi = false;
        specialFullyNested = false;
        specialMask = false;
        readIsr = false;
        pollNext = false;
        lowestPriority = 7;
        step = InitStep.READY;
        irr = levels & elcr;
        updateOutput();
    }

    // ---------------------------------------------------------------- request inputs

    private void input(int bit, boolean asserted) {
        boolean wasHigh = (levels & bit) != 0;
        levels = asserted ? levels | bit : levels & ~bit;
        if (isLevelTriggered(bit)) {
            // Level mode: IRR follows the input (datasheet "Edge and level triggered modes")
            irr = asserted ? irr | bit : irr & ~bit;
        } else if (asserted && !wasHigh) {
            irr |= bit; // edge mode: the rising edge is latched and survives the input falling
        }
        updateOutput();
    }

    private boolean isLevelTriggered(int bit) {
        return ltim || (elcr & bit) != 0;
    }

    /** Sets which inputs are level triggered (the PIIX ELCR byte for this chip); 1 = level. */
    void setEdgeLevelControl(int value) {
        elcr = value & 0xFF;
        irr = (irr & ~elcr) | (levels & elcr);
        updateOutput();
    }

    int edgeLevelControl() {
        return elcr;
    }

    // ---------------------------------------------------------------- priority resolution

    /** Priority rank of IR {@code ir}: 0 is served first. */
    private int rank(int ir) {
        return (ir - lowestPriority - 1) & 7;
    }

    /** The IR of the highest-priority set bit in {@code bits}, or -1. */
    private int highest(int bits) {
        for (int r = 0; r < 8; r++) {
            int ir = (lowestPriority + 1 + r) & 7;
            if ((bits & (1 << ir)) != 0) {
                return ir;
            }
        }
        return -1;
    }

    /** The request the chip would raise INT for now, or -1. */
    private int resolve() {
        int requests = irr & ~imr;
        if (requests == 0) {
            return -1;
        }
        // Special mask mode: a masked in-service level no longer blocks lower ones (datasheet "Special mask mode").
        int blocking = specialMask ? isr & ~imr : isr;
        if (specialFullyNested) {
            // SFNM: a cascade input in service lets a further request on the same input through,
            // so a higher-priority slave request reaches the CPU (datasheet "Special fully nested mode").
            blocking &= ~slaveInputs();
        }
        int candidate = highest(requests);
        int inService = highest(blocking);
        if (inService >= 0 && rank(candidate) >= rank(inService)) {
            return -1;
        }
        return candidate;
    }

    private int slaveInputs() {
        return singleMode ? 0 : cascadeWord;
    }

    /** True when INT is high: an unmasked request outranks everything in service. */
    public boolean interruptPending() {
        return resolve() >= 0;
    }

    /**
     * The INTA cycle as the chip sees it: the winning request moves from IRR to ISR (or, in
     * automatic EOI mode, is ended at once) and its IR number is returned; {@link #SPURIOUS}
     * when nothing is pending, in which case no ISR bit is set.
     */
    public int acknowledgeLevel() {
        int ir = resolve();
        if (ir < 0) {
            return SPURIOUS;
        }
        int bit = 1 << ir;
        if (!isLevelTriggered(bit)) {
            irr &= ~bit; // the edge latch is consumed; a new rising edge is needed
        }
        if (autoEoi) {
            if (rotateInAutoEoi) {
                lowestPriority = ir; // datasheet "Automatic rotation": the served IR becomes lowest
            }
        } else {
            isr |= bit;
        }
        updateOutput();
        return ir;
    }

    /** The vector byte for an {@link #acknowledgeLevel()} result: ICW2 base plus IR, IR7 when spurious. */
    public int vectorFor(int level) {
        return vectorBase | (level == SPURIOUS ? 7 : level);
    }

    /** A whole INTA cycle on a chip with no slave: the vector byte. */
    public int acknowledge() {
        return vectorFor(acknowledgeLevel());
    }

    /** True when IR {@code ir} has a slave on it (ICW3 of a cascaded master). */
    public boolean isSlaveInput(int ir) {
        return (slaveInputs() & (1 << ir)) != 0;
    }

    private void updateOutput() {
        boolean level = resolve() >= 0;
        if (level != outputLevel) {
            outputLevel = level;
            intOutput.set(level);
        }
    }

    /** The INT output as last driven. */
    boolean outputLevel() {
        return outputLevel;
    }

    // ---------------------------------------------------------------- register access

    @Override
    public int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            int a0 = offset + i;
            if (a0 < 2) {
                value |= readRegister(a0) << (8 * i);
            } else {
                ignored("read beyond port offset 1");
                value |= 0xFF << (8 * i);
            }
        }
        return value;
    }

    @Override
    public void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int a0 = offset + i;
            if (a0 < 2) {
                writeRegister(a0, value >>> (8 * i));
            } else {
                ignored("write beyond port offset 1");
            }
        }
    }

    /** Reads the A0 = 0 port ({@code a0 == 0}: IRR, ISR or poll word) or the A0 = 1 port (IMR). */
    public int readRegister(int a0) {
        if (pollNext) {
            pollNext = false;
            return pollWord();
        }
        if (a0 != 0) {
            return imr;
        }
        return readIsr ? isr : irr;
    }

    /** Poll mode (datasheet "The poll command"): the read acts as INTA; bit 7 says whether one was pending. */
    private int pollWord() {
        int ir = resolve();
        if (ir < 0) {
            return 0;
        }
        acknowledgeLevel();
        return 0x80 | ir;
    }

    /** Writes the A0 = 0 port (ICW1, OCW2, OCW3) or the A0 = 1 port (ICW2-4, OCW1). */
    public void writeRegister(int a0, int value) {
        value &= 0xFF;
        if (a0 == 0) {
            if ((value & ICW1_INIT) != 0) {
                initialize(value);
            } else if ((value & OCW3_SELECT) != 0) {
                operationCommand3(value);
            } else {
                operationCommand2(value);
            }
            return;
        }
        switch (step) {
            case ICW2 -> {
                vectorBase = value & 0xF8; // T7-T3; the low three bits come from the IR number
                step = singleMode ? (icw4Expected ? InitStep.ICW4 : InitStep.READY) : InitStep.ICW3;
            }
            case ICW3 -> {
                cascadeWord = value;
                step = icw4Expected ? InitStep.ICW4 : InitStep.READY;
            }
            case ICW4 -> {
                autoEoi = (value & ICW4_AEOI) != 0;
                specialFullyNested = (value & ICW4_SFNM) != 0;
                step = InitStep.READY;
            }
            case READY -> imr = value; // OCW1
        }
        updateOutput();
    }

    /**
     * ICW1 (datasheet "Initialization command words"): the edge-sense circuit is reset (an input
     * already high must fall and rise again), IMR is cleared, IR7 becomes lowest priority, special
     * mask mode is cleared and a status read returns IRR; without IC4 the ICW4 functions are
     * cleared. The datasheet leaves ISR alone; we clear it too so a re-initialised chip starts
     * with nothing in service, as firmware expects.
     */
    private void initialize(int icw1) {
        icw4Expected = (icw1 & ICW1_IC4) != 0;
        singleMode = (icw1 & ICW1_SNGL) != 0;
        ltim = (icw1 & ICW1_LTIM) != 0;
        imr = 0;
        isr = 0;
        irr = ltim ? levels : levels & elcr;
        lowestPriority = 7;
        specialMask = false;
        readIsr = false;
        pollNext = false;
        rotateInAutoEoi = false;
        if (!icw4Expected) {
            autoEoi = false;
            specialFullyNested = false;
        }
        step = InitStep.ICW2;
        updateOutput();
    }

    /** OCW2 (datasheet Figure 8): the R, SL, EOI bits select the command, L2-L0 the level. */
    private void operationCommand2(int value) {
        int level = value & 7;
        switch (value >>> 5) {
            case 0b001 -> endOfInterrupt(highest(isr), false);
            case 0b011 -> endOfInterrupt(level, false);
            case 0b101 -> endOfInterrupt(highest(isr), true);
            case 0b111 -> endOfInterrupt(level, true);
            case 0b100 -> rotateInAutoEoi = true;
            case 0b000 -> rotateInAutoEoi = false;
            case 0b110 -> lowestPriority = level; // set priority command
            default -> { } // 0b010: no operation
        }
        updateOutput();
    }

    private void endOfInterrupt(int ir, boolean rotate) {
        if (ir < 0) {
            ignored("non-specific EOI with nothing in service");
            return;
        }
        isr &= ~(1 << ir);
        if (rotate) {
            lowestPriority = ir;
        }
    }

    /** OCW3: special mask mode (ESMM+SMM), poll command, and which register an A0 = 0 read returns. */
    private void operationCommand3(int value) {
        if ((value & OCW3_ESMM) != 0) {
            specialMask = (value & OCW3_SMM) != 0;
        }
        if ((value & OCW3_POLL) != 0) {
            pollNext = true;
        }
        if ((value & OCW3_READ_REGISTER) != 0) {
            readIsr = (value & OCW3_READ_ISR) != 0;
        }
        updateOutput();
    }

    void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("PIC {}: ignored {}", name, what);
    }

    /** Accesses and commands ignored as meaningless (wrong port offset, EOI with nothing in service). */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    int irr() {
        return irr;
    }

    int isr() {
        return isr;
    }
}
