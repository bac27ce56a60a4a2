package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The general registers a natively generated instruction reads or writes, as bit masks over
 * RAX..R15 (AH..BH count as their full register): which registers a unit keeps in JVM locals
 * (loaded on entry) and which it must store back on exit.
 */
final class RegisterUse {

    private RegisterUse() {
    }

    private static int bit(int reg) {
        return 1 << (reg >= Instruction.AH ? reg - Instruction.AH : reg);
    }

    static int used(Instruction insn) {
        int m = 0;
        if (insn.kind0 == Instruction.K_GPR) {
            m |= bit(insn.reg0);
        }
        if (insn.kind1 == Instruction.K_GPR) {
            m |= bit(insn.reg1);
        }
        if (insn.hasMemoryOperand()) {
            if (insn.base >= 0 && insn.base != Instruction.BASE_RIP) {
                m |= bit(insn.base);
            }
            if (insn.index >= 0) {
                m |= bit(insn.index);
            }
        }
        if (insn.op == Op.CBW || insn.op == Op.CWD) {
            m |= 1 << CpuState.RAX;
        }
        return m | written(insn);
    }

    static int written(Instruction insn) {
        int m = 0;
        switch (insn.op) {
            case PUSH, CALL, RET, CALL_INDIRECT -> m |= 1 << CpuState.RSP;
            case CBW -> m |= 1 << CpuState.RAX;
            case CWD -> m |= 1 << CpuState.RDX;
            case POP -> m |= 1 << CpuState.RSP | bit(insn.reg0);
            case XCHG -> m |= bit(insn.reg0) | bit(insn.reg1);
            case LEAVE -> m |= 1 << CpuState.RSP | 1 << CpuState.RBP;
            case CMP, TEST, BT, JMP, JCC, JMP_INDIRECT, NOP, ENDBR64, PAUSE, PREFETCH, FENCE -> { }
            default -> {
                if (insn.kind0 == Instruction.K_GPR) {
                    m |= bit(insn.reg0);
                }
            }
        }
        return m;
    }
}
