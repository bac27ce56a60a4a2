package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * The x87 environment and state images of FNSTENV/FLDENV (28 bytes) and FNSAVE/FRSTOR (108
 * bytes) in the protected-mode 32-bit layout that 64-bit mode uses (SDM Vol.1 8.1.10, Figures
 * 8-9 and 8-10): control, status and full tag word, FIP[31:0], FCS with the 11-bit opcode in
 * bits 26:16, FDP[31:0] and FDS, then for FNSAVE ST(0)..ST(7) at 10 bytes each. With a 66
 * prefix the 16-bit layout (14 and 94 bytes, Figure 8-11) is used. FCS and FDS are the
 * selectors recorded with the pointers (the host stores CS 0x33 in 64-bit Linux code);
 * reserved halves are stored as FFFF as Intel processors do.
 * After storing, FNSTENV masks all exceptions and FNSAVE reinitializes the FPU.
 */
final class X87Environment {

    private X87Environment() {
    }

    private static boolean small(Instruction insn) {
        return insn.has(Instruction.P_OPSIZE);
    }

    static int environmentSize(Instruction insn) {
        return small(insn) ? 14 : 28;
    }

    static void storeEnvironment(Cpu cpu, Instruction insn) {
        long ea = Operands.effectiveAddress(cpu, insn);
        cpu.mmu.probeWrite(ea, environmentSize(insn));
        writeEnvironment(cpu, ea, small(insn));
        cpu.state.fpuControl |= X87Status.EXCEPTIONS;
        X87Status.updateSummary(cpu.state);
    }

    static void save(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        int env = environmentSize(insn);
        cpu.mmu.probeWrite(ea, env + 80);
        writeEnvironment(cpu, ea, small(insn));
        for (int i = 0; i < 8; i++) {
            long at = ea + env + 10L * i;
            cpu.mmu.write64(at, X87Stack.significand(s, i));
            cpu.mmu.write16(at + 8, X87Stack.signExp(s, i));
        }
        X87Control.init(s);
    }

    private static void writeEnvironment(Cpu cpu, long ea, boolean small) {
        CpuState s = cpu.state;
        Mmu m = cpu.mmu;
        if (small) {
            m.write16(ea, s.fpuControl);
            m.write16(ea + 2, s.fpuStatus);
            m.write16(ea + 4, X87Stack.fullTagWord(s));
            m.write16(ea + 6, (int) s.fpuIp);
            m.write16(ea + 8, s.fpuCs);
            m.write16(ea + 10, (int) s.fpuDp);
            m.write16(ea + 12, s.fpuDs);
            return;
        }
        m.write32(ea, 0xFFFF_0000 | s.fpuControl);
        m.write32(ea + 4, 0xFFFF_0000 | s.fpuStatus);
        m.write32(ea + 8, 0xFFFF_0000 | X87Stack.fullTagWord(s));
        m.write32(ea + 12, (int) s.fpuIp);
        m.write32(ea + 16, (s.fpuOpcode & 0x7FF) << 16 | s.fpuCs & 0xFFFF);
        m.write32(ea + 20, (int) s.fpuDp);
        m.write32(ea + 24, 0xFFFF_0000 | s.fpuDs & 0xFFFF);
    }

    static void loadEnvironment(Cpu cpu, Instruction insn) {
        long ea = Operands.effectiveAddress(cpu, insn);
        readEnvironment(cpu, ea, small(insn));
    }

    static void restore(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        int env = environmentSize(insn);
        Mmu m = cpu.mmu;
        m.read8(ea + env + 79); // the whole image must be readable before anything changes
        readEnvironment(cpu, ea, small(insn));
        for (int i = 0; i < 8; i++) {
            long at = ea + env + 10L * i;
            int p = X87Stack.phys(s, i);
            s.fpuMantissa[p] = m.read64(at);
            s.fpuExponent[p] = m.read16(at + 8) & 0xFFFF;
        }
    }

    private static void readEnvironment(Cpu cpu, long ea, boolean small) {
        CpuState s = cpu.state;
        Mmu m = cpu.mmu;
        int control, status, tags;
        long ip, dp;
        int opcode = s.fpuOpcode;
        int cs, ds;
        if (small) {
            control = m.read16(ea);
            status = m.read16(ea + 2);
            tags = m.read16(ea + 4);
            ip = m.read16(ea + 6) & 0xFFFFL;
            cs = m.read16(ea + 8) & 0xFFFF;
            dp = m.read16(ea + 10) & 0xFFFFL;
            ds = m.read16(ea + 12) & 0xFFFF;
        } else {
            control = m.read16(ea);
            status = m.read16(ea + 4);
            tags = m.read16(ea + 8);
            ip = m.read32(ea + 12) & 0xFFFF_FFFFL;
            int csAndOpcode = m.read32(ea + 16);
            cs = csAndOpcode & 0xFFFF;
            opcode = (csAndOpcode >>> 16) & 0x7FF;
            dp = m.read32(ea + 20) & 0xFFFF_FFFFL;
            ds = m.read16(ea + 24) & 0xFFFF;
        }
        s.fpuStatus = status & 0xFFFF;
        s.fpuTagWord = X87Stack.abridge(tags & 0xFFFF);
        s.fpuIp = ip;
        s.fpuDp = dp;
        s.fpuOpcode = opcode;
        s.fpuCs = cs;
        s.fpuDs = ds;
        X87Control.loadControl(s, control & 0xFFFF);
    }
}
