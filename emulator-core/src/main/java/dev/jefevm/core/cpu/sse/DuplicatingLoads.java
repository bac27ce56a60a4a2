package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The SSE3 and SSE4.1 loads (SDM Vol.2 entries LDDQU, MOVDDUP, MOVSHDUP, MOVSLDUP, MOVNTDQA):
 * LDDQU loads 128 unaligned bits; MOVNTDQA is a streaming load whose m128 must be 16-byte
 * aligned (#GP(0)); MOVDDUP copies the low quadword (m64, no alignment) to both halves; and
 * MOVSHDUP/MOVSLDUP copy the odd or even single-precision lanes to both lanes of their pair
 * (m128 aligned, as for other legacy-SSE packed sources). No MXCSR flags are touched.
 */
final class DuplicatingLoads {

    private static final long HIGH32 = 0xFFFF_FFFF_0000_0000L;

    private DuplicatingLoads() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        Op op = insn.op;
        long lo, hi;
        if (op == Op.MOVDDUP) {
            lo = XmmOperands.source64(cpu, insn);
            hi = lo;
        } else {
            lo = XmmOperands.sourceLow(cpu, insn, op != Op.LDDQU);
            hi = XmmOperands.sourceHigh(cpu, insn);
            if (op == Op.MOVSHDUP) {
                lo = (lo & HIGH32) | (lo >>> 32);
                hi = (hi & HIGH32) | (hi >>> 32);
            } else if (op == Op.MOVSLDUP) {
                lo = (lo << 32) | (lo & ~HIGH32);
                hi = (hi << 32) | (hi & ~HIGH32);
            }
        }
        long[] x = cpu.state.xmm;
        x[insn.reg0 << 1] = lo;
        x[(insn.reg0 << 1) + 1] = hi;
    }
}
