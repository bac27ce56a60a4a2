package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE/SSE2 floating-point arithmetic (SDM Vol.1 10.4.2 and 11.4.1): ADD, SUB, MUL, DIV, MIN,
 * MAX, SQRT in scalar (SS, SD: only the low element changes) and packed (PS, PD) forms, and the
 * RCP/RSQRT approximations. All elements are computed before MXCSR is checked, and the
 * destination is written only if no unmasked exception was raised (SDM Vol.1 11.5.1).
 */
final class FloatArithmetic {

    private static final long LOW32 = 0xFFFF_FFFFL;

    private FloatArithmetic() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        Op op = insn.op;
        switch (op) {
            case ADDSS, SUBSS, MULSS, DIVSS, MINSS, MAXSS, SQRTSS, RCPSS, RSQRTSS -> {
                int b = XmmOperands.source32(cpu, insn);
                int old = Mxcsr.begin(s);
                int r = single(s, op, (int) x[d], b);
                Mxcsr.end(s, old);
                x[d] = (x[d] & ~LOW32) | (r & LOW32);
            }
            case ADDSD, SUBSD, MULSD, DIVSD, MINSD, MAXSD, SQRTSD -> {
                long b = XmmOperands.source64(cpu, insn);
                int old = Mxcsr.begin(s);
                long r = dbl(s, op, x[d], b);
                Mxcsr.end(s, old);
                x[d] = r;
            }
            case ADDPD, SUBPD, MULPD, DIVPD, MINPD, MAXPD, SQRTPD -> {
                long bLo = XmmOperands.sourceLow(cpu, insn, true);
                long bHi = XmmOperands.sourceHigh(cpu, insn);
                int old = Mxcsr.begin(s);
                long lo = dbl(s, op, x[d], bLo);
                long hi = dbl(s, op, x[d + 1], bHi);
                Mxcsr.end(s, old);
                x[d] = lo;
                x[d + 1] = hi;
            }
            default -> { // packed single
                long bLo = XmmOperands.sourceLow(cpu, insn, true);
                long bHi = XmmOperands.sourceHigh(cpu, insn);
                long aLo = x[d], aHi = x[d + 1];
                int old = Mxcsr.begin(s);
                long lo = (single(s, op, (int) aLo, (int) bLo) & LOW32)
                        | (long) single(s, op, (int) (aLo >>> 32), (int) (bLo >>> 32)) << 32;
                long hi = (single(s, op, (int) aHi, (int) bHi) & LOW32)
                        | (long) single(s, op, (int) (aHi >>> 32), (int) (bHi >>> 32)) << 32;
                Mxcsr.end(s, old);
                x[d] = lo;
                x[d + 1] = hi;
            }
        }
    }

    /** One single-precision element: {@code a} from the destination, {@code b} from the source. */
    private static int single(CpuState s, Op op, int a, int b) {
        return switch (op) {
            case ADDSS, ADDPS -> Binary32.arith(s, Binary64.ADD, a, b);
            case SUBSS, SUBPS -> Binary32.arith(s, Binary64.SUB, a, b);
            case MULSS, MULPS -> Binary32.arith(s, Binary64.MUL, a, b);
            case DIVSS, DIVPS -> Binary32.arith(s, Binary64.DIV, a, b);
            case MINSS, MINPS -> Binary32.minMax(s, false, a, b);
            case MAXSS, MAXPS -> Binary32.minMax(s, true, a, b);
            case SQRTSS, SQRTPS -> Binary32.sqrt(s, b);
            case RCPSS, RCPPS -> Binary32.reciprocal(b);
            default -> Binary32.reciprocalSqrt(b); // RSQRTSS, RSQRTPS
        };
    }

    private static long dbl(CpuState s, Op op, long a, long b) {
        return switch (op) {
            case ADDSD, ADDPD -> Binary64.arith(s, Binary64.ADD, a, b);
            case SUBSD, SUBPD -> Binary64.arith(s, Binary64.SUB, a, b);
            case MULSD, MULPD -> Binary64.arith(s, Binary64.MUL, a, b);
            case DIVSD, DIVPD -> Binary64.arith(s, Binary64.DIV, a, b);
            case MINSD, MINPD -> Binary64.minMax(s, false, a, b);
            case MAXSD, MAXPD -> Binary64.minMax(s, true, a, b);
            default -> Binary64.sqrt(s, b); // SQRTSD, SQRTPD
        };
    }
}
