package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * Stack instructions in 64-bit mode (SDM Vol.1 6.2-6.5; Vol.2 PUSH, POP, PUSHF, POPF, ENTER,
 * LEAVE): RSP is the stack pointer, pushes are 8 or (with 66) 2 bytes, and RSP changes only
 * after the memory access succeeded.
 */
public final class Stack {

    private Stack() {
    }

    /**
     * {@code linear} as a stack reference: a non-canonical one is #SS(0), not the #GP(0) of other
     * segments (SDM Vol.3 6.15 "Interrupt 12": a stack address in non-canonical form).
     */
    static long stackAddress(long linear) {
        if (!Mmu.isCanonical(linear)) {
            throw CpuFault.ss(0);
        }
        return linear;
    }

    /** Pushes the low {@code size} bytes of {@code value}. */
    public static void push(Cpu cpu, int size, long value) {
        CpuState s = cpu.state;
        long rsp = s.gpr[CpuState.RSP] - size;
        Operands.writeMem(cpu, stackAddress(rsp), size, value);
        s.gpr[CpuState.RSP] = rsp;
    }

    /** Reads the top {@code size} bytes of the stack without popping them. */
    public static long peek(Cpu cpu, int size) {
        return Operands.readMem(cpu, stackAddress(cpu.state.gpr[CpuState.RSP]), size);
    }

    public static long pop(Cpu cpu, int size) {
        CpuState s = cpu.state;
        long v = Operands.readMem(cpu, stackAddress(s.gpr[CpuState.RSP]), size);
        s.gpr[CpuState.RSP] += size;
        return v;
    }

    static void pushOp(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        push(cpu, size, Operands.read(cpu, insn, 0, size));
    }

    static void popOp(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long oldRsp = s.gpr[CpuState.RSP];
        long v = Operands.readMem(cpu, stackAddress(oldRsp), size);
        s.gpr[CpuState.RSP] = oldRsp + size; // a memory destination's address uses the incremented RSP
        try {
            Operands.write(cpu, insn, 0, size, v);
        } catch (CpuFault f) {
            s.gpr[CpuState.RSP] = oldRsp;
            throw f;
        }
    }

    static void pushf(Cpu cpu, Instruction insn) {
        // SDM Vol.2 PUSHF: the image has VM and RF cleared
        push(cpu, insn.opSize, Flags.get(cpu.state) & ~(CpuState.VM | CpuState.RF));
    }

    /**
     * POPF in 64-bit mode (SDM Vol.2 POPF, operation section): IOPL changes only at CPL 0, IF only
     * when CPL <= IOPL; VM, VIF and VIP keep their values; RF is cleared.
     */
    static void popf(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long v = pop(cpu, size);
        long old = Flags.get(s);
        long changeable = CpuState.ARITH_FLAGS | CpuState.TF | CpuState.DF | CpuState.NT
                | CpuState.AC | CpuState.ID;
        int iopl = (int) ((old & CpuState.IOPL) >>> 12);
        if (s.cpl == 0) {
            changeable |= CpuState.IOPL | CpuState.IF;
        } else if (s.cpl <= iopl) {
            changeable |= CpuState.IF;
        }
        if (size == 2) {
            changeable &= 0xFFFF;
        }
        long flags = (old & ~changeable) | (v & changeable);
        flags &= ~CpuState.RF; // POPF clears RF
        Flags.set(s, flags);
    }

    /** ENTER imm16, imm8 (SDM Vol.2 ENTER): registers change only after every push succeeded. */
    static void enter(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long allocation = insn.imm & 0xFFFF;
        int level = (int) insn.imm2 & 31;
        long rsp = s.gpr[CpuState.RSP];
        long rbp = s.gpr[CpuState.RBP];
        rsp -= size;
        Operands.writeMem(cpu, stackAddress(rsp), size, rbp);
        long frameTemp = rsp;
        if (level > 0) {
            for (int i = 1; i < level; i++) {
                rbp -= size;
                long v = Operands.readMem(cpu, stackAddress(rbp), size);
                rsp -= size;
                Operands.writeMem(cpu, stackAddress(rsp), size, v);
            }
            rsp -= size;
            Operands.writeMem(cpu, stackAddress(rsp), size, frameTemp);
        }
        rsp -= allocation;
        if (size == 2) {
            Operands.writeGpr(s, CpuState.RBP, 2, frameTemp);
        } else {
            s.gpr[CpuState.RBP] = frameTemp;
        }
        s.gpr[CpuState.RSP] = rsp;
    }

    /** LEAVE: RSP = RBP, then pop RBP. */
    static void leave(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long rbp = s.gpr[CpuState.RBP];
        long v = Operands.readMem(cpu, stackAddress(rbp), size);
        s.gpr[CpuState.RSP] = rbp + size;
        Operands.writeGpr(s, CpuState.RBP, size, v);
    }
}
