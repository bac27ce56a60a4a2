package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;

/**
 * Runs the x87 FPU family of operations (SDM Vol.1 ch.8). Before any work it applies the
 * availability checks of CR0 (SDM Vol.3 Table 2-2: EM or TS give #NM; FWAIT only when TS and MP
 * are both set), then, for waiting instructions, takes a pending unmasked exception as #MF
 * (SDM Vol.1 8.7; all but the FN* control instructions wait). Non-control instructions record
 * the FPU instruction pointer, data pointer and opcode (SDM Vol.1 8.1.8-8.1.9). The work is
 * done by small classes per group: {@link X87Transfers}, {@link X87Arithmetic},
 * {@link X87Compare}, {@link X87Control}, {@link X87Environment} and {@link Transcendentals}.
 */
public final class X87Executor {

    private static final long CR0_MP = 1L << 1, CR0_EM = 1L << 2, CR0_TS = 1L << 3;

    private X87Executor() {
    }

    /** DB E0, DB E1 and DB E4 by their FPU opcode (SDM Vol.2 Table A-15 leaves them reserved). */
    private static boolean isLegacyControl(Instruction insn) {
        int fop = (int) insn.imm & 0x7FF;
        return fop == 0x3E0 || fop == 0x3E1 || fop == 0x3E4;
    }

    /** Executes one x87 instruction; RIP already points at the next instruction. */
    public static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long cr0 = s.cr0;
        switch (insn.op) {
            case FWAIT -> {
                if ((cr0 & (CR0_TS | CR0_MP)) == (CR0_TS | CR0_MP)) {
                    throw CpuFault.nm();
                }
                X87Status.checkPending(s);
                return;
            }
            case FNOP -> {
                if ((cr0 & (CR0_EM | CR0_TS)) != 0) {
                    throw CpuFault.nm();
                }
                if (isLegacyControl(insn)) {
                    return; // FNENI, FNDISI, FNSETPM: 8087/287 control instructions, no-wait no-ops now
                }
                X87Status.checkPending(s);
            }
            case FNINIT, FNCLEX, FNSTCW, FNSTSW, FNSTENV, FNSAVE -> {
                if ((cr0 & (CR0_EM | CR0_TS)) != 0) {
                    throw CpuFault.nm();
                }
                X87Control.execute(cpu, insn);
                return;
            }
            case FLDCW, FLDENV, FRSTOR -> {
                if ((cr0 & (CR0_EM | CR0_TS)) != 0) {
                    throw CpuFault.nm();
                }
                X87Status.checkPending(s);
                X87Control.execute(cpu, insn);
                return;
            }
            default -> {
                if ((cr0 & (CR0_EM | CR0_TS)) != 0) {
                    throw CpuFault.nm();
                }
                X87Status.checkPending(s);
            }
        }
        s.fpuIp = s.rip - insn.length;
        s.fpuCs = s.segSelector[CpuState.CS];
        s.fpuOpcode = (int) insn.imm & 0x7FF;
        if (insn.kind0 == Instruction.K_MEM) {
            s.fpuDp = Operands.offset(s, insn);
            s.fpuDs = s.segSelector[insn.segment];
        }
        switch (insn.op) {
            case FLD, FST, FSTP, FILD, FIST, FISTP, FISTTP, FBLD, FBSTP, FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2,
                 FLDLN2, FLDZ, FXCH, FCMOVCC -> X87Transfers.execute(cpu, insn);
            case FCOM, FCOMP, FCOMPP, FICOM, FICOMP, FUCOM, FUCOMP, FUCOMPP, FCOMI, FCOMIP, FUCOMI, FUCOMIP, FTST,
                 FXAM -> X87Compare.execute(cpu, insn);
            case F2XM1, FYL2X, FYL2XP1, FSIN, FCOS, FSINCOS, FPTAN, FPATAN -> Transcendentals.execute(s, insn);
            case FFREE, FFREEP, FDECSTP, FINCSTP, FNOP -> X87Control.execute(cpu, insn);
            default -> X87Arithmetic.execute(cpu, insn);
        }
    }
}
