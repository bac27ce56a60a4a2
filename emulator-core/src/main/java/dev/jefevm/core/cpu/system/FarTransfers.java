package dev.jefevm.core.cpu.system;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * Control transfers that change CS in 64-bit mode: IRET (all operand sizes), far JMP, far CALL
 * and far RET to code segments (SDM Vol.2 entries of those names; Vol.3 5.8), SYSCALL/SYSRET
 * (Vol.2, Vol.3 5.8.8) and SWAPGS. Every value is read and every check made before any register
 * changes, so a faulting transfer has no partial effect. Far JMP/CALL through call gates and task
 * gates are not supported here and raise #GP(selector).
 */
public final class FarTransfers {

    /** RFLAGS bits IRET may always change (SDM Vol.2 IRET, "Operation": CPL > IOPL keeps IF, IOPL, VIF, VIP). */
    private static final long IRET_ALWAYS = CpuState.ARITH_FLAGS | CpuState.TF | CpuState.DF | CpuState.NT
            | CpuState.RF | CpuState.AC | CpuState.ID;
    /** SYSRET: RFLAGS = R11 & 3C7FD7H | 2 (SDM Vol.2 SYSRET). */
    private static final long SYSRET_FLAGS = 0x3C_7FD7L;

    private static final int R11 = 11;

    private FarTransfers() {
    }

    // ---------------------------------------------------------------- IRET

    /** IRET/IRETD/IRETQ in 64-bit mode: pops RIP, CS, RFLAGS, RSP and SS, each {@code opSize} bytes. */
    public static void iret(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        if ((s.rflagsControl & CpuState.NT) != 0) {
            throw CpuFault.gp(0); // task return is not available in IA-32e mode
        }
        int size = insn.opSize;
        long rsp = s.gpr[CpuState.RSP];
        long newRip = Operands.readMem(cpu, rsp, size);
        int newCs = (int) Operands.readMem(cpu, rsp + size, size) & 0xFFFF;
        long newFlags = Operands.readMem(cpu, rsp + 2L * size, size);
        long newRsp = Operands.readMem(cpu, rsp + 3L * size, size);
        int newSs = (int) Operands.readMem(cpu, rsp + 4L * size, size) & 0xFFFF;

        int rpl = newCs & 3;
        long code = checkReturnCode(cpu, newCs);
        int codeAttr = Segments.attributes(code);
        if (Segments.is64BitCode(codeAttr) && !Mmu.isCanonical(newRip)) {
            throw CpuFault.gp(0);
        }
        long stack = Segments.checkStack(cpu, newSs, rpl);
        if ((newSs & 0xFFFC) == 0 && !Segments.is64BitCode(codeAttr)) {
            throw CpuFault.gp(0); // a null SS is only usable by 64-bit code
        }
        Segments.markAccessed(cpu, newCs, code);

        // ---- commit ----
        long changeable = IRET_ALWAYS;
        int iopl = (int) (s.rflagsControl >>> 12) & 3;
        if (s.cpl <= iopl) {
            changeable |= CpuState.IF;
        }
        if (s.cpl == 0) {
            changeable |= CpuState.IOPL | CpuState.IF | CpuState.VIF | CpuState.VIP;
        }
        if (size == 2) {
            changeable &= 0xFFFF;
        }
        long rflags = Flags.get(s);
        Flags.set(s, (rflags & ~changeable) | (newFlags & changeable));
        boolean outer = rpl > s.cpl;
        Segments.loadCode(cpu, newCs, code, rpl);
        Segments.loadStack(cpu, newSs, stack);
        s.gpr[CpuState.RSP] = size == 2 ? (s.gpr[CpuState.RSP] & ~0xFFFFL) | (newRsp & 0xFFFF) : newRsp;
        s.rip = Segments.is64BitCode(codeAttr) ? newRip : newRip & 0xFFFF_FFFFL;
        if (outer) {
            Segments.invalidateForOuterRing(s, rpl);
        }
    }

