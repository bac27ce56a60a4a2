package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.1 packed sign and zero extension, PMOVSXBW..PMOVZXDQ (SDM Vol.2 entries PMOVSX and
 * PMOVZX): the low 2, 4 or 8 bytes of the source widen to fill 128 bits. The memory operand is
 * only as wide as the bytes used (m16, m32, m64) and needs no alignment.
 */
final class PackedExtend {

    private PackedExtend() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        Op op = insn.op;
        int from, to;
        boolean signed = op.ordinal() <= Op.PMOVSXDQ.ordinal();
        switch (op) {
            case PMOVSXBW, PMOVZXBW -> { from = 8; to = 16; }
            case PMOVSXBD, PMOVZXBD -> { from = 8; to = 32; }
            case PMOVSXBQ, PMOVZXBQ -> { from = 8; to = 64; }
            case PMOVSXWD, PMOVZXWD -> { from = 16; to = 32; }
            case PMOVSXWQ, PMOVZXWQ -> { from = 16; to = 64; }
            default -> { from = 32; to = 64; } // PMOVSXDQ, PMOVZXDQ
        }
        int lanes = 128 / to;
        long src;
        if (insn.kind1 == Instruction.K_XMM) {
            src = cpu.state.xmm[insn.reg1 << 1];
        } else {
            src = Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), lanes * from / 8);
        }
        int half = lanes / 2;
        long lo = widen(src, 0, half, from, to, signed);
        long hi = widen(src, half, half, from, to, signed);
        long[] x = cpu.state.xmm;
        x[insn.reg0 << 1] = lo;
        x[(insn.reg0 << 1) + 1] = hi;
    }

    /** {@code count} lanes of {@code from} bits starting at lane {@code first} of {@code src}, widened to {@code to} bits. */
    private static long widen(long src, int first, int count, int from, int to, boolean signed) {
        long r = 0;
        for (int i = 0; i < count; i++) {
            long v = src << (64 - from - (first + i) * from);
            v = signed ? v >> (64 - from) : v >>> (64 - from);
            r |= (to == 64 ? v : v & ((1L << to) - 1)) << (i * to);
        }
        return r;
    }
}
