package dev.jefevm.devices.pic;

import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;

/**
 * The PC/AT pair of Intel 8259A controllers (8259A datasheet "Cascade mode"; PIIX3 datasheet
 * section 2.6 "Interrupt controller registers"): a master whose IR2 is driven by the slave's INT
 * output, sixteen request inputs IRQ0-15 ({@link #line(int)}), the INTR output the CPU samples
 * ({@link #interruptPending()}) and the full INTA cycle ({@link #acknowledge()}), in which the
 * master names the slave and the slave supplies the vector.
 *
 * <p>The board maps {@link #master()} at ports 0x20-0x21, {@link #slave()} at 0xA0-0xA1 and
 * {@link #edgeLevelControl()} (the PIIX ELCR pair) at 0x4D0-0x4D1. The pair itself only wires the
 * chips together; it does not program them (the guest's ICW sequence does).
 */
public final class Pic8259Pair {

    /** The master input the slave's INT pin is wired to on the PC/AT. */
    public static final int CASCADE_INPUT = 2;

    private final Pic8259 master;
    private final Pic8259 slave;
    private final ElcrPorts elcr;

    /** A pair whose master INT pin drives {@code intr} (the CPU's INTR input; may be {@link IrqLine#DISCONNECTED}). */
    public Pic8259Pair(IrqLine intr) {
        this.master = new Pic8259("master", intr);
        this.slave = new Pic8259("slave", master.line(CASCADE_INPUT));
        this.elcr = new ElcrPorts(master, slave);
    }

    /** Request input IRQ {@code irq} (0-15): 0-7 on the master, 8-15 on the slave. */
    public IrqLine line(int irq) {
        return irq < 8 ? master.line(irq) : slave.line(irq - 8);
    }

    /** INTR: the master has an unmasked request that outranks everything it has in service. */
    public boolean interruptPending() {
        return master.interruptPending();
    }

    /**
     * The INTA cycle: the vector the CPU receives. The master resolves first; if it picks the
     * cascade input the slave resolves and supplies the vector. Nothing pending at the master
     * gives master base + 7 with no ISR bit; nothing pending at the slave gives slave base + 7
     * with no slave ISR bit, but the master's IR2 is in service and still needs its EOI, as on
     * real hardware.
     */
    public int acknowledge() {
        int level = master.acknowledgeLevel();
        if (level == Pic8259.SPURIOUS || !master.isSlaveInput(level)) {
            return master.vectorFor(level);
        }
        int vector = slave.vectorFor(slave.acknowledgeLevel());
        if (slave.outputLevel()) {
            // INT of the slave stays high (automatic EOI, or a higher request arrived): the master's
            // edge latch was consumed by this INTA, so the still-raised INT counts as a new edge.
            master.line(CASCADE_INPUT).set(false);
            master.line(CASCADE_INPUT).set(true);
        }
        return vector;
    }

    /** Both chips to their power-on state (also the ELCR, which PIIX3 resets to all edge). */
    public void reset() {
        elcr.write(0, 2, 0);
        master.reset();
        slave.reset();
    }

    /** The master chip, for ports 0x20-0x21. */
    public Pic8259 master() {
        return master;
    }

    /** The slave chip, for ports 0xA0-0xA1. */
    public Pic8259 slave() {
        return slave;
    }

    /** The ELCR pair, for ports 0x4D0-0x4D1. */
    public IoPortDevice edgeLevelControl() {
        return elcr;
    }
}