    /** Checks the CS popped by IRET or far RET (SDM Vol.2 IRET "RETURN-FROM-... " checks). */
    private static long checkReturnCode(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xFFFC) == 0) {
            throw CpuFault.gp(0);
        }
        int rpl = selector & 3;
        if (rpl < s.cpl) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        long d = Segments.read(cpu, selector);
        int a = Segments.attributes(d);
        if (!Segments.isCode(a)) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        boolean conforming = (a & Segments.TYPE_CONFORMING) != 0;
        if (conforming ? Segments.dpl(a) > rpl : Segments.dpl(a) != rpl) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        if (!Segments.present(a)) {
            throw CpuFault.np(selector & 0xFFFC);
        }
        return d;
    }

    // ---------------------------------------------------------------- far JMP, CALL, RET

    /** JMP m16:16/32/64 (or ptr16:xx with the selector in imm2), to a code segment at the same CPL. */
    public static void jmpFar(Cpu cpu, Instruction insn) {
        long target = farOffset(cpu, insn);
        int selector = farSelector(cpu, insn);
        long code = checkJumpTarget(cpu, selector);
        long rip = targetRip(code, target);
        Segments.markAccessed(cpu, selector, code);
        Segments.loadCode(cpu, selector, code, cpu.state.cpl);
        cpu.state.rip = rip;
    }

    /** CALL m16:16/32/64: pushes CS and the return RIP ({@code opSize} bytes each), then jumps. */
    public static void callFar(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long target = farOffset(cpu, insn);
        int selector = farSelector(cpu, insn);
        long code = checkJumpTarget(cpu, selector);
        long rip = targetRip(code, target);
        long rsp = s.gpr[CpuState.RSP];
        cpu.mmu.probeWrite(rsp - 2L * size, 2 * size);
        Segments.markAccessed(cpu, selector, code);
        Operands.writeMem(cpu, rsp - size, size, s.segSelector[CpuState.CS]);
        Operands.writeMem(cpu, rsp - 2L * size, size, s.rip);
        s.gpr[CpuState.RSP] = rsp - 2L * size;
        Segments.loadCode(cpu, selector, code, s.cpl);
        s.rip = rip;
    }

    /** RET far [imm16] (lret/lretq): same privilege, or an outer ring with SS:RSP popped too. */
    public static void retFar(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long release = insn.kind0 == Instruction.K_IMM ? insn.imm & 0xFFFF : 0;
        long rsp = s.gpr[CpuState.RSP];
        long newRip = Operands.readMem(cpu, rsp, size);
        int newCs = (int) Operands.readMem(cpu, rsp + size, size) & 0xFFFF;
        long code = checkReturnCode(cpu, newCs);
        int rpl = newCs & 3;
        long rip = targetRip(code, newRip);
        long after = rsp + 2L * size + release;
        if (rpl == s.cpl) {
            Segments.markAccessed(cpu, newCs, code);
            Segments.loadCode(cpu, newCs, code, rpl);
            s.gpr[CpuState.RSP] = after;
            s.rip = rip;
            return;
        }
        long newRsp = Operands.readMem(cpu, after, size);
        int newSs = (int) Operands.readMem(cpu, after + size, size) & 0xFFFF;
        long stack = Segments.checkStack(cpu, newSs, rpl);
        Segments.markAccessed(cpu, newCs, code);
        Segments.loadCode(cpu, newCs, code, rpl);
        Segments.loadStack(cpu, newSs, stack);
        s.gpr[CpuState.RSP] = newRsp + release;
        s.rip = rip;
        Segments.invalidateForOuterRing(s, rpl);
    }

    private static long farOffset(Cpu cpu, Instruction insn) {
        if (!insn.hasMemoryOperand()) {
            return insn.imm;
        }
        return Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), insn.opSize);
    }

    private static int farSelector(Cpu cpu, Instruction insn) {
        if (!insn.hasMemoryOperand()) {
            return (int) insn.imm2 & 0xFFFF;
        }
        return (int) Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn) + insn.opSize, 2);
    }

    /** SDM Vol.2 JMP, "Operation" for a code-segment target: conforming DPL <= CPL, else RPL <= CPL and DPL = CPL. */
    private static long checkJumpTarget(Cpu cpu, int selector) {
        CpuState s = cpu.state;
        if ((selector & 0xFFFC) == 0) {
            throw CpuFault.gp(0);
        }
        long d = Segments.read(cpu, selector);
        int a = Segments.attributes(d);
        if (!Segments.isCode(a)) {
            throw CpuFault.gp(selector & 0xFFFC); // data, call gates, task gates, TSS: not a target here
        }
        boolean conforming = (a & Segments.TYPE_CONFORMING) != 0;
        if (conforming ? Segments.dpl(a) > s.cpl : (selector & 3) > s.cpl || Segments.dpl(a) != s.cpl) {
            throw CpuFault.gp(selector & 0xFFFC);
        }
        if (!Segments.present(a)) {
            throw CpuFault.np(selector & 0xFFFC);
        }
        return d;
    }

    private static long targetRip(long code, long offset) {
        if (Segments.is64BitCode(Segments.attributes(code))) {
            if (!Mmu.isCanonical(offset)) {
                throw CpuFault.gp(0);
            }
            return offset;
        }
        return offset & 0xFFFF_FFFFL;
    }

    // ---------------------------------------------------------------- SYSCALL, SYSRET, SWAPGS

    /** SYSCALL: RCX = RIP, R11 = RFLAGS, CS/SS from STAR[47:32], RIP = LSTAR, RFLAGS &= ~FMASK, CPL 0. */
    public static void syscall(Cpu cpu) {
        CpuState s = cpu.state;
        if ((s.efer & Msrs.EFER_SCE) == 0 || !s.longModeActive()) {
            throw CpuFault.ud();
        }
        long rflags = Flags.get(s);
        s.gpr[CpuState.RCX] = s.rip;
        s.gpr[R11] = rflags;
        int selector = (int) (s.star >>> 32) & 0xFFFC;
        Segments.loadFlat(s, CpuState.CS, selector, Segments.KERNEL_CODE64);
        Segments.loadFlat(s, CpuState.SS, selector + 8, Segments.KERNEL_DATA);
        s.cpl = 0;
        Flags.set(s, rflags & ~s.sfmask & ~CpuState.RF);
        s.rip = s.lstar;
    }

    /** SYSRET (CPL 0): to 64-bit ring 3 with REX.W (CS = STAR[63:48]+16), else to compatibility mode. */
    public static void sysret(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        if ((s.efer & Msrs.EFER_SCE) == 0 || !s.longModeActive()) {
            throw CpuFault.ud();
        }
        if (s.cpl != 0) {
            throw CpuFault.gp(0);
        }
        boolean to64 = insn.opSize == 8;
        long rcx = s.gpr[CpuState.RCX];
        if (to64 && !Mmu.isCanonical(rcx)) {
            throw CpuFault.gp(0); // Intel raises #GP in ring 0 here (SDM Vol.2 SYSRET)
        }
        int base = (int) (s.star >>> 48) & 0xFFFF;
        if (to64) {
            Segments.loadFlat(s, CpuState.CS, (base + 16) | 3, Segments.USER_CODE64);
            s.rip = rcx;
        } else {
            Segments.loadFlat(s, CpuState.CS, base | 3, Segments.USER_CODE32);
            s.rip = rcx & 0xFFFF_FFFFL;
        }
        Segments.loadFlat(s, CpuState.SS, (base + 8) | 3, Segments.USER_DATA);
        s.cpl = 3;
        Flags.set(s, (s.gpr[R11] & SYSRET_FLAGS) | 2);
    }

    /** SWAPGS: exchanges GS.base with IA32_KERNEL_GS_BASE (64-bit mode, CPL 0). */
    public static void swapgs(Cpu cpu) {
        CpuState s = cpu.state;
        if (!s.longModeActive() || !Segments.is64BitCode(s.segAttributes[CpuState.CS])) {
            throw CpuFault.ud();
        }
        if (s.cpl != 0) {
            throw CpuFault.gp(0);
        }
        long gs = s.segBase[CpuState.GS];
        s.segBase[CpuState.GS] = s.kernelGsBase;
        s.kernelGsBase = gs;
    }
}
