package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.1 blends (SDM Vol.2 entries BLENDPS, BLENDPD, PBLENDW, BLENDVPS, BLENDVPD, PBLENDVB):
 * each lane of the destination is replaced by the source lane where a selector says so. The
 * immediate forms take one imm8 bit per lane; the variable forms take the top bit of each lane
 * of the implicit third operand XMM0.
 */
final class Blend {

    private Blend() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long[] x = cpu.state.xmm;
        int d = insn.reg0 << 1;
        int imm = (int) insn.imm & 0xFF;
        long maskLo, maskHi;
        switch (insn.op) {
            case BLENDPS -> {
                maskLo = laneMask(imm, 32);
                maskHi = laneMask(imm >>> 2, 32);
            }
            case BLENDPD -> {
                maskLo = (imm & 1) != 0 ? -1L : 0;
                maskHi = (imm & 2) != 0 ? -1L : 0;
            }
            case PBLENDW -> {
                maskLo = laneMask(imm, 16);
                maskHi = laneMask(imm >>> 4, 16);
            }
            default -> { // variable blends: XMM0 selects
                int width = insn.op == Op.PBLENDVB ? 8 : insn.op == Op.BLENDVPS ? 32 : 64;
                maskLo = spreadTopBits(x[0], width);
                maskHi = spreadTopBits(x[1], width);
            }
        }
        x[d] = (x[d] & ~maskLo) | (bLo & maskLo);
        x[d + 1] = (x[d + 1] & ~maskHi) | (bHi & maskHi);
    }

    /** A quadword mask with lane i (of {@code width} bits) all ones where bit i of {@code bits} is set. */
    private static long laneMask(int bits, int width) {
        long lane = width == 64 ? -1L : (1L << width) - 1;
        long r = 0;
        for (int i = 0; i < 64 / width; i++) {
            if ((bits & (1 << i)) != 0) {
                r |= lane << (i * width);
            }
        }
        return r;
    }

    /** Each lane of {@code width} bits becomes all ones if its top bit is set, else zero. */
    private static long spreadTopBits(long q, int width) {
        long r = 0;
        for (int i = 0; i < 64; i += width) {
            if (((q >>> (i + width - 1)) & 1) != 0) {
                r |= (width == 64 ? -1L : (1L << width) - 1) << i;
            }
        }
        return r;
    }
}
