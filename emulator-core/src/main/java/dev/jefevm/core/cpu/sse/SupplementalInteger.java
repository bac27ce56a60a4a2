package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The SSSE3 packed-integer instructions (SDM Vol.1 12.9, Vol.2 entries PSHUFB, PHADDW/D/SW,
 * PHSUBW/D/SW, PMADDUBSW, PMULHRSW, PSIGNB/W/D, PABSB/W/D, PALIGNR) on XMM registers, and the
 * 64-bit functions {@link MmxExecutor} uses for their MMX forms. Horizontal operations combine
 * adjacent lanes of the destination into the low half of the result and of the source into the
 * high half, so one 64-bit function {@link #horizontal} serves both widths: on XMM it is applied
 * to (destination low, destination high) and (source low, source high).
 */
final class SupplementalInteger {

    private SupplementalInteger() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long[] x = cpu.state.xmm;
        int d = insn.reg0 << 1;
        long aLo = x[d], aHi = x[d + 1];
        Op op = insn.op;
        long lo, hi;
        switch (op) {
            case PSHUFB -> {
                lo = shuffleBytes128(aLo, aHi, bLo);
                hi = shuffleBytes128(aLo, aHi, bHi);
            }
            case PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW -> {
                lo = horizontal(op, aLo, aHi);
                hi = horizontal(op, bLo, bHi);
            }
            case PALIGNR -> {
                int shift = (int) insn.imm & 0xFF;
                // the 256-bit value destination:source shifted right by imm8 bytes (SDM Vol.2 PALIGNR)
                lo = byteWindow(bLo, bHi, aLo, aHi, shift);
                hi = byteWindow(bLo, bHi, aLo, aHi, shift + 8);
            }
            default -> {
                lo = lanes(op, aLo, bLo);
                hi = lanes(op, aHi, bHi);
            }
        }
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** The MMX form of an SSSE3 operation other than PALIGNR: {@code a} is the destination, {@code b} the source. */
    static long mmx(Op op, long a, long b) {
        return switch (op) {
            case PSHUFB -> shuffleBytes64(a, b);
            case PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW -> horizontal(op, a, b);
            default -> lanes(op, a, b);
        };
    }

    /** PALIGNR mm: the 128-bit value {@code a:b} shifted right by {@code imm} bytes, low 64 bits. */
    static long alignRight64(long a, long b, int imm) {
        return byteWindow(b, a, 0, 0, imm & 0xFF);
    }

    /** Eight bytes starting at byte {@code start} of the 256-bit value q3:q2:q1:q0 (zero beyond its end). */
    private static long byteWindow(long q0, long q1, long q2, long q3, int start) {
        if (start >= 32) {
            return 0;
        }
        int quad = start >>> 3, bit = (start & 7) * 8;
        long low = quad(q0, q1, q2, q3, quad);
        if (bit == 0) {
            return low;
        }
        return (low >>> bit) | (quad(q0, q1, q2, q3, quad + 1) << (64 - bit));
    }

    private static long quad(long q0, long q1, long q2, long q3, int i) {
        return switch (i) {
            case 0 -> q0;
            case 1 -> q1;
            case 2 -> q2;
            case 3 -> q3;
            default -> 0;
        };
    }

    /** PSHUFB xmm: eight result bytes selected from the 16 destination bytes by the control bytes in {@code ctl}. */
    private static long shuffleBytes128(long aLo, long aHi, long ctl) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int c = (int) (ctl >>> i) & 0xFF;
            if ((c & 0x80) == 0) {
                long src = (c & 8) == 0 ? aLo : aHi;
                r |= ((src >>> ((c & 7) * 8)) & 0xFF) << i;
            }
        }
        return r;
    }

    private static long shuffleBytes64(long a, long ctl) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int c = (int) (ctl >>> i) & 0xFF;
            if ((c & 0x80) == 0) {
                r |= ((a >>> ((c & 7) * 8)) & 0xFF) << i;
            }
        }
        return r;
    }

    /** Pairs of adjacent lanes of {@code x} give the low 32 bits of the result, those of {@code y} the high 32. */
    static long horizontal(Op op, long x, long y) {
        if (op == Op.PHADDD || op == Op.PHSUBD) {
            boolean add = op == Op.PHADDD;
            int r0 = add ? (int) x + (int) (x >>> 32) : (int) x - (int) (x >>> 32);
            int r1 = add ? (int) y + (int) (y >>> 32) : (int) y - (int) (y >>> 32);
            return (r0 & 0xFFFF_FFFFL) | ((long) r1 << 32);
        }
        return pairWords(op, x) | (pairWords(op, y) << 32);
    }

    /** The two words made from the four words of {@code q}, as the low 32 bits. */
    private static long pairWords(Op op, long q) {
        long r = 0;
        for (int i = 0; i < 2; i++) {
            int w0 = (short) (q >>> (32 * i)), w1 = (short) (q >>> (32 * i + 16));
            int v = switch (op) {
                case PHADDW -> w0 + w1;
                case PHSUBW -> w0 - w1;
                case PHADDSW -> PackedInteger.clamp(w0 + w1, -32768, 32767);
                default -> PackedInteger.clamp(w0 - w1, -32768, 32767); // PHSUBSW
            };
            r |= (long) (v & 0xFFFF) << (16 * i);
        }
        return r;
    }

    /** Operations whose lanes stay within a quadword: {@code a} from the destination, {@code b} from the source. */
    private static long lanes(Op op, long a, long b) {
        return switch (op) {
            case PSIGNB, PABSB -> bytes(op, a, b);
            case PSIGNW, PABSW, PMULHRSW -> words(op, a, b);
            case PSIGND, PABSD -> dwords(op, a, b);
            default -> multiplyAddBytes(a, b); // PMADDUBSW
        };
    }

    private static long bytes(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int x = (byte) (a >>> i), y = (byte) (b >>> i);
            int v = op == Op.PABSB ? Math.abs(y) : sign(x, y);
            r |= (long) (v & 0xFF) << i;
        }
        return r;
    }

    private static long words(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int x = (short) (a >>> i), y = (short) (b >>> i);
            int v = switch (op) {
                case PABSW -> Math.abs(y);
                case PSIGNW -> sign(x, y);
                default -> (((x * y) >> 14) + 1) >> 1; // PMULHRSW: SDM Vol.2 PMULHRSW
            };
            r |= (long) (v & 0xFFFF) << i;
        }
        return r;
    }

    private static long dwords(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int x = (int) (a >>> i), y = (int) (b >>> i);
            int v = op == Op.PABSD ? Math.abs(y) : sign(x, y);
            r |= (v & 0xFFFF_FFFFL) << i;
        }
        return r;
    }

    /** PSIGNx: the destination lane negated, zeroed or kept as the source lane is negative, zero or positive. */
    private static int sign(int x, int y) {
        return y < 0 ? -x : y == 0 ? 0 : x;
    }

    /** PMADDUBSW: unsigned destination bytes times signed source bytes, adjacent products summed with signed saturation. */
    private static long multiplyAddBytes(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int p0 = ((int) (a >>> i) & 0xFF) * (byte) (b >>> i);
            int p1 = ((int) (a >>> (i + 8)) & 0xFF) * (byte) (b >>> (i + 8));
            r |= (long) (PackedInteger.clamp(p0 + p1, -32768, 32767) & 0xFFFF) << i;
        }
        return r;
    }
}
