package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The SSE/SSE2 instructions with one MMX operand (SDM Vol.2 CVTPI2PS, CVTPI2PD, CVTPS2PI,
 * CVTTPS2PI, CVTPD2PI, CVTTPD2PI, MOVQ2DQ, MOVDQ2Q). They pass the SSE gate like any SSE
 * instruction; when an MMX register is an operand they also raise #MF for a pending x87
 * exception and switch the x87 unit to MMX mode (TOP = 0, all tags valid) once the source is read:
 * as measured on the host, a memory fault comes before the switch and #XM after it. CVTPI2Px with
 * a memory source touch no MMX state. Rounding, flags and the integer indefinite are as for the XMM forms.
 */
final class MmxTransfers {

    private MmxTransfers() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        Op op = insn.op;
        boolean mmxOperand = (op != Op.CVTPI2PS && op != Op.CVTPI2PD) || insn.kind1 == Instruction.K_XMM;
        if (mmxOperand) {
            MmxExecutor.checkPendingX87(s);
        }
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        switch (op) {
            case CVTPI2PS, CVTPI2PD -> {
                long src = insn.kind1 == Instruction.K_XMM ? MmxExecutor.mm(s, insn.reg1)
                        : cpu.mmu.read64(Operands.effectiveAddress(cpu, insn));
                if (mmxOperand) {
                    MmxExecutor.enterMmxMode(s);
                }
                if (op == Op.CVTPI2PD) {
                    x[d] = Binary64.bits((int) src); // exact
                    x[d + 1] = Binary64.bits((int) (src >>> 32));
                } else {
                    int old = Mxcsr.begin(s);
                    long r = FloatConvert.dwordsToSingles(s, src);
                    Mxcsr.end(s, old);
                    x[d] = r; // the upper two elements are unchanged
                }
            }
            case CVTPS2PI, CVTTPS2PI -> {
                long src = XmmOperands.source64(cpu, insn);
                MmxExecutor.enterMmxMode(s);
                int old = Mxcsr.begin(s);
                long r = FloatConvert.singlesToDwords(s, src, op == Op.CVTTPS2PI);
                Mxcsr.end(s, old);
                MmxExecutor.setMm(s, insn.reg0, r);
            }
            case CVTPD2PI, CVTTPD2PI -> {
                long lo = XmmOperands.sourceLow(cpu, insn, true);
                long hi = XmmOperands.sourceHigh(cpu, insn);
                MmxExecutor.enterMmxMode(s);
                int old = Mxcsr.begin(s);
                long r = FloatConvert.doublesToDwords(s, lo, hi, op == Op.CVTTPD2PI);
                Mxcsr.end(s, old);
                MmxExecutor.setMm(s, insn.reg0, r);
            }
            case MOVQ2DQ -> {
                MmxExecutor.enterMmxMode(s);
                x[d] = MmxExecutor.mm(s, insn.reg1);
                x[d + 1] = 0;
            }
            default -> { // MOVDQ2Q
                MmxExecutor.enterMmxMode(s);
                MmxExecutor.setMm(s, insn.reg0, x[insn.reg1 << 1]);
            }
        }
    }
}
