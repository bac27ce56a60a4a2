package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The SSE4.1 packed-integer instructions on {@code xmm, xmm/m128} (SDM Vol.1 12.10.2-12.10.5,
 * Vol.2 entries PMULDQ, PMULLD, PCMPEQQ, PACKUSDW, PMINSB..PMAXUD, PHMINPOSUW, MPSADBW, PTEST)
 * and the SSE4.2 PCMPGTQ. PTEST writes only RFLAGS: ZF and CF from the AND and AND-NOT of its
 * operands, the other arithmetic flags cleared.
 */
final class Sse41Integer {

    private Sse41Integer() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        CpuState s = cpu.state;
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        long aLo = x[d], aHi = x[d + 1];
        Op op = insn.op;
        long lo, hi;
        switch (op) {
            case PTEST -> {
                boolean zero = (aLo & bLo) == 0 && (aHi & bHi) == 0;
                boolean carry = (~aLo & bLo) == 0 && (~aHi & bHi) == 0;
                Flags.setArith(s, (zero ? CpuState.ZF : 0) | (carry ? CpuState.CF : 0));
                return;
            }
            case PACKUSDW -> {
                lo = packUnsignedWords(aLo, aHi);
                hi = packUnsignedWords(bLo, bHi);
            }
            case PHMINPOSUW -> {
                lo = minimumWithPosition(bLo, bHi);
                hi = 0;
            }
            case MPSADBW -> {
                int imm = (int) insn.imm;
                // SDM Vol.2 MPSADBW: imm8[2] picks destination bytes 0-10 or 4-14, imm8[1:0] the source dword
                int aStart = (imm & 4) != 0 ? 4 : 0;
                int srcDword = (int) ((((imm & 2) == 0 ? bLo : bHi) >>> ((imm & 1) * 32)) & 0xFFFF_FFFFL);
                lo = sadWindows(aLo, aHi, aStart, srcDword);
                hi = sadWindows(aLo, aHi, aStart + 4, srcDword);
            }
            default -> {
                lo = half(op, aLo, bLo);
                hi = half(op, aHi, bHi);
            }
        }
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** Operations whose lanes stay within a quadword. */
    private static long half(Op op, long a, long b) {
        return switch (op) {
            case PMULDQ -> (long) (int) a * (int) b;
            case PCMPEQQ -> a == b ? -1L : 0;
            case PCMPGTQ -> a > b ? -1L : 0;
            case PMULLD -> ((int) a * (int) b & 0xFFFF_FFFFL) | ((long) ((int) (a >>> 32) * (int) (b >>> 32)) << 32);
            case PMINSB, PMAXSB -> bytes(op == Op.PMAXSB, a, b);
            case PMINUW, PMAXUW -> words(op == Op.PMAXUW, a, b);
            default -> dwords(op, a, b);
        };
    }

    private static long bytes(boolean max, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int x = (byte) (a >>> i), y = (byte) (b >>> i);
            r |= (long) ((max ? Math.max(x, y) : Math.min(x, y)) & 0xFF) << i;
        }
        return r;
    }

    private static long words(boolean max, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int x = (int) (a >>> i) & 0xFFFF, y = (int) (b >>> i) & 0xFFFF;
            r |= (long) (max ? Math.max(x, y) : Math.min(x, y)) << i;
        }
        return r;
    }

    private static long dwords(Op op, long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 32) {
            int x = (int) (a >>> i), y = (int) (b >>> i);
            int v = switch (op) {
                case PMINSD -> Math.min(x, y);
                case PMAXSD -> Math.max(x, y);
                case PMINUD -> Integer.compareUnsigned(x, y) <= 0 ? x : y;
                default -> Integer.compareUnsigned(x, y) >= 0 ? x : y; // PMAXUD
            };
            r |= (v & 0xFFFF_FFFFL) << i;
        }
        return r;
    }

    /** Four signed doublewords ({@code lo:hi}) packed to words with unsigned saturation. */
    private static long packUnsignedWords(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (int) ((i < 2 ? lo : hi) >>> (32 * (i & 1)));
            r |= (long) PackedInteger.clamp(v, 0, 0xFFFF) << (16 * i);
        }
        return r;
    }

    /** PHMINPOSUW: the smallest unsigned word in bits 15:0 and the lowest index holding it in bits 18:16. */
    private static long minimumWithPosition(long lo, long hi) {
        int min = 0x10000, index = 0;
        for (int i = 0; i < 8; i++) {
            int w = (int) ((i < 4 ? lo : hi) >>> (16 * (i & 3))) & 0xFFFF;
            if (w < min) {
                min = w;
                index = i;
            }
        }
        return min | (long) index << 16;
    }

    /** Four sums of absolute differences: destination bytes start+k..start+k+3 against the source dword, k = 0..3. */
    private static long sadWindows(long aLo, long aHi, int start, int srcDword) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int sum = 0;
            for (int j = 0; j < 4; j++) {
                int pos = start + k + j;
                int a = (int) ((pos < 8 ? aLo : aHi) >>> ((pos & 7) * 8)) & 0xFF;
                int b = (srcDword >>> (8 * j)) & 0xFF;
                sum += Math.abs(a - b);
            }
            r |= (long) sum << (16 * k);
        }
        return r;
    }
}
