package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.1 rounding to an integral value, ROUNDPS/PD/SS/SD (SDM Vol.2 entries ROUNDPS..ROUNDSD,
 * Table 4-18): imm8[1:0] is the rounding mode unless imm8[2] says to use MXCSR.RC, and imm8[3]
 * suppresses the precision exception entirely (neither flag nor fault). A signaling NaN raises
 * #I and becomes quiet; other NaNs, infinities and zeros pass unchanged; the sign of a zero
 * result follows the source. The scalar forms change only the low element of the destination.
 */
final class Rounding {

    private static final long LOW32 = 0xFFFF_FFFFL;

    private Rounding() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        int imm = (int) insn.imm;
        int mode = (imm & 4) != 0 ? Mxcsr.roundingMode(s) : imm & 3;
        boolean inexactQuiet = (imm & 8) != 0;
        Op op = insn.op;
        if (op == Op.ROUNDSS) {
            int b = XmmOperands.source32(cpu, insn);
            int old = Mxcsr.begin(s);
            int r = single(s, b, mode, inexactQuiet);
            Mxcsr.end(s, old);
            x[d] = (x[d] & ~LOW32) | (r & LOW32);
            return;
        }
        if (op == Op.ROUNDSD) {
            long b = XmmOperands.source64(cpu, insn);
            int old = Mxcsr.begin(s);
            long r = dbl(s, b, mode, inexactQuiet);
            Mxcsr.end(s, old);
            x[d] = r;
            return;
        }
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        int old = Mxcsr.begin(s);
        long lo, hi;
        if (op == Op.ROUNDPD) {
            lo = dbl(s, bLo, mode, inexactQuiet);
            hi = dbl(s, bHi, mode, inexactQuiet);
        } else {
            lo = HorizontalFloat.pair(single(s, (int) bLo, mode, inexactQuiet),
                    single(s, (int) (bLo >>> 32), mode, inexactQuiet));
            hi = HorizontalFloat.pair(single(s, (int) bHi, mode, inexactQuiet),
                    single(s, (int) (bHi >>> 32), mode, inexactQuiet));
        }
        Mxcsr.end(s, old);
        x[d] = lo;
        x[d + 1] = hi;
    }

    private static int single(CpuState s, int a, int mode, boolean inexactQuiet) {
        a = Binary32.daz(s, a);
        if (Binary32.isNaN(a)) {
            return Binary32.propagateNaN(s, a, a);
        }
        float v = Binary32.value(a);
        float r = (float) integral(v, mode);
        if (r != v && !inexactQuiet) {
            s.mxcsr |= Mxcsr.PE;
        }
        return Binary32.bits(r);
    }

    private static long dbl(CpuState s, long a, int mode, boolean inexactQuiet) {
        a = Binary64.daz(s, a);
        if (Binary64.isNaN(a)) {
            return Binary64.propagateNaN(s, a, a);
        }
        double v = Binary64.value(a);
        double r = integral(v, mode);
        if (r != v && !inexactQuiet) {
            s.mxcsr |= Mxcsr.PE;
        }
        return Binary64.bits(r);
    }

    /** {@code v} rounded to an integral value in {@code mode}; zeros, infinities and signs of zero results as IEEE 754 roundToIntegral. */
    private static double integral(double v, int mode) {
        return switch (mode) {
            case Mxcsr.RC_NEAREST -> Math.rint(v);
            case Mxcsr.RC_DOWN -> Math.floor(v);
            case Mxcsr.RC_UP -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
    }
}
