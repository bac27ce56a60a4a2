package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.platform.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers exceptions, external interrupts and software interrupts through the IA-32e IDT
 * (SDM Vol.3 6.12-6.14): 16-byte interrupt and trap gates, the gate DPL check for INT n, the
 * target code segment checks, the stack switch to TSS.RSPn on a privilege change or to an IST
 * stack, the 16-byte-aligned SS:RSP, RFLAGS, CS:RIP (and error code) frame, and IF/TF/NT/RF
 * handling. A fault raised while delivering another is combined as SDM Vol.3 Table 6-5 says:
 * into a double fault, or, during a double fault, into a triple fault that stops the machine.
 *
 * <p>Every check and every translation of the new stack happens before any state changes, so a
 * delivery that faults leaves the interrupted state intact for the next delivery.
 */
public final class InterruptDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptDelivery.class);

    /** Exceptions raised by the CPU and external interrupts: EXT = 1 in error codes, no gate DPL check. */
    private static final int HARDWARE = 0;
    /** INT n, INT3: the gate DPL must allow the CPL (SDM Vol.3 6.12.1.1); EXT = 0. */
    private static final int SOFTWARE = 1;
    /** INT1 (ICEBP): no gate DPL check, reported like a hardware event. */
    private static final int ICEBP = 2;
    /** A fault-class exception: like HARDWARE, and the saved RFLAGS has RF set (SDM Vol.3 17.3.1.1). */
    private static final int FAULT = 3;

    /** Vectors that are faults (the saved RIP is the faulting instruction), not traps or aborts (SDM Vol.3 table 6-1). */
    private static boolean isFaultClass(int vector) {
        return switch (vector) {
            case CpuFault.DE, CpuFault.BR, CpuFault.UD, CpuFault.NM, CpuFault.TS, CpuFault.NP, CpuFault.SS,
                 CpuFault.GP, CpuFault.PF, CpuFault.MF, CpuFault.AC, CpuFault.XM -> true;
            default -> false;
        };
    }

    private static final int GATE_INTERRUPT = 0xE, GATE_TRAP = 0xF;
    // 64-bit TSS layout (SDM Vol.3 Figure 8-11): RSP0 at 4, IST1 at 36.
    private static final int TSS_RSP0 = 4, TSS_IST1 = 36;

    private InterruptDelivery() {
    }

    /**
     * Delivers a fault raised by an instruction (RIP already rolled back to it). Faults during
     * delivery become a double fault or are delivered in turn (SDM Vol.3 Table 6-5); a fault
     * while delivering a double fault shuts the CPU down (triple fault).
     */
    public static void deliverFault(Cpu cpu, CpuFault f) {
        CpuFault current = f;
        // Each round either delivers or moves one step up the benign -> contributory -> #DF -> shutdown ladder.
        for (int round = 0; round < 4; round++) {
            if (current.vector == CpuFault.PF) {
                cpu.state.cr2 = current.faultAddress;
            }
            try {
                deliver(cpu, current.vector, current.errorCode, isFaultClass(current.vector) ? FAULT : HARDWARE);
                return;
            } catch (CpuFault second) {
                if (second.vector == CpuFault.PF) {
                    cpu.state.cr2 = second.faultAddress; // CR2 is loaded when the fault is detected, even if it becomes #DF
                }
                if (current.vector == CpuFault.DF) {
                    tripleFault(cpu, f, second);
                    return;
                }
                current = isDoubleFault(current.vector, second.vector) ? CpuFault.of(CpuFault.DF, 0) : second;
            }
        }
        tripleFault(cpu, f, current);
    }

    /** Delivers an external interrupt acknowledged from the interrupt controller (RIP = next instruction). */
    public static void deliverExternal(Cpu cpu, int vector) {
        try {
            deliver(cpu, vector & 0xFF, -1, HARDWARE);
        } catch (CpuFault f) {
            deliverFault(cpu, f);
        }
    }

    /**
     * Delivers a non-maskable interrupt through IDT vector 2 (RIP = next instruction) and blocks
     * further NMIs until the next IRET (SDM Vol.3 6.7.1); the block holds even if delivery
     * faults, as the NMI counts as taken.
     */
    public static void deliverNmi(Cpu cpu) {
        cpu.state.nmiBlocked = true;
        deliverExternal(cpu, CpuFault.NMI);
    }

    /**
     * INT n and INT3 (SDM Vol.2 INT n): delivered with the gate DPL check; a failure is thrown to
     * the caller as the fault of the INT instruction itself. {@code state.rip} must already hold
     * the next instruction's address, which the frame saves.
     */
    public static void deliverSoftware(Cpu cpu, int vector) {
        deliver(cpu, vector & 0xFF, -1, SOFTWARE);
    }

    /** INT1 (ICEBP, opcode F1): a #DB delivered without the gate DPL check. */
    public static void deliverIcebp(Cpu cpu) {
        deliver(cpu, CpuFault.DB, -1, ICEBP);
    }

    /** SDM Vol.3 Table 6-5: which second exception during delivery of the first makes a double fault. */
    static boolean isDoubleFault(int first, int second) {
        boolean secondSerious = isContributory(second) || second == CpuFault.PF;
        if (first == CpuFault.PF) {
            return secondSerious;
        }
        return isContributory(first) && isContributory(second);
    }

    private static boolean isContributory(int vector) {
        return vector == CpuFault.DE || vector == CpuFault.TS || vector == CpuFault.NP || vector == CpuFault.SS
                || vector == CpuFault.GP;
    }

    private static void tripleFault(Cpu cpu, CpuFault first, CpuFault last) {
        CpuState s = cpu.state;
        String detail = "triple fault: " + describe(last) + " while delivering #DF (8); original fault " + describe(first)
                + " at RIP 0x" + Long.toHexString(s.rip) + ", CS 0x" + Integer.toHexString(s.segSelector[CpuState.CS]);
        LOG.warn(detail);
        // Shutdown (SDM Vol.3 6.15, interrupt 8): the CPU executes nothing more until reset.
        s.halted = true;
        s.rflagsControl &= ~CpuState.IF;
        cpu.platform.requestStop(Platform.StopReason.TRIPLE_FAULT, detail);
    }

    private static String describe(CpuFault f) {
        return "vector " + f.vector + (f.hasErrorCode() ? " (error 0x" + Integer.toHexString(f.errorCode) + ")" : "")
                + (f.vector == CpuFault.PF ? " at 0x" + Long.toHexString(f.faultAddress) : "");
    }

    /** The common delivery path (SDM Vol.3 6.14.1-6.14.4). */
    private static void deliver(Cpu cpu, int vector, int errorCode, int source) {
        CpuState s = cpu.state;
        if (LOG.isDebugEnabled()) {
            LOG.debug("vector {} error {} source {} at {}:{}", vector, errorCode, source,
                    Integer.toHexString(s.segSelector[CpuState.CS]), Long.toHexString(s.rip));
        }
        int ext = source == SOFTWARE ? 0 : 1;
        int idtError = vector * 8 + 2 + ext;
        if (vector * 16 + 15 > (s.idtrLimit & 0xFFFF)) {
            throw CpuFault.gp(idtError);
        }
        long gateAddress = s.idtrBase + vector * 16L;
        long low = cpu.mmu.readSupervisor64(gateAddress);
        long high = cpu.mmu.readSupervisor64(gateAddress + 8);
        int gateType = (int) (low >>> 40) & 0x1F; // type plus the S bit, which must be 0
        int gateDpl = (int) (low >>> 45) & 3;
        if (gateType != GATE_INTERRUPT && gateType != GATE_TRAP) {
            throw CpuFault.gp(idtError);
        }
        if (source == SOFTWARE && gateDpl < s.cpl) {
            throw CpuFault.gp(idtError);
        }
        if ((low & (1L << 47)) == 0) {
            throw CpuFault.np(idtError);
        }
        int selector = (int) (low >>> 16) & 0xFFFF;
        int ist = (int) (low >>> 32) & 7;
        long target = (low & 0xFFFF) | ((low >>> 32) & 0xFFFF_0000L) | (high << 32);

        // Target code segment (SDM Vol.3 6.14.1): a present 64-bit code segment with DPL <= CPL.
        if ((selector & 0xFFFC) == 0) {
            throw CpuFault.gp(ext);
        }
        if (!Segments.inTable(s, selector, 8)) {
            throw CpuFault.gp((selector & 0xFFFC) + ext);
        }
        long code = Segments.read(cpu, selector);
        int codeAttr = Segments.attributes(code);
        if (!Segments.isCode(codeAttr) || !Segments.is64BitCode(codeAttr) || (codeAttr & Segments.ATTR_DB) != 0
                || Segments.dpl(codeAttr) > s.cpl) {
            throw CpuFault.gp((selector & 0xFFFC) + ext);
        }
        if (!Segments.present(codeAttr)) {
            throw CpuFault.np((selector & 0xFFFC) + ext);
        }
        int newCpl = (codeAttr & Segments.TYPE_CONFORMING) != 0 ? s.cpl : Segments.dpl(codeAttr);
        if (!Mmu.isCanonical(target)) {
            throw CpuFault.gp(ext);
        }

        boolean privilegeChange = newCpl < s.cpl;
        long rsp;
        if (ist != 0) {
            rsp = readTss(cpu, TSS_IST1 + (ist - 1) * 8, ext);
        } else if (privilegeChange) {
            rsp = readTss(cpu, TSS_RSP0 + newCpl * 8, ext);
        } else {
            rsp = s.gpr[CpuState.RSP];
        }
        if (!Mmu.isCanonical(rsp)) {
            throw CpuFault.ss(ext);
        }
        rsp &= ~0xFL; // SDM Vol.3 6.14.2: the new RSP is aligned to 16 bytes
        int words = errorCode >= 0 ? 6 : 5;
        long frame = rsp - words * 8L;
        boolean user = newCpl == 3;
        long pSs = cpu.mmu.translate(rsp - 8, Mmu.WRITE, user);
        long pFrame = cpu.mmu.translate(frame, Mmu.WRITE, user); // 16-aligned frame: at most two pages
        Segments.markAccessed(cpu, selector, code);

        // ---- commit: nothing below can fault ----
        long top = rsp - 8;
        put(cpu, top, s.segSelector[CpuState.SS], top, pSs, pFrame);
        put(cpu, rsp - 16, s.gpr[CpuState.RSP], top, pSs, pFrame);
        put(cpu, rsp - 24, Flags.get(s) | (source == FAULT ? CpuState.RF : 0), top, pSs, pFrame);
        put(cpu, rsp - 32, s.segSelector[CpuState.CS], top, pSs, pFrame);
        put(cpu, rsp - 40, s.rip, top, pSs, pFrame);
        if (errorCode >= 0) {
            put(cpu, rsp - 48, errorCode & 0xFFFF_FFFFL, top, pSs, pFrame);
        }
        if (privilegeChange) {
            Segments.loadNull(s, CpuState.SS, newCpl); // IA-32e: SS becomes a null selector with RPL = new CPL
        }
        Segments.load(s, CpuState.CS, (selector & 0xFFFC) | newCpl, code);
        s.cpl = newCpl;
        s.gpr[CpuState.RSP] = frame;
        s.rip = target;
        long clear = CpuState.TF | CpuState.NT | CpuState.RF | CpuState.VM;
        if (gateType == GATE_INTERRUPT) {
            clear |= CpuState.IF;
        }
        s.rflagsControl &= ~clear;
        s.halted = false;
        s.interruptShadow = false;
    }

    /** Writes one frame word through the already translated page of the frame's top or bottom word. */
    private static void put(Cpu cpu, long linear, long value, long top, long pTop, long pBottom) {
        long physical = ((linear ^ top) & ~0xFFFL) == 0 ? pTop - (top - linear) : pBottom + (linear & 0xFFF) - (pBottom & 0xFFF);
        cpu.memory.write64(physical, value);
    }

    /** Reads a stack pointer from the 64-bit TSS; an offset beyond TR's limit is #TS(TR selector). */
    private static long readTss(Cpu cpu, int offset, int ext) {
        CpuState s = cpu.state;
        if ((s.trSelector & 0xFFFC) == 0 || offset + 7 > (s.trLimit & 0xFFFF_FFFFL)) {
            throw CpuFault.ts((s.trSelector & 0xFFFC) + ext);
        }
        return cpu.mmu.readSupervisor64(s.trBase + offset);
    }
}
