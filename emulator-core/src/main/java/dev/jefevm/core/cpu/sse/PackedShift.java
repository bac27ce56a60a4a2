package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE2 packed shifts (SDM Vol.2 PSLLW/PSRLW/PSRAW and their D/Q forms, PSLLDQ/PSRLDQ). The
 * count is the whole unsigned low quadword of an {@code xmm/m128} source or an imm8; a count
 * above the lane width clears logical shifts and fills arithmetic shifts with the sign bit. The
 * double-quadword byte shifts move the full 128 bits and clear everything for counts above 15.
 */
final class PackedShift {

    private PackedShift() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        long count;
        if (insn.kind1 == Instruction.K_IMM) {
            count = insn.imm & 0xFF;
        } else {
            count = XmmOperands.sourceLow(cpu, insn, true);
            XmmOperands.sourceHigh(cpu, insn); // the m128 is read whole (its fault behaviour), only its low quadword counts
        }
        long[] x = cpu.state.xmm;
        int d = insn.reg0 << 1;
        Op op = insn.op;
        if (op == Op.PSLLDQ || op == Op.PSRLDQ) {
            byteShift(x, d, op == Op.PSLLDQ, (int) Math.min(count, 16));
            return;
        }
        x[d] = shift(op, x[d], count);
        x[d + 1] = shift(op, x[d + 1], count);
    }

    private static void byteShift(long[] x, int d, boolean left, int bytes) {
        long lo = x[d], hi = x[d + 1];
        int bits = bytes * 8;
        if (bits >= 128) {
            lo = 0;
            hi = 0;
        } else if (bits >= 64) {
            if (left) {
                hi = lo << (bits - 64);
                lo = 0;
            } else {
                lo = hi >>> (bits - 64);
                hi = 0;
            }
        } else if (bits > 0) {
            if (left) {
                hi = (hi << bits) | (lo >>> (64 - bits));
                lo <<= bits;
            } else {
                lo = (lo >>> bits) | (hi << (64 - bits));
                hi >>>= bits;
            }
        }
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** One quadword of a lane-wise shift; {@code count} is unsigned. */
    static long shift(Op op, long v, long count) {
        return switch (op) {
            case PSLLQ -> Long.compareUnsigned(count, 63) > 0 ? 0 : v << count;
            case PSRLQ -> Long.compareUnsigned(count, 63) > 0 ? 0 : v >>> count;
            case PSLLW, PSRLW, PSRAW -> lanes(op, v, count, 16);
            default -> lanes(op, v, count, 32); // PSLLD, PSRLD, PSRAD
        };
    }

    private static long lanes(Op op, long v, long count, int width) {
        boolean arithmetic = op == Op.PSRAW || op == Op.PSRAD;
        boolean tooFar = Long.compareUnsigned(count, width - 1) > 0;
        if (tooFar && !arithmetic) {
            return 0;
        }
        int n = tooFar ? width - 1 : (int) count;
        long mask = (1L << width) - 1;
        long r = 0;
        for (int i = 0; i < 64; i += width) {
            long lane = (v >>> i) & mask;
            long out = switch (op) {
                case PSLLW, PSLLD -> lane << n;
                case PSRLW, PSRLD -> lane >>> n;
                default -> (lane << (64 - width) >> (64 - width)) >> n; // sign-extend the lane, then shift
            };
            r |= (out & mask) << i;
        }
        return r;
    }
}
