package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;

/**
 * x87 control instructions (SDM Vol.1 8.3.10, Vol.2): FNINIT, FNCLEX, FLDCW, FNSTCW, FNSTSW,
 * FFREE, FFREEP, FDECSTP, FINCSTP, FNOP, and the environment and state images handled by
 * {@link X87Environment}.
 */
final class X87Control {

    /** Control word bits that exist: masks, reserved bit 6 (reads as 1), PC, RC and the infinity bit. */
    private static final int CONTROL_BITS = 0x1F7F;

    private X87Control() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case FNINIT -> init(s);
            case FNCLEX -> s.fpuStatus &= ~(X87Status.EXCEPTIONS | X87Status.SF | X87Status.ES | X87Status.B);
            case FLDCW -> loadControl(s, cpu.mmu.read16(Operands.effectiveAddress(cpu, insn)));
            case FNSTCW -> cpu.mmu.write16(Operands.effectiveAddress(cpu, insn), s.fpuControl);
            case FNSTSW -> {
                if (insn.kind0 == Instruction.K_MEM) {
                    cpu.mmu.write16(Operands.effectiveAddress(cpu, insn), s.fpuStatus);
                } else {
                    s.gpr[CpuState.RAX] = (s.gpr[CpuState.RAX] & ~0xFFFFL) | (s.fpuStatus & 0xFFFF);
                }
            }
            case FNSTENV -> X87Environment.storeEnvironment(cpu, insn);
            case FLDENV -> X87Environment.loadEnvironment(cpu, insn);
            case FNSAVE -> X87Environment.save(cpu, insn);
            case FRSTOR -> X87Environment.restore(cpu, insn);
            case FFREE -> {
                X87Stack.free(s, insn.reg0);
                s.fpuStatus &= ~X87Status.C1; // as the host does (the SDM leaves C0-C3 undefined)
            }
            case FFREEP -> {
                X87Stack.free(s, insn.reg0);
                X87Stack.pop(s);
                s.fpuStatus &= ~X87Status.C1;
            }
            case FDECSTP -> {
                X87Stack.decrementTop(s);
                s.fpuStatus &= ~X87Status.C1;
            }
            case FINCSTP -> {
                X87Stack.setTop(s, X87Stack.top(s) + 1);
                s.fpuStatus &= ~X87Status.C1;
            }
            default -> {
                // FNOP: only the waiting check and the FPU pointers
            }
        }
    }

    /** FNINIT (SDM Vol.1 Table 8-4): control 037F, status and pointers 0, all registers empty. */
    static void init(CpuState s) {
        s.fpuControl = X87Status.INIT_CONTROL;
        s.fpuStatus = 0;
        s.fpuTagWord = 0;
        s.fpuIp = 0;
        s.fpuDp = 0;
        s.fpuOpcode = 0;
        s.fpuCs = 0;
        s.fpuDs = 0;
    }

    static void loadControl(CpuState s, int value) {
        s.fpuControl = (value & CONTROL_BITS) | 0x40;
        X87Status.updateSummary(s);
    }
}
