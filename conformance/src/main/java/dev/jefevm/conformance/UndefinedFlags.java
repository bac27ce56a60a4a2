package dev.jefevm.conformance;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of flags an instruction leaves undefined, so the differential comparison masks
 * them: the host is an AMD CPU and AMD and Intel compute undefined flags differently. Sources
 * are the "Flags Affected" sections of the SDM Vol.2 instruction reference (page names below);
 * for x87 the "FPU Flags Affected" sections (C0-C3 in the status word).
 */
public final class UndefinedFlags {

    private static final long CF = CpuState.CF, PF = CpuState.PF, AF = CpuState.AF, ZF = CpuState.ZF,
            SF = CpuState.SF, OF = CpuState.OF;
    private static final long ALL = CpuState.ARITH_FLAGS;
    /** x87 condition code bits of the status word (SDM Vol.1 8.1.3). */
    public static final int C0 = 1 << 8, C1 = 1 << 9, C2 = 1 << 10, C3 = 1 << 14;

    private static final Map<Op, Long> FIXED = new EnumMap<>(Op.class);
    private static final Map<Op, Integer> FPU = new EnumMap<>(Op.class);

    static {
        // Vol.2 4-... "MUL", "IMUL": SF, ZF, AF and PF undefined
        for (Op op : new Op[] {Op.MUL, Op.IMUL1, Op.IMUL2, Op.IMUL3}) {
            FIXED.put(op, SF | ZF | AF | PF);
        }
        // Vol.2 "DIV", "IDIV": CF, OF, SF, ZF, AF and PF undefined
        FIXED.put(Op.DIV, ALL);
        FIXED.put(Op.IDIV, ALL);
        // Vol.2 "AND", "OR", "XOR", "TEST": AF undefined
        for (Op op : new Op[] {Op.AND, Op.OR, Op.XOR, Op.TEST}) {
            FIXED.put(op, AF);
        }
        // Vol.2 "BT", "BTS", "BTR", "BTC": OF, SF, AF and PF undefined
        for (Op op : new Op[] {Op.BT, Op.BTS, Op.BTR, Op.BTC}) {
            FIXED.put(op, OF | SF | AF | PF);
        }
        // Vol.2 "BSF", "BSR": CF, OF, SF, AF and PF undefined
        FIXED.put(Op.BSF, CF | OF | SF | AF | PF);
        FIXED.put(Op.BSR, CF | OF | SF | AF | PF);
        // Vol.2 "LZCNT", "TZCNT": OF, SF, PF and AF undefined
        FIXED.put(Op.LZCNT, OF | SF | PF | AF);
        FIXED.put(Op.TZCNT, OF | SF | PF | AF);
        // Vol.2 "ANDN": AF and PF undefined; "BEXTR": AF, SF and PF undefined
        FIXED.put(Op.ANDN, AF | PF);
        FIXED.put(Op.BEXTR, AF | SF | PF);
        // Vol.2 "BLSI", "BLSMSK", "BLSR", "BZHI": AF and PF undefined
        for (Op op : new Op[] {Op.BLSI, Op.BLSMSK, Op.BLSR, Op.BZHI}) {
            FIXED.put(op, AF | PF);
        }

        // x87 (Vol.2 "FPU Flags Affected"): most operations define only C1
        int c023 = C0 | C2 | C3;
        for (Op op : Op.values()) {
            if (op.family() == Op.Family.X87) {
                FPU.put(op, c023);
            }
        }
        // comparisons, FXAM, FPREM/FPREM1 and the environment loads define all four
        for (Op op : new Op[] {Op.FCOM, Op.FCOMP, Op.FCOMPP, Op.FICOM, Op.FICOMP, Op.FUCOM, Op.FUCOMP, Op.FUCOMPP,
            Op.FTST, Op.FXAM, Op.FPREM, Op.FPREM1, Op.FNINIT, Op.FNCLEX, Op.FLDENV, Op.FRSTOR, Op.FNSTSW,
            Op.FNSTCW, Op.FNSTENV, Op.FNSAVE, Op.FNOP, Op.FFREE, Op.FFREEP}) {
            FPU.put(op, 0);
        }
        // "FSIN", "FCOS", "FSINCOS", "FPTAN": C2 reports an out-of-range operand; C0 and C3 undefined
        for (Op op : new Op[] {Op.FSIN, Op.FCOS, Op.FSINCOS, Op.FPTAN}) {
            FPU.put(op, C0 | C3);
        }
        // "FLDCW": C0-C3 undefined
        FPU.put(Op.FLDCW, C0 | C1 | C2 | C3);
    }

    private UndefinedFlags() {
    }

    /**
     * RFLAGS bits that {@code op} leaves undefined, for operand size {@code size} in bytes and,
     * for shifts and rotates, the count after masking to 5 (6 with REX.W) bits.
     */
    public static long of(Op op, int size, int count) {
        int width = size * 8;
        return switch (op) {
            // Vol.2 "SAL/SAR/SHL/SHR": count 0 affects nothing; AF undefined for a nonzero count,
            // OF undefined unless the count is 1, CF undefined for SHL/SHR when count >= width
            case SHL, SHR, SAR -> count == 0 ? 0
                    : AF | (count != 1 ? OF : 0) | (op != Op.SAR && count >= width ? CF : 0);
            // Vol.2 "RCL/RCR/ROL/ROR": OF undefined unless the count is 1
            case ROL, ROR, RCL, RCR -> count == 0 ? 0 : count != 1 ? OF : 0;
            // Vol.2 "SHLD", "SHRD": AF undefined; OF unless count 1; everything when count > width
            case SHLD, SHRD -> count == 0 ? 0 : count > width ? ALL : AF | (count != 1 ? OF : 0);
            default -> FIXED.getOrDefault(op, 0L);
        };
    }

    /** RFLAGS bits {@code op} leaves undefined when no count is involved. */
    public static long of(Op op, int size) {
        return of(op, size, 1);
    }

    /** x87 status-word bits (among C0-C3) that {@code op} leaves undefined; 0 for non-x87 operations. */
    public static int fpuStatus(Op op) {
        return FPU.getOrDefault(op, 0);
    }
}
