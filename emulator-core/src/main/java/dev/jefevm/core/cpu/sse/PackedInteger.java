package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Bitwise logic and SSE2 packed-integer arithmetic on {@code xmm, xmm/m128} (SDM Vol.1 11.4.3,
 * Vol.2 entries PADDB..PSADBW): wrapping and saturating add/subtract, compares, multiplies,
 * PMADDWD, PSADBW, averages and min/max. Every lane stays within its own quadword, so each
 * instruction is one function applied to the low and to the high quadword. Wrapping byte, word
 * and doubleword sums use carry-isolating SWAR arithmetic; the rest loop over lanes.
 */
final class PackedInteger {

    private static final long H8 = 0x8080_8080_8080_8080L;
    private static final long H16 = 0x8000_8000_8000_8000L;
    private static final long H32 = 0x8000_0000_8000_0000L;

    private PackedInteger() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long[] x = cpu.state.xmm;
        int d = insn.reg0 << 1;
        Op op = insn.op;
        x[d] = half(op, x[d], bLo);
        x[d + 1] = half(op, x[d + 1], bHi);
    }

    /** The result quadword of {@code op} on destination quadword {@code a} and source quadword {@code b}. */
    static long half(Op op, long a, long b) {
        return switch (op) {
            case ANDPS, ANDPD, PAND -> a & b;
            case ANDNPS, ANDNPD, PANDN -> ~a & b;
            case ORPS, ORPD, POR -> a | b;
            case XORPS, XORPD, PXOR -> a ^ b;
            case PADDB -> add(a, b, H8);
            case PADDW -> add(a, b, H16);
            case PADDD -> add(a, b, H32);
            case PADDQ -> a + b;
            case PSUBB -> sub(a, b, H8);
            case PSUBW -> sub(a, b, H16);
            case PSUBD -> sub(a, b, H32);
            case PSUBQ -> a - b;
            case PCMPEQB -> expand(equalLanes(a, b, H8), 8);
            case PCMPEQW -> expand(equalLanes(a, b, H16), 16);
            case PCMPEQD -> expand(equalLanes(a, b, H32), 32);
            case PADDSB, PADDUSB, PSUBSB, PSUBUSB, PCMPGTB, PAVGB, PMINUB, PMAXUB -> bytes(op, a, b);
            case PADDSW, PADDUSW, PSUBSW, PSUBUSW, PCMPGTW, PMULLW, PMULHW, PMULHUW, PAVGW, PMINSW, PMAXSW ->
                    words(op, a, b);
            case PCMPGTD -> (gtDword((int) a, (int) b) & 0xFFFF_FFFFL)
                    | ((long) gtDword((int) (a >>> 32), (int) (b >>> 32)) << 32);
            case PMULUDQ -> (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
            case PMADDWD -> (maddDword((int) a, (int) b) & 0xFFFF_FFFFL)
                    | ((long) maddDword((int) (a >>> 32), (int) (b >>> 32)) << 32);
            case PSADBW -> sad(a, b);
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    // Lane-wise wrapping add: add the low bits of each lane, then fix the top bit without a carry out.
    private static long add(long a, long b, long high) {
        return ((a & ~high) + (b & ~high)) ^ ((a ^ b) & high);
    }

    private static long sub(long a, long b, long high) {
        return ((a | high) - (b & ~high)) ^ ((a ^ ~b) & high);
    }

    /** The top bit of each lane set where the lanes of {@code a} and {@code b} are equal. */
    private static long equalLanes(long a, long b, long high) {
        long t = a ^ b;
        long nonZero = (((t & ~high) + ~high) | t) & high;
        return ~nonZero & high;
    }

    /** Spreads each lane's top bit over the whole lane. */
    private static long expand(long topBits, int width) {
        long ones = topBits >>> (width - 1);
        return ones * (width == 64 ? -1L : (1L << width) - 1);
    }

    private static int gtDword(int a, int b) {
        return a > b ? -1 : 0;
    }

    private static int maddDword(int a, int b) {
        return (short) a * (short) b + (a >> 16) * (b >> 16);
    }

    private static long sad(long a, long b) {
        long sum = 0;
        for (int i = 0; i < 64; i += 8) {
            sum += Math.abs(((int) (a >>> i) & 0xFF) - ((int) (b >>> i) & 0xFF));
        }
        return sum;
    }

    private static long bytes(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int ua = (int) (a >>> i) & 0xFF, ub = (int) (b >>> i) & 0xFF;
            int sa = (byte) ua, sb = (byte) ub;
            int v = switch (op) {
                case PADDSB -> clamp(sa + sb, -128, 127);
                case PADDUSB -> Math.min(ua + ub, 255);
                case PSUBSB -> clamp(sa - sb, -128, 127);
                case PSUBUSB -> Math.max(ua - ub, 0);
                case PCMPGTB -> sa > sb ? 0xFF : 0;
                case PAVGB -> (ua + ub + 1) >>> 1;
                case PMINUB -> Math.min(ua, ub);
                default -> Math.max(ua, ub); // PMAXUB
            };
            r |= (long) (v & 0xFF) << i;
        }
        return r;
    }

    private static long words(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int ua = (int) (a >>> i) & 0xFFFF, ub = (int) (b >>> i) & 0xFFFF;
            int sa = (short) ua, sb = (short) ub;
            int v = switch (op) {
                case PADDSW -> clamp(sa + sb, -32768, 32767);
                case PADDUSW -> Math.min(ua + ub, 0xFFFF);
                case PSUBSW -> clamp(sa - sb, -32768, 32767);
                case PSUBUSW -> Math.max(ua - ub, 0);
                case PCMPGTW -> sa > sb ? 0xFFFF : 0;
                case PMULLW -> sa * sb;
                case PMULHW -> (sa * sb) >> 16;
                case PMULHUW -> (ua * ub) >>> 16;
                case PAVGW -> (ua + ub + 1) >>> 1;
                case PMINSW -> Math.min(sa, sb);
                default -> Math.max(sa, sb); // PMAXSW
            };
            r |= (long) (v & 0xFFFF) << i;
        }
        return r;
    }

    static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }
}
