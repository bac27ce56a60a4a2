package dev.jefevm.devices.apic;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.memory.MmioHandler;
import dev.jefevm.devices.irq.IrqLine;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local APIC of the machine's single processor (Intel SDM Vol.3 chapter 11, "Advanced
 * Programmable Interrupt Controller"): the register file, the IRR/ISR/TMR vector registers with
 * TPR/PPR priority masking, EOI with the broadcast to the I/O APIC for level-triggered vectors,
 * the local vector table (timer, thermal, performance counter, LINT0, LINT1, error), the error
 * status register, self-IPIs through the ICR, and the timer in one-shot, periodic and
 * TSC-deadline modes. Software reaches it through the xAPIC MMIO page (this class is the
 * {@link MmioHandler}: aligned 32-bit accesses to 16-byte registers) or, once IA32_APIC_BASE
 * enables x2APIC mode, through MSRs 0x800-0x8FF ({@link #readMsr}/{@link #writeMsr}, SDM 11.12).
 *
 * <p>Scope: one processor, so IPIs only reach this APIC (INIT and start-up IPIs to itself are
 * ignored), lowest-priority delivery equals fixed delivery, and there is no CMCI LVT entry.
 * Thermal and performance-counter LVT entries are stored but nothing raises them. The CPU sees
 * the APIC through {@link #interruptPending()}/{@link #acknowledge()} (maskable vectors),
 * {@link #nmiPending()}/{@link #acknowledgeNmi()} and {@link #extIntPending()} (an ExtINT
 * request: the CPU must take the vector from the 8259 PIC).
 */
public final class LocalApic implements MmioHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApic.class);

    /** The architectural default physical base of the xAPIC MMIO page (SDM 11.4.1). */
    public static final long DEFAULT_BASE = 0xFEE0_0000L;

    // IA32_APIC_BASE bits (SDM 11.4.4, 11.12.1)
    static final long BASE_BSP = 1L << 8, BASE_EXTD = 1L << 10, BASE_ENABLE = 1L << 11;
    private static final long BASE_ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;
    private static final long BASE_RESERVED = ~(BASE_ADDRESS_MASK | BASE_BSP | BASE_EXTD | BASE_ENABLE);

    // Register indexes: MMIO offset >> 4, and x2APIC MSR - 0x800 (SDM table 11-1 and 11-6)
    static final int ID = 0x02, VERSION = 0x03, TPR = 0x08, APR = 0x09, PPR = 0x0A, EOI = 0x0B, RRD = 0x0C,
            LDR = 0x0D, DFR = 0x0E, SVR = 0x0F, ISR = 0x10, TMR = 0x18, IRR = 0x20, ESR = 0x28,
            ICR_LOW = 0x30, ICR_HIGH = 0x31, LVT_TIMER = 0x32, LVT_THERMAL = 0x33, LVT_PERF = 0x34,
            LVT_LINT0 = 0x35, LVT_LINT1 = 0x36, LVT_ERROR = 0x37, TIMER_INITIAL = 0x38, TIMER_CURRENT = 0x39,
            TIMER_DIVIDE = 0x3E, SELF_IPI = 0x3F;

    /** x2APIC MSR range (SDM 11.12.1.2). */
    public static final int X2APIC_MSR_FIRST = 0x800, X2APIC_MSR_LAST = 0x8FF;

    // Version register: version 0x14 (integrated APIC), max LVT entry 5 (six entries), and
    // bit 24: EOI-broadcast suppression supported (SDM 11.4.8).
    private static final int LVT_ENTRIES = 6;
    static final int VERSION_VALUE = 0x14 | ((LVT_ENTRIES - 1) << 16) | (1 << 24);

    // SVR bits (SDM 11.9)
    static final int SVR_ENABLE = 1 << 8, SVR_SUPPRESS_EOI_BROADCAST = 1 << 12;
    private static final int SVR_WRITABLE = 0xFF | SVR_ENABLE | (1 << 9) | SVR_SUPPRESS_EOI_BROADCAST;

    // LVT bits (SDM 11.5.1)
    static final int LVT_MASK = 1 << 16, LVT_LEVEL = 1 << 15, LVT_REMOTE_IRR = 1 << 14, LVT_ACTIVE_LOW = 1 << 13;
    private static final int LVT_TIMER_WRITABLE = 0xFF | LVT_MASK | (3 << 17);
    private static final int LVT_EVENT_WRITABLE = 0x7FF | LVT_MASK;          // thermal, performance
    private static final int LVT_LINT_WRITABLE = 0x7FF | LVT_ACTIVE_LOW | LVT_LEVEL | LVT_MASK;
    private static final int LVT_ERROR_WRITABLE = 0xFF | LVT_MASK;

    // Delivery modes (SDM 11.5.1, 11.6.1)
    static final int FIXED = 0, LOWEST_PRIORITY = 1, SMI = 2, NMI = 4, INIT = 5, START_UP = 6, EXT_INT = 7;

    // ESR bits (SDM 11.5.3)
    static final int ESR_SEND_ILLEGAL_VECTOR = 1 << 5, ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6,
            ESR_ILLEGAL_REGISTER = 1 << 7;

    // ICR bits (SDM 11.6.1)
    private static final int ICR_WRITABLE = 0xFFF | (1 << 14) | (1 << 15) | (3 << 18);
    private static final int SHORTHAND_NONE = 0, SHORTHAND_SELF = 1, SHORTHAND_ALL = 2;

    private final ApicTimer timer;
    private final VectorBitmap irr = new VectorBitmap();
    private final VectorBitmap isr = new VectorBitmap();
    private final VectorBitmap tmr = new VectorBitmap();
    private final int[] lvt = new int[LVT_ENTRIES];
    private final boolean[] lintLevel = new boolean[2];
    private final IrqLine lint0 = asserted -> lint(0, asserted);
    private final IrqLine lint1 = asserted -> lint(1, asserted);
    private final int initialId;

    private IntConsumer eoiBroadcast = vector -> { };
    private long apicBase;
    private int id;
    private int tpr;
    private int ldr;
    private int dfr;
    private int svr;
    private int esr;
    private int pendingErrors;
    private int icrLow;
    private int icrHigh;
    private boolean nmiPending;
    private boolean extIntPending;
    private long ignoredAccesses;

    /** A local APIC with APIC ID {@code apicId} (the bootstrap processor), timed by {@code clock}. */
    public LocalApic(int apicId, VirtualClock clock) {
        this.initialId = apicId;
        this.timer = new ApicTimer(clock, this::timerExpired);
        apicBase = DEFAULT_BASE | BASE_BSP | BASE_ENABLE;
        reset();
    }

    /** Power-up / RESET state (SDM 11.4.7.1): software disabled, every LVT entry masked. */
    public void reset() {
        id = initialId;
        tpr = 0;
        ldr = 0;
        dfr = -1;
        svr = 0xFF;
        esr = 0;
        pendingErrors = 0;
        icrLow = 0;
        icrHigh = 0;
        irr.clearAll();
        isr.clearAll();
        tmr.clearAll();
        java.util.Arrays.fill(lvt, LVT_MASK);
        nmiPending = false;
        extIntPending = false;
        timer.reset();
    }

    /** A snapshot of every register, pending request and the timer. */
    public LocalApicState save() {
        return new LocalApicState(apicBase, id, tpr, ldr, dfr, svr, esr, pendingErrors, icrLow, icrHigh,
                irr.words(), isr.words(), tmr.words(), lvt, lintLevel, nmiPending, extIntPending, timer.save());
    }

    /** Restores a snapshot taken by {@link #save()} (the clock is restored with the machine). */
    public void restore(LocalApicState s) {
        apicBase = s.apicBase();
        id = s.id();
        tpr = s.tpr();
        ldr = s.ldr();
        dfr = s.dfr();
        svr = s.svr();
        esr = s.esr();
        pendingErrors = s.pendingErrors();
        icrLow = s.icrLow();
        icrHigh = s.icrHigh();
        irr.restore(s.irr());
        isr.restore(s.isr());
        tmr.restore(s.tmr());
        System.arraycopy(s.lvt(), 0, lvt, 0, LVT_ENTRIES);
        System.arraycopy(s.lintLevels(), 0, lintLevel, 0, 2);
        nmiPending = s.nmiPending();
        extIntPending = s.extIntPending();
        timer.restore(s.timer());
    }

    /** Receives the vector of every EOI for a level-triggered interrupt (wire it to {@link IoApic#eoi}). */
    public void setEoiBroadcast(IntConsumer listener) {
        this.eoiBroadcast = listener;
    }

    /** The LINT0 pin (SDM 11.5.1); on a PC it carries the 8259's INTR. */
    public IrqLine lint0() {
        return lint0;
    }

    /** The LINT1 pin; on a PC it carries NMI. */
    public IrqLine lint1() {
        return lint1;
    }

    // ---------------------------------------------------------------- IA32_APIC_BASE

    /** IA32_APIC_BASE (MSR 0x1B) as RDMSR returns it. */
    public long readApicBase() {
        return apicBase;
    }

    /**
     * WRMSR to IA32_APIC_BASE (SDM 11.4.4, 11.12.5): reserved bits, x2APIC-to-xAPIC and
     * disabled-to-x2APIC transitions raise #GP; clearing the global enable returns the APIC to its
     * power-up state. The BSP flag is read-only. The board must move the MMIO page when the base
     * address changes ({@link #baseAddress()}).
     */
    public void writeApicBase(long value) {
        boolean enable = (value & BASE_ENABLE) != 0;
        boolean extd = (value & BASE_EXTD) != 0;
        if ((value & BASE_RESERVED) != 0 || (extd && !enable)
                || (x2apicMode() && enable && !extd) || (extd && !hardwareEnabled())) {
            throw CpuFault.gp(0);
        }
        boolean wasEnabled = hardwareEnabled();
        apicBase = (value & ~BASE_BSP) | (apicBase & BASE_BSP);
        if (!enable && wasEnabled) {
            reset();
        }
    }

    /** The physical address of the xAPIC MMIO page. */
    public long baseAddress() {
        return apicBase & BASE_ADDRESS_MASK;
    }

    /** The global enable in IA32_APIC_BASE; when clear the APIC is off and INTR/NMI bypass it. */
    public boolean hardwareEnabled() {
        return (apicBase & BASE_ENABLE) != 0;
    }

    public boolean x2apicMode() {
        return (apicBase & (BASE_ENABLE | BASE_EXTD)) == (BASE_ENABLE | BASE_EXTD);
    }

    /** IA32_TSC_DEADLINE (MSR 0x6E0), in TSC ticks. */
    public long readTscDeadline() {
        return timer.readTscDeadline();
    }

    public void writeTscDeadline(long value) {
        timer.writeTscDeadline(value);
    }

    // ---------------------------------------------------------------- interrupts to the CPU

    /** True when a maskable vector in IRR outranks the processor priority (SDM 11.8.3.1). */
    public boolean interruptPending() {
        if (!hardwareEnabled() || !softwareEnabled()) {
            return false;
        }
        int v = irr.highest();
        return v >= 0 && (v & 0xF0) > (ppr() & 0xF0);
    }

    /**
     * The CPU's interrupt acknowledge (SDM 11.8.4): moves the highest pending vector from IRR to
     * ISR and returns it; when TPR masked the vector since {@link #interruptPending()} was asked,
     * the spurious vector from SVR is returned and nothing moves (SDM 11.9).
     */
    public int acknowledge() {
        if (!interruptPending()) {
            return svr & 0xFF;
        }
        int v = irr.highest();
        irr.clear(v);
        isr.set(v);
        return v;
    }

    public boolean nmiPending() {
        return nmiPending;
    }

    /** The CPU took the NMI. */
    public void acknowledgeNmi() {
        nmiPending = false;
    }

    /** An ExtINT delivery is waiting: the CPU acknowledges it at the 8259 PIC, not here. */
    public boolean extIntPending() {
        return extIntPending;
    }

    public void acknowledgeExtInt() {
        extIntPending = false;
    }

    /**
     * An interrupt message for this processor from the I/O APIC or an IPI (SDM 11.6.1 delivery
     * modes): fixed and lowest-priority set IRR (and TMR for level-triggered), NMI and ExtINT set
     * their pending flags; SMI, INIT and start-up are not modelled.
     */
    public void deliver(int deliveryMode, int vector, boolean levelTriggered) {
        if (!hardwareEnabled()) {
            ignored("interrupt message while the APIC is disabled");
            return;
        }
        switch (deliveryMode) {
            case FIXED, LOWEST_PRIORITY -> accept(vector, levelTriggered);
            case NMI -> nmiPending = true;
            case EXT_INT -> extIntPending = true;
            default -> ignored("delivery mode " + deliveryMode);
        }
    }

    /**
     * Whether a message with this destination reaches this APIC (SDM 11.6.2): physical mode
     * compares the APIC ID (all ones is broadcast); logical mode uses LDR with the flat or cluster
     * model from DFR, or the x2APIC cluster/bit layout (SDM 11.12.10.2).
     */
    public boolean matchesDestination(int destination, boolean logical) {
        if (!logical) {
            int broadcast = x2apicMode() ? -1 : 0xFF;
            return destination == broadcast || destination == id;
        }
        if (x2apicMode()) {
            int myLdr = x2apicLdr();
            return (destination >>> 16) == (myLdr >>> 16) && (destination & myLdr & 0xFFFF) != 0;
        }
        int logicalId = ldr >>> 24;
        int dest = destination & 0xFF;
        if ((dfr >>> 28) == 0xF) {
            return (dest & logicalId) != 0; // flat model
        }
        return ((dest >>> 4) == 0xF || (dest >>> 4) == (logicalId >>> 4)) && (dest & logicalId & 0xF) != 0;
    }

    private boolean softwareEnabled() {
        return (svr & SVR_ENABLE) != 0;
    }

    private void accept(int vector, boolean levelTriggered) {
        vector &= 0xFF;
        if (vector < 16) {
            error(ESR_RECEIVE_ILLEGAL_VECTOR); // SDM 11.5.2: vectors 0-15 are reserved
            return;
        }
        if (!softwareEnabled()) {
            ignored("fixed interrupt while software disabled");
            return;
        }
        irr.set(vector);
        if (levelTriggered) {
            tmr.set(vector);
        } else {
            tmr.clear(vector);
        }
    }

    private int ppr() {
        int isrv = Math.max(isr.highest(), 0);
        return (tpr & 0xF0) >= (isrv & 0xF0) ? tpr : isrv & 0xF0; // SDM 11.8.3.1
    }

    private int apr() {
        int top = Math.max(Math.max(isr.highest(), irr.highest()), 0);
        return (tpr & 0xF0) >= (top & 0xF0) ? tpr : top & 0xF0;
    }

    // SDM 11.8.5: EOI retires the highest in-service vector; level-triggered ones are broadcast.
    private void endOfInterrupt() {
        int v = isr.highest();
        if (v < 0) {
            return;
        }
        isr.clear(v);
        if (tmr.test(v)) {
            for (int pin = 0; pin < 2; pin++) {
                int entry = lvt[LVT_LINT0 - LVT_TIMER + pin];
                if ((entry & LVT_REMOTE_IRR) != 0 && (entry & 0xFF) == v) {
                    lvt[LVT_LINT0 - LVT_TIMER + pin] = entry & ~LVT_REMOTE_IRR;
                    lint(pin, lintLevel[pin]);
                }
            }
            if ((svr & SVR_SUPPRESS_EOI_BROADCAST) == 0) {
                eoiBroadcast.accept(v);
            }
        }
    }

    private void timerExpired() {
        int entry = lvt[0];
        if ((entry & LVT_MASK) == 0) {
            accept(entry & 0xFF, false);
        }
    }

    private void error(int bits) {
        pendingErrors |= bits;
        int entry = lvt[LVT_ERROR - LVT_TIMER];
        if ((entry & LVT_MASK) != 0) {
            return;
        }
        if ((entry & 0xFF) < 16) {
            pendingErrors |= ESR_RECEIVE_ILLEGAL_VECTOR; // the error vector itself is illegal: no loop
        } else {
            accept(entry & 0xFF, false);
        }
    }

    // SDM 11.5.1: LINT pins deliver by their LVT entry; ExtINT and NMI follow the pin, fixed
    // level-triggered entries hold remote IRR until the EOI.
    private void lint(int pin, boolean asserted) {
        boolean rising = asserted && !lintLevel[pin];
        lintLevel[pin] = asserted;
        int index = LVT_LINT0 - LVT_TIMER + pin;
        int entry = lvt[index];
        if (!hardwareEnabled() || (entry & LVT_MASK) != 0) {
            return;
        }
        int mode = (entry >>> 8) & 7;
        boolean level = (entry & LVT_LEVEL) != 0;
        switch (mode) {
            case EXT_INT -> extIntPending = asserted;
            case NMI -> nmiPending |= rising;
            case FIXED -> {
                if (level && asserted && (entry & LVT_REMOTE_IRR) == 0) {
                    lvt[index] = entry | LVT_REMOTE_IRR;
                    accept(entry & 0xFF, true);
                } else if (!level && rising) {
                    accept(entry & 0xFF, false);
                }
            }
            default -> ignored("LINT delivery mode " + mode);
        }
    }

    // ---------------------------------------------------------------- xAPIC MMIO

    @Override
    public long read(long offset, int size) {
        if (size != 4 || (offset & 0xF) != 0 || offset < 0 || offset > 0xFF0 || !hardwareEnabled() || x2apicMode()) {
            ignored("MMIO read at " + offset + " size " + size);
            return 0;
        }
        int index = (int) (offset >>> 4);
        if (!readable(index, false)) {
            error(ESR_ILLEGAL_REGISTER);
            return 0;
        }
        return readRegister(index) & 0xFFFF_FFFFL;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size != 4 || (offset & 0xF) != 0 || offset < 0 || offset > 0xFF0 || !hardwareEnabled() || x2apicMode()) {
            ignored("MMIO write at " + offset + " size " + size);
            return;
        }
        int index = (int) (offset >>> 4);
        if (!writable(index, false)) {
            if (readable(index, false)) {
                ignored("write to read-only register " + index); // SDM 11.4.1: writes are ignored
            } else {
                error(ESR_ILLEGAL_REGISTER);
            }
            return;
        }
        writeRegister(index, (int) value);
    }

    // ---------------------------------------------------------------- x2APIC MSRs

    /** RDMSR of an x2APIC register (SDM 11.12.1.2); #GP outside x2APIC mode or for write-only/absent MSRs. */
    public long readMsr(int msr) {
        int index = msr - X2APIC_MSR_FIRST;
        if (!x2apicMode() || index < 0 || index > 0xFF || !readable(index, true)) {
            throw CpuFault.gp(0);
        }
        if (index == ICR_LOW) {
            return ((long) icrHigh << 32) | (icrLow & 0xFFFF_FFFFL);
        }
        return readRegister(index) & 0xFFFF_FFFFL;
    }

    /**
     * WRMSR of an x2APIC register (SDM 11.12.1.2-3): #GP outside x2APIC mode, for read-only or
     * absent MSRs, for set reserved bits 63:32 (except the 64-bit ICR), and for a non-zero value
     * written to EOI or ESR.
     */
    public void writeMsr(int msr, long value) {
        int index = msr - X2APIC_MSR_FIRST;
        if (!x2apicMode() || index < 0 || index > 0xFF || !writable(index, true)
                || (index != ICR_LOW && (value >>> 32) != 0)
                || ((index == EOI || index == ESR) && value != 0)) {
            throw CpuFault.gp(0);
        }
        if (index == ICR_LOW) {
            icrHigh = (int) (value >>> 32);
        }
        writeRegister(index, (int) value);
    }

    private static boolean readable(int index, boolean x2apic) {
        return switch (index) {
            case ID, VERSION, TPR, PPR, LDR, SVR, ESR, ICR_LOW, TIMER_INITIAL, TIMER_CURRENT, TIMER_DIVIDE -> true;
            case APR, RRD, DFR, ICR_HIGH, EOI -> !x2apic; // EOI reads 0 in xAPIC mode, is write-only in x2APIC
            default -> (index >= ISR && index < ESR) || (index >= LVT_TIMER && index <= LVT_ERROR);
        };
    }

    private static boolean writable(int index, boolean x2apic) {
        return switch (index) {
            case TPR, EOI, SVR, ESR, ICR_LOW, TIMER_INITIAL, TIMER_DIVIDE -> true;
            case ID, LDR, DFR, ICR_HIGH -> !x2apic;
            case SELF_IPI -> x2apic;
            default -> index >= LVT_TIMER && index <= LVT_ERROR;
        };
    }

    private int readRegister(int index) {
        return switch (index) {
            case ID -> x2apicMode() ? id : id << 24;
            case VERSION -> VERSION_VALUE;
            case TPR -> tpr;
            case APR -> apr();
            case PPR -> ppr();
            case LDR -> x2apicMode() ? x2apicLdr() : ldr;
            case DFR -> dfr;
            case SVR -> svr;
            case ESR -> esr;
            case ICR_LOW -> icrLow; // delivery status (bit 12) is always idle: delivery is instantaneous
            case ICR_HIGH -> icrHigh;
            case TIMER_INITIAL -> (int) timer.initialCount();
            case TIMER_CURRENT -> (int) timer.currentCount();
            case TIMER_DIVIDE -> timer.divideConfig();
            default -> {
                if (index >= ISR && index < TMR) {
                    yield isr.word32(index - ISR);
                } else if (index >= TMR && index < IRR) {
                    yield tmr.word32(index - TMR);
                } else if (index >= IRR && index < ESR) {
                    yield irr.word32(index - IRR);
                } else if (index >= LVT_TIMER && index <= LVT_ERROR) {
                    yield lvt[index - LVT_TIMER];
                }
                yield 0; // EOI, remote read: read as zero
            }
        };
    }

    private void writeRegister(int index, int value) {
        switch (index) {
            case ID -> id = value >>> 24;
            case TPR -> tpr = value & 0xFF;
            case EOI -> endOfInterrupt();
            case LDR -> ldr = value & 0xFF00_0000;
            case DFR -> dfr = value | 0x0FFF_FFFF;
            case SVR -> writeSvr(value);
            case ESR -> { // SDM 11.5.3: a write latches the errors seen since the previous write
                esr = pendingErrors;
                pendingErrors = 0;
            }
            case ICR_LOW -> {
                icrLow = value & ICR_WRITABLE;
                sendIpi(icrLow, x2apicMode() ? icrHigh : icrHigh >>> 24);
            }
            case ICR_HIGH -> icrHigh = value & 0xFF00_0000;
            case TIMER_INITIAL -> timer.writeInitialCount(value & 0xFFFF_FFFFL);
            case TIMER_DIVIDE -> timer.writeDivideConfig(value);
            case SELF_IPI -> accept(value & 0xFF, false); // SDM 11.12.11: fixed, edge, to self
            default -> writeLvt(index - LVT_TIMER, value);
        }
    }

    private void writeSvr(int value) {
        svr = value & SVR_WRITABLE;
        if (!softwareEnabled()) {
            for (int i = 0; i < LVT_ENTRIES; i++) {
                lvt[i] |= LVT_MASK; // SDM 11.4.7.2: software disable masks every LVT entry
            }
        }
    }

    private void writeLvt(int entry, int value) {
        int writable = switch (entry + LVT_TIMER) {
            case LVT_TIMER -> LVT_TIMER_WRITABLE;
            case LVT_LINT0, LVT_LINT1 -> LVT_LINT_WRITABLE;
            case LVT_ERROR -> LVT_ERROR_WRITABLE;
            default -> LVT_EVENT_WRITABLE;
        };
        int old = lvt[entry];
        int next = (value & writable) | (old & LVT_REMOTE_IRR);
        if (!softwareEnabled()) {
            next |= LVT_MASK; // SDM 11.4.7.2: masks cannot be cleared while software disabled
        }
        if (entry == 0) {
            int mode = (next >>> 17) & 3;
            if (mode == 3) { // reserved mode: keep the current one
                next = (next & ~(3 << 17)) | (old & (3 << 17));
                mode = (old >>> 17) & 3;
            }
            timer.setMode(mode);
        }
        lvt[entry] = next;
        if (entry == LVT_LINT0 - LVT_TIMER || entry == LVT_LINT1 - LVT_TIMER) {
            if ((next & LVT_LEVEL) == 0) {
                lvt[entry] &= ~LVT_REMOTE_IRR; // remote IRR is only meaningful for level triggering
            }
            int pin = entry - (LVT_LINT0 - LVT_TIMER);
            int mode = (next >>> 8) & 7;
            boolean levelSensitive = mode == EXT_INT || (mode == FIXED && (next & LVT_LEVEL) != 0);
            if ((next & LVT_MASK) == 0 && lintLevel[pin] && levelSensitive) {
                lint(pin, true); // an unmasked level input that is already asserted delivers now
            }
        }
    }

    // SDM 11.6.1: on one processor an IPI reaches this APIC through the self / all-including-self
    // shorthands or a destination that matches it; "all excluding self" reaches nobody.
    private void sendIpi(int low, int destination) {
        int vector = low & 0xFF;
        int mode = (low >>> 8) & 7;
        int shorthand = (low >>> 18) & 3;
        boolean toSelf = switch (shorthand) {
            case SHORTHAND_NONE -> matchesDestination(destination, (low & (1 << 11)) != 0);
            case SHORTHAND_SELF, SHORTHAND_ALL -> true;
            default -> false;
        };
        if ((mode == FIXED || mode == LOWEST_PRIORITY) && vector < 16) {
            error(ESR_SEND_ILLEGAL_VECTOR);
            return;
        }
        if (!toSelf) {
            return;
        }
        switch (mode) {
            case FIXED, LOWEST_PRIORITY -> accept(vector, false);
            case NMI -> nmiPending = true;
            default -> ignored("IPI delivery mode " + mode + " to self");
        }
    }

    private int x2apicLdr() {
        return ((id >>> 4) << 16) | (1 << (id & 0xF)); // SDM 11.12.10.2
    }

    /** Guest accesses ignored (bad width/alignment, disabled APIC, unmodelled delivery modes). */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    private void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("local APIC: ignored {}", what);
    }
}
