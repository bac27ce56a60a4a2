package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * Near control transfers in 64-bit mode (SDM Vol.2 JMP, Jcc, CALL, RET, LOOP/LOOPcc, JrCXZ).
 * RIP already holds the next instruction's address. Relative branches use 64-bit operand size
 * (Intel ignores 66 on them); RET and indirect forms with a 16-bit operand size truncate RIP to
 * 16 bits, as the SDM's operation sections say. A non-canonical target raises #GP(0) on the
 * branch itself, before anything changes.
 */
final class Branches {

    private Branches() {
    }

    private static long checkTarget(long target) {
        if (!Mmu.isCanonical(target)) {
            throw CpuFault.gp(0);
        }
        return target;
    }

    static void jmp(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        s.rip = checkTarget(s.rip + insn.imm);
    }

    static void jcc(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        if (Flags.condition(s, insn.condition)) {
            s.rip = checkTarget(s.rip + insn.imm);
        }
    }

    static void jmpIndirect(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long target = Operands.read(cpu, insn, 0, size);
        cpu.state.rip = checkTarget(target);
    }

    static void call(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long target = checkTarget(s.rip + insn.imm);
        Stack.push(cpu, 8, s.rip);
        s.rip = target;
    }

    static void callIndirect(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long target = checkTarget(Operands.read(cpu, insn, 0, size));
        Stack.push(cpu, size, s.rip);
        s.rip = target;
    }

    static void ret(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long target = Stack.peek(cpu, size);
        if (size == 2) {
            target &= 0xFFFF;
        }
        checkTarget(target);
        s.gpr[CpuState.RSP] += size + (insn.kind0 == Instruction.K_IMM ? insn.imm & 0xFFFF : 0);
        s.rip = target;
    }

    /** LOOP, LOOPE, LOOPNE: the address size picks RCX or ECX (SDM Vol.2 LOOP/LOOPcc). */
    static void loop(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int asz = insn.addrSize;
        long count = (Operands.readGpr(s, CpuState.RCX, asz) - 1) & Flags.mask(asz);
        boolean taken = count != 0;
        switch (insn.op) {
            case LOOPE -> taken &= Flags.zf(s);
            case LOOPNE -> taken &= !Flags.zf(s);
            default -> { }
        }
        long target = s.rip + insn.imm;
        if (taken) {
            checkTarget(target);
        }
        Operands.writeGpr(s, CpuState.RCX, asz, count);
        if (taken) {
            s.rip = target;
        }
    }

    static void jrcxz(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        if (Operands.readGpr(s, CpuState.RCX, insn.addrSize) == 0) {
            s.rip = checkTarget(s.rip + insn.imm);
        }
    }
}
