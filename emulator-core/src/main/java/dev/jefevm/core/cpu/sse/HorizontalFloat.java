package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The SSE3 floating-point arithmetic (SDM Vol.1 12.6.3, Vol.2 entries ADDSUBPS, ADDSUBPD,
 * HADDPS, HADDPD, HSUBPS, HSUBPD): ADDSUB subtracts in even lanes and adds in odd lanes;
 * the horizontal forms combine adjacent lanes of the destination into the low result lanes and
 * of the source into the high ones, the lower-numbered lane being the first operand. Each
 * element is an ordinary SSE addition or subtraction with its NaN, DAZ/FTZ and flag rules, and
 * as in {@link FloatArithmetic} the destination is written only if no unmasked exception occurred.
 */
final class HorizontalFloat {

    private static final long LOW32 = 0xFFFF_FFFFL;

    private HorizontalFloat() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        long aLo = x[d], aHi = x[d + 1];
        int old = Mxcsr.begin(s);
        long lo, hi;
        switch (insn.op) {
            case ADDSUBPD -> {
                lo = Binary64.add(s, aLo, bLo, true);
                hi = Binary64.add(s, aHi, bHi, false);
            }
            case HADDPD, HSUBPD -> {
                boolean sub = insn.op == Op.HSUBPD;
                lo = Binary64.add(s, aLo, aHi, sub);
                hi = Binary64.add(s, bLo, bHi, sub);
            }
            case ADDSUBPS -> {
                lo = pair(Binary32.add(s, (int) aLo, (int) bLo, true),
                        Binary32.add(s, (int) (aLo >>> 32), (int) (bLo >>> 32), false));
                hi = pair(Binary32.add(s, (int) aHi, (int) bHi, true),
                        Binary32.add(s, (int) (aHi >>> 32), (int) (bHi >>> 32), false));
            }
            default -> { // HADDPS, HSUBPS
                boolean sub = insn.op == Op.HSUBPS;
                lo = pair(Binary32.add(s, (int) aLo, (int) (aLo >>> 32), sub),
                        Binary32.add(s, (int) aHi, (int) (aHi >>> 32), sub));
                hi = pair(Binary32.add(s, (int) bLo, (int) (bLo >>> 32), sub),
                        Binary32.add(s, (int) bHi, (int) (bHi >>> 32), sub));
            }
        }
        Mxcsr.end(s, old);
        x[d] = lo;
        x[d + 1] = hi;
    }

    static long pair(int low, int high) {
        return (low & LOW32) | (long) high << 32;
    }
}
