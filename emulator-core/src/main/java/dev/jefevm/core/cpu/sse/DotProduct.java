package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.1 dot products DPPS and DPPD (SDM Vol.2 entries DPPS, DPPD, operation sections):
 * imm8[7:4] selects which lane products take part (an unselected product is +0.0 and is not
 * computed), the products are summed pairwise in the SDM's order with a rounding after each
 * step, and imm8[3:0] selects which result lanes receive the sum (the others become +0.0).
 * Flags accumulate over every multiplication and addition performed; the destination is written
 * only if no unmasked exception occurred.
 */
final class DotProduct {

    private DotProduct() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        long aLo = x[d], aHi = x[d + 1];
        int imm = (int) insn.imm & 0xFF;
        int old = Mxcsr.begin(s);
        long lo, hi;
        if (insn.op == Op.DPPD) {
            long p0 = (imm & 0x10) != 0 ? Binary64.mul(s, aLo, bLo) : 0;
            long p1 = (imm & 0x20) != 0 ? Binary64.mul(s, aHi, bHi) : 0;
            long sum = Binary64.add(s, p0, p1, false);
            lo = (imm & 1) != 0 ? sum : 0;
            hi = (imm & 2) != 0 ? sum : 0;
        } else {
            int p0 = (imm & 0x10) != 0 ? Binary32.mul(s, (int) aLo, (int) bLo) : 0;
            int p1 = (imm & 0x20) != 0 ? Binary32.mul(s, (int) (aLo >>> 32), (int) (bLo >>> 32)) : 0;
            int p2 = (imm & 0x40) != 0 ? Binary32.mul(s, (int) aHi, (int) bHi) : 0;
            int p3 = (imm & 0x80) != 0 ? Binary32.mul(s, (int) (aHi >>> 32), (int) (bHi >>> 32)) : 0;
            int low = Binary32.add(s, p0, p1, false);
            int high = Binary32.add(s, p2, p3, false);
            int sum = Binary32.add(s, low, high, false);
            lo = HorizontalFloat.pair((imm & 1) != 0 ? sum : 0, (imm & 2) != 0 ? sum : 0);
            hi = HorizontalFloat.pair((imm & 4) != 0 ? sum : 0, (imm & 8) != 0 ? sum : 0);
        }
        Mxcsr.end(s, old);
        x[d] = lo;
        x[d + 1] = hi;
    }
}
