package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.2 packed string comparisons: PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM (SDM Vol.2 4.1,
 * "Imm8 Control Byte Operation for String Compare"). Operand 1 (an XMM register) and operand 2
 * (XMM or an m128 that need not be aligned) hold strings of 16 bytes or 8 words; their lengths
 * are explicit (|EAX| and |EDX|, or |RAX| and |RDX| with REX.W, saturated to 16 or 8) or
 * implicit (up to the first zero element). imm8 selects the element format ([1:0]), the
 * aggregation ([3:2]: equal any, ranges, equal each, equal ordered, with the forced results for
 * invalid elements of 4.1.5), the polarity ([5:4]) and the output ([6]: most significant index,
 * or an expanded byte/word mask instead of a bit mask). The index goes to ECX (RCX zero-extended),
 * the mask to XMM0. RFLAGS: CF = result not zero, ZF = operand 2 shorter than 16/8 elements, SF
 * the same for operand 1, OF = result bit 0, AF and PF cleared (4.1.6). imm8[7] is ignored.
 */
final class PackedStringCompare {

    private static final int EQUAL_ANY = 0, RANGES = 1, EQUAL_EACH = 2, EQUAL_ORDERED = 3;

    private PackedStringCompare() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int imm = (int) insn.imm;
        boolean words = (imm & 1) != 0;
        boolean signed = (imm & 2) != 0;
        int elements = words ? 8 : 16;
        long bLo = XmmOperands.sourceLow(cpu, insn, false);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        long aLo = s.xmm[insn.reg0 << 1];
        long aHi = s.xmm[(insn.reg0 << 1) + 1];
        Op op = insn.op;
        int lengthA;
        int lengthB;
        if (op == Op.PCMPESTRI || op == Op.PCMPESTRM) {
            boolean wide = insn.has(Instruction.P_REXW);
            lengthA = explicitLength(s.gpr[CpuState.RAX], wide, elements);
            lengthB = explicitLength(s.gpr[CpuState.RDX], wide, elements);
        } else {
            lengthA = implicitLength(aLo, aHi, words);
            lengthB = implicitLength(bLo, bHi, words);
        }
        int all = (1 << elements) - 1;
        int result = aggregate((imm >>> 2) & 3, aLo, aHi, lengthA, bLo, bHi, lengthB, words, signed);
        switch ((imm >>> 4) & 3) {
            case 1 -> result ^= all;                          // negative polarity
            case 3 -> result ^= (1 << lengthB) - 1;           // masked negative: only valid elements of operand 2
            default -> { }                                    // positive, masked positive
        }
        boolean mostSignificant = (imm & 0x40) != 0;
        if (op == Op.PCMPESTRI || op == Op.PCMPISTRI) {
            int index;
            if (result == 0) {
                index = elements;
            } else {
                index = mostSignificant ? 31 - Integer.numberOfLeadingZeros(result) : Integer.numberOfTrailingZeros(result);
            }
            s.gpr[CpuState.RCX] = index;
        } else {
            long lo;
            long hi;
            if (mostSignificant) {
                lo = expand(result, words, 0);
                hi = expand(result, words, elements >>> 1);
            } else {
                lo = result;
                hi = 0;
            }
            s.xmm[0] = lo;
            s.xmm[1] = hi;
        }
        long flags = 0;
        if (result != 0) {
            flags |= CpuState.CF;
        }
        if (lengthB < elements) {
            flags |= CpuState.ZF;
        }
        if (lengthA < elements) {
            flags |= CpuState.SF;
        }
        if ((result & 1) != 0) {
            flags |= CpuState.OF;
        }
        Flags.setArith(s, flags);
    }

    /** |length| saturated to {@code elements}; only the low 32 bits count without REX.W (SDM Vol.2 4.1.2). */
    private static int explicitLength(long register, boolean wide, int elements) {
        long v = wide ? register : (int) register;
        if (v < 0) {
            v = -v; // Long.MIN_VALUE stays negative: saturated below like every long length
        }
        return v < 0 || v > elements ? elements : (int) v;
    }

    /** The number of elements before the first zero element (SDM Vol.2 4.1.3). */
    private static int implicitLength(long lo, long hi, boolean words) {
        int elements = words ? 8 : 16;
        for (int i = 0; i < elements; i++) {
            if (element(lo, hi, i, words, false) == 0) {
                return i;
            }
        }
        return elements;
    }

    /** Element {@code i} (byte or word), zero- or sign-extended. */
    private static int element(long lo, long hi, int i, boolean words, boolean signed) {
        int bit = words ? i << 4 : i << 3;
        long v = bit < 64 ? lo >>> bit : hi >>> (bit - 64);
        if (words) {
            return signed ? (short) v : (int) v & 0xFFFF;
        }
        return signed ? (byte) v : (int) v & 0xFF;
    }

    /**
     * IntRes1 (SDM Vol.2 4.1.4): bit i says something about element i of operand 2, except for
     * equal ordered, where bit i says operand 1 occurs in operand 2 starting at element i. Invalid
     * elements (beyond a length) force each comparison as table 4-7 lists.
     */
    private static int aggregate(int mode, long aLo, long aHi, int lengthA, long bLo, long bHi, int lengthB,
                                 boolean words, boolean signed) {
        int elements = words ? 8 : 16;
        int result = 0;
        switch (mode) {
            case EQUAL_ANY -> {
                for (int i = 0; i < lengthB; i++) {
                    int b = element(bLo, bHi, i, words, signed);
                    for (int j = 0; j < lengthA; j++) {
                        if (element(aLo, aHi, j, words, signed) == b) {
                            result |= 1 << i;
                            break;
                        }
                    }
                }
            }
            case RANGES -> {
                for (int i = 0; i < lengthB; i++) {
                    int b = element(bLo, bHi, i, words, signed);
                    for (int j = 0; j + 1 < lengthA; j += 2) {
                        if (element(aLo, aHi, j, words, signed) <= b && b <= element(aLo, aHi, j + 1, words, signed)) {
                            result |= 1 << i;
                            break;
                        }
                    }
                }
            }
            case EQUAL_EACH -> {
                for (int i = 0; i < elements; i++) {
                    boolean validA = i < lengthA;
                    boolean validB = i < lengthB;
                    boolean match = validA && validB
                            ? element(aLo, aHi, i, words, signed) == element(bLo, bHi, i, words, signed)
                            : !validA && !validB; // both past their ends compare equal
                    if (match) {
                        result |= 1 << i;
                    }
                }
            }
            default -> { // EQUAL_ORDERED: substring search of operand 1 in operand 2
                for (int i = 0; i < elements; i++) {
                    boolean match = true;
                    for (int k = 0; i + k < elements && k < lengthA; k++) {
                        // operand 1 element k valid: a match needs a valid, equal operand 2 element
                        if (i + k >= lengthB
                                || element(aLo, aHi, k, words, signed) != element(bLo, bHi, i + k, words, signed)) {
                            match = false;
                            break;
                        }
                    }
                    if (match) {
                        result |= 1 << i;
                    }
                }
            }
        }
        return result;
    }

    /** Bits {@code first}.. of {@code mask} expanded to 0xFF bytes or 0xFFFF words in a quadword. */
    private static long expand(int mask, boolean words, int first) {
        long q = 0;
        int perQuad = words ? 4 : 8;
        long ones = words ? 0xFFFFL : 0xFFL;
        int width = words ? 16 : 8;
        for (int k = 0; k < perQuad; k++) {
            if ((mask & (1 << (first + k))) != 0) {
                q |= ones << (k * width);
            }
        }
        return q;
    }
}
