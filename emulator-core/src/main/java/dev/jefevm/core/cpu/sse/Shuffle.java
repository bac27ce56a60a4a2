package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Operations that move lanes between positions (SDM Vol.2 entries PSHUFD, PSHUFHW, PSHUFLW,
 * SHUFPS, SHUFPD, PUNPCKxxx, UNPCKxPS/PD, PACKSSWB, PACKSSDW, PACKUSWB, PINSRW, PEXTRW): the
 * 128-bit operands are gathered first, so a source that is also the destination is read before
 * it is overwritten.
 */
final class Shuffle {

    private Shuffle() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        Op op = insn.op;
        if (op == Op.PEXTRW) {
            int word = (int) (x[(insn.reg1 << 1) + (int) ((insn.imm >>> 2) & 1)] >>> ((insn.imm & 3) * 16)) & 0xFFFF;
            Operands.writeGpr(s, insn.reg0, insn.opSize == 8 ? 8 : 4, word);
            return;
        }
        int d = insn.reg0 << 1;
        if (op == Op.PINSRW) {
            long word = insn.kind1 == Instruction.K_GPR ? s.gpr[insn.reg1] & 0xFFFF
                    : cpu.mmu.read16(Operands.effectiveAddress(cpu, insn)) & 0xFFFF;
            int half = d + (int) ((insn.imm >>> 2) & 1);
            int shift = (int) (insn.imm & 3) * 16;
            x[half] = (x[half] & ~(0xFFFFL << shift)) | (word << shift);
            return;
        }
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long aLo = x[d], aHi = x[d + 1];
        int imm = (int) insn.imm & 0xFF;
        long lo, hi;
        switch (op) {
            case PSHUFD -> {
                lo = dword(bLo, bHi, imm & 3) | dword(bLo, bHi, (imm >>> 2) & 3) << 32;
                hi = dword(bLo, bHi, (imm >>> 4) & 3) | dword(bLo, bHi, (imm >>> 6) & 3) << 32;
            }
            case PSHUFLW -> {
                lo = shuffleWords(bLo, imm);
                hi = bHi;
            }
            case PSHUFHW -> {
                lo = bLo;
                hi = shuffleWords(bHi, imm);
            }
            case SHUFPS -> {
                lo = dword(aLo, aHi, imm & 3) | dword(aLo, aHi, (imm >>> 2) & 3) << 32;
                hi = dword(bLo, bHi, (imm >>> 4) & 3) | dword(bLo, bHi, (imm >>> 6) & 3) << 32;
            }
            case SHUFPD -> {
                lo = (imm & 1) == 0 ? aLo : aHi;
                hi = (imm & 2) == 0 ? bLo : bHi;
            }
            case PUNPCKLBW -> {
                lo = interleave(aLo, bLo, 8);
                hi = interleave(aLo >>> 32, bLo >>> 32, 8);
            }
            case PUNPCKHBW -> {
                lo = interleave(aHi, bHi, 8);
                hi = interleave(aHi >>> 32, bHi >>> 32, 8);
            }
            case PUNPCKLWD -> {
                lo = interleave(aLo, bLo, 16);
                hi = interleave(aLo >>> 32, bLo >>> 32, 16);
            }
            case PUNPCKHWD -> {
                lo = interleave(aHi, bHi, 16);
                hi = interleave(aHi >>> 32, bHi >>> 32, 16);
            }
            case PUNPCKLDQ, UNPCKLPS -> {
                lo = (aLo & 0xFFFF_FFFFL) | (bLo << 32);
                hi = (aLo >>> 32) | (bLo & 0xFFFF_FFFF_0000_0000L);
            }
            case PUNPCKHDQ, UNPCKHPS -> {
                lo = (aHi & 0xFFFF_FFFFL) | (bHi << 32);
                hi = (aHi >>> 32) | (bHi & 0xFFFF_FFFF_0000_0000L);
            }
            case PUNPCKLQDQ, UNPCKLPD -> {
                lo = aLo;
                hi = bLo;
            }
            case PUNPCKHQDQ, UNPCKHPD -> {
                lo = aHi;
                hi = bHi;
            }
            case PACKSSWB -> {
                lo = packWords(aLo, aHi, true);
                hi = packWords(bLo, bHi, true);
            }
            case PACKUSWB -> {
                lo = packWords(aLo, aHi, false);
                hi = packWords(bLo, bHi, false);
            }
            default -> { // PACKSSDW
                lo = packDwords(aLo, aHi);
                hi = packDwords(bLo, bHi);
            }
        }
        x[d] = lo;
        x[d + 1] = hi;
    }

    /** Doubleword {@code i} (0-3) of the 128-bit value {@code lo:hi}, zero-extended. */
    private static long dword(long lo, long hi, int i) {
        long q = i < 2 ? lo : hi;
        return (i & 1) == 0 ? q & 0xFFFF_FFFFL : q >>> 32;
    }

    static long shuffleWords(long q, int imm) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int from = (imm >>> (2 * i)) & 3;
            r |= ((q >>> (16 * from)) & 0xFFFF) << (16 * i);
        }
        return r;
    }

    /** Interleaves the low 32 bits of {@code a} and {@code b} in lanes of {@code width} bits, {@code a} first. */
    static long interleave(long a, long b, int width) {
        long mask = (1L << width) - 1;
        long r = 0;
        int out = 0;
        for (int i = 0; i < 32; i += width) {
            r |= ((a >>> i) & mask) << out;
            r |= ((b >>> i) & mask) << (out + width);
            out += 2 * width;
        }
        return r;
    }

    /** Eight signed words ({@code lo:hi}) packed to bytes with signed or unsigned saturation. */
    static long packWords(long lo, long hi, boolean signed) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int w = (short) ((i < 4 ? lo : hi) >>> (16 * (i & 3)));
            int b = signed ? PackedInteger.clamp(w, -128, 127) : PackedInteger.clamp(w, 0, 255);
            r |= (long) (b & 0xFF) << (8 * i);
        }
        return r;
    }

    static long packDwords(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int v = (int) ((i < 2 ? lo : hi) >>> (32 * (i & 1)));
            r |= (long) (PackedInteger.clamp(v, -32768, 32767) & 0xFFFF) << (16 * i);
        }
        return r;
    }
}
