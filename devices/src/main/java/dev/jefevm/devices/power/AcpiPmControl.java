package dev.jefevm.devices.power;

import dev.jefevm.core.platform.Platform.StopReason;
import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACPI fixed-hardware PM1a register blocks (ACPI 6.5 section 4.8.3.1 and 4.8.3.2): the
 * event block holds PM1_STS (write 1 to clear) and PM1_EN; the control block holds PM1_CNT.
 * Writing PM1_CNT with SLP_EN set and SLP_TYP equal to {@link #S5_SLEEP_TYPE} (the value the
 * DSDT's {@code \_S5_} package advertises) powers the machine off.
 *
 * The fixed power button ({@link #pressPowerButton()}) sets PWRBTN_STS (table 4.13) and, while
 * PWRBTN_EN is set, asserts the SCI until software clears the status bit (4.8.2.2.1.1).
 *
 * <p>Scope: soft-off and the power button. No other event sets a status bit (no PM timer,
 * no sleep button), SCI_EN always reads 1 (there is no SMI_CMD port: the machine is always in ACPI mode,
 * ACPI 6.5 4.8.2.5), and other sleep types are ignored (counted, logged at debug).
 */
public final class AcpiPmControl {

    private static final Logger LOG = LoggerFactory.getLogger(AcpiPmControl.class);

    /** The SLP_TYP value for S5 (soft off) on this board; the DSDT's {@code \_S5_} names it. */
    public static final int S5_SLEEP_TYPE = 5;

    /** PM1_EVT_LEN: PM1_STS and PM1_EN, two bytes each. */
    public static final int EVENT_BLOCK_LENGTH = 4;
    /** PM1_CNT_LEN. */
    public static final int CONTROL_BLOCK_LENGTH = 2;

    // PM1_EN bits that exist (ACPI 6.5 table 4.14): TMR_EN, GBL_EN, PWRBTN_EN, SLPBTN_EN, RTC_EN, PCIEXP_WAKE_DIS
    /** PWRBTN_STS in PM1_STS and PWRBTN_EN in PM1_EN: the same bit 8 (ACPI 6.5 tables 4.13, 4.14). */
    public static final int PWRBTN = 1 << 8;
    private static final int PM1_EN_WRITABLE = 0x0001 | 0x0020 | 0x0100 | 0x0200 | 0x0400 | 0x4000;
    // PM1_CNT bits (ACPI 6.5 table 4.16)
    static final int SCI_EN = 1, BM_RLD = 1 << 1, GBL_RLS = 1 << 2, SLP_TYP_SHIFT = 10, SLP_EN = 1 << 13;
    private static final int PM1_CNT_STORED = BM_RLD | (7 << SLP_TYP_SHIFT);

    private final MachineControl machine;
    private final IrqLine sci;
    private final IoPortDevice eventBlock = new EventBlock();
    private final IoPortDevice controlBlock = new ControlBlock();
    private int pm1Status;
    private int pm1Enable;
    private int pm1Control;
    private long ignoredSleepRequests;

    /** PM1 blocks with no SCI wired (the power button then only sets its status bit). */
    public AcpiPmControl(MachineControl machine) {
        this(machine, IrqLine.DISCONNECTED);
    }

    /** PM1 blocks that drive {@code sci} (a level, asserted while an enabled status bit is set). */
    public AcpiPmControl(MachineControl machine, IrqLine sci) {
        this.machine = machine;
        this.sci = sci;
    }

    /** The power button was pressed (the host's system_powerdown): PWRBTN_STS, SCI if enabled. */
    public void pressPowerButton() {
        pm1Status |= PWRBTN;
        updateSci();
    }

    // ACPI 6.5 4.8.3.1: the SCI is raised while any status bit and its enable bit are both set.
    private void updateSci() {
        sci.set((pm1Status & pm1Enable & PWRBTN) != 0);
    }

    /** The PM1a_EVT_BLK registers, to be mapped at the FADT's PM1a_EVT_BLK port. */
    public IoPortDevice eventBlock() {
        return eventBlock;
    }

    /** The PM1a_CNT_BLK register, to be mapped at the FADT's PM1a_CNT_BLK port. */
    public IoPortDevice controlBlock() {
        return controlBlock;
    }

    public void reset() {
        pm1Status = 0;
        pm1Enable = 0;
        pm1Control = 0;
        updateSci();
    }

    /** Sleep requests for states other than S5, which this board does not implement. */
    public long ignoredSleepRequests() {
        return ignoredSleepRequests;
    }

    public AcpiPmState saveState() {
        return new AcpiPmState(pm1Status, pm1Enable, pm1Control);
    }

    public void restoreState(AcpiPmState s) {
        pm1Status = s.pm1Status();
        pm1Enable = s.pm1Enable();
        pm1Control = s.pm1Control();
        updateSci();
    }

    private void writeControl(int v) {
        pm1Control = v & PM1_CNT_STORED;
        if ((v & SLP_EN) == 0) {
            return;
        }
        int type = (v >>> SLP_TYP_SHIFT) & 7;
        if (type == S5_SLEEP_TYPE) {
            machine.requestStop(StopReason.POWER_OFF, "ACPI S5 soft-off (PM1a_CNT = 0x" + Integer.toHexString(v) + ")");
        } else {
            ignoredSleepRequests++;
            LOG.debug("ACPI: ignored sleep request SLP_TYP={} (only S5 is implemented)", type);
        }
    }

    // Both blocks are 16-bit registers the guest may also reach byte by byte.
    private static int readLanes(int register, int offsetInRegister, int size) {
        long v = (register & 0xFFFFL) >>> (8 * offsetInRegister);
        return (int) (size >= 4 ? v : v & ((1L << (8 * size)) - 1));
    }

    private final class EventBlock implements IoPortDevice {
        @Override
        public int read(int offset, int size) {
            int value = 0;
            for (int i = 0; i < size; i++) {
                int o = offset + i;
                int b = o < 2 ? readLanes(pm1Status, o, 1) : o < 4 ? readLanes(pm1Enable, o - 2, 1) : 0xFF;
                value |= b << (8 * i);
            }
            return value;
        }

        @Override
        public void write(int offset, int size, int value) {
            for (int i = 0; i < size; i++) {
                int o = offset + i;
                int b = (value >>> (8 * i)) & 0xFF;
                if (o < 2) {
                    pm1Status &= ~(b << (8 * o)); // write 1 to clear
                } else if (o < 4) {
                    int shift = 8 * (o - 2);
                    pm1Enable = ((pm1Enable & ~(0xFF << shift)) | (b << shift)) & PM1_EN_WRITABLE;
                }
            }
            updateSci();
        }
    }

    private final class ControlBlock implements IoPortDevice {
        @Override
        public int read(int offset, int size) {
            int visible = pm1Control | SCI_EN; // SLP_EN and GBL_RLS are write-only and read 0
            int value = 0;
            for (int i = 0; i < size; i++) {
                int o = offset + i;
                value |= (o < 2 ? readLanes(visible, o, 1) : 0xFF) << (8 * i);
            }
            return value;
        }

        @Override
        public void write(int offset, int size, int value) {
            // Assemble the 16-bit register from the written byte lanes, then act once.
            int v = pm1Control;
            for (int i = 0; i < size; i++) {
                int o = offset + i;
                if (o < 2) {
                    int shift = 8 * o;
                    v = (v & ~(0xFF << shift)) | (((value >>> (8 * i)) & 0xFF) << shift);
                }
            }
            writeControl(v);
        }
    }
}
