package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Executes the SSE through SSE4.2 operations (family {@code SSE} of {@link Op}): checks that the
 * operating system has enabled SSE (SDM Vol.3 13.1: CR0.EM clear, CR4.OSFXSR set; CR0.TS set
 * gives #NM for lazy state switching), then hands the instruction to the class for its group:
 * moves, packed integer and logic, shifts, shuffles/unpacks/packs, float arithmetic, compares,
 * conversions, MXCSR/FXSAVE state, and the SSE3/SSSE3/SSE4 groups (horizontal float, loads,
 * SSSE3 integer, SSE4.1 integer, extends, blends, rounding, dot products, inserts/extracts,
 * string compares). Groups are looked up by ordinal in a table built once.
 * Packed-integer operations encoded without a mandatory prefix are MMX forms and go to
 * {@link MmxExecutor}, which needs only CR0.EM clear and CR0.TS clear (SDM Vol.3 13.1); the
 * MMX-XMM transfers (CVTPI2PS, MOVQ2DQ, ...) are SSE instructions and pass the SSE gate.
 */
public final class SseExecutor {

    private static final long CR0_EM = 1L << 2, CR0_TS = 1L << 3;
    private static final long CR4_OSFXSR = 1L << 9;

    private static final byte MOVE = 1, INTEGER = 2, SHIFT = 3, SHUFFLE = 4, FLOAT = 5, COMPARE = 6, CONVERT = 7,
            STATE = 8, NON_TEMPORAL_GPR = 9, MMX = 10, MMX_TRANSFER = 11, HORIZONTAL_FLOAT = 12, LOADS = 13,
            SUPPLEMENTAL = 14, INTEGER_41 = 15, EXTEND = 16, BLEND = 17, ROUNDING = 18, DOT_PRODUCT = 19,
            INSERT_EXTRACT = 20, STRING_COMPARE = 21;
    private static final byte[] GROUP = new byte[Op.values().length];
    private static final boolean[] MMX_FORM = new boolean[Op.values().length];
    /** The SSE forms of operations that also exist for MMX carry one of these mandatory prefixes. */
    private static final int SSE_PREFIXES = Instruction.P_OPSIZE | Instruction.P_REP | Instruction.P_REPNE;

    static {
        for (Op op : Op.values()) {
            if (op.family() == Op.Family.SSE) {
                GROUP[op.ordinal()] = groupOf(op);
                MMX_FORM[op.ordinal()] = MmxExecutor.hasMmxForm(op);
            }
        }
    }

    private SseExecutor() {
    }

    private static byte groupOf(Op op) {
        int o = op.ordinal();
        if (op == Op.MOVNTI) {
            return NON_TEMPORAL_GPR;
        }
        if (o > Op.MOVDQ2Q.ordinal()) {
            return extensionGroupOf(op);
        }
        if (o >= Op.CVTPI2PS.ordinal()) {
            return MMX_TRANSFER;
        }
        if (o >= Op.EMMS.ordinal()) {
            return MMX; // reached only through MMX_FORM: these have no prefixed encodings
        }
        if (o < Op.ANDPS.ordinal()) {
            return MOVE;
        }
        if (o < Op.PSLLW.ordinal()) {
            return INTEGER;
        }
        if (o < Op.PSHUFD.ordinal()) {
            return SHIFT;
        }
        if (o < Op.ADDSS.ordinal()) {
            return SHUFFLE;
        }
        if (o < Op.CMPSS.ordinal()) {
            return FLOAT;
        }
        if (o < Op.CVTSI2SS.ordinal()) {
            return COMPARE;
        }
        if (o < Op.LDMXCSR.ordinal()) {
            return CONVERT;
        }
        return STATE;
    }

    /** The groups of the SSE3, SSSE3, SSE4.1 and SSE4.2 operations, which follow MOVDQ2Q in {@link Op}. */
    private static byte extensionGroupOf(Op op) {
        return switch (op) {
            case ADDSUBPS, ADDSUBPD, HADDPS, HADDPD, HSUBPS, HSUBPD -> HORIZONTAL_FLOAT;
            case LDDQU, MOVDDUP, MOVSHDUP, MOVSLDUP, MOVNTDQA -> LOADS;
            case PSHUFB, PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW, PMADDUBSW, PMULHRSW,
                 PSIGNB, PSIGNW, PSIGND, PABSB, PABSW, PABSD, PALIGNR -> SUPPLEMENTAL;
            case PBLENDVB, BLENDVPS, BLENDVPD, BLENDPS, BLENDPD, PBLENDW -> BLEND;
            case PMOVSXBW, PMOVSXBD, PMOVSXBQ, PMOVSXWD, PMOVSXWQ, PMOVSXDQ,
                 PMOVZXBW, PMOVZXBD, PMOVZXBQ, PMOVZXWD, PMOVZXWQ, PMOVZXDQ -> EXTEND;
            case ROUNDPS, ROUNDPD, ROUNDSS, ROUNDSD -> ROUNDING;
            case DPPS, DPPD -> DOT_PRODUCT;
            case PEXTRB, PEXTRD, EXTRACTPS, PINSRB, PINSRD, INSERTPS -> INSERT_EXTRACT;
            case PCMPESTRM, PCMPESTRI, PCMPISTRM, PCMPISTRI -> STRING_COMPARE;
            default -> INTEGER_41; // PTEST, PMULDQ, PCMPEQQ, PACKUSDW, min/max, PMULLD, PHMINPOSUW, MPSADBW, PCMPGTQ
        };
    }

    /** Executes one SSE-family instruction; {@code state.rip} already points at the next instruction. */
    public static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        Op op = insn.op;
        int group = GROUP[op.ordinal()];
        if (group == NON_TEMPORAL_GPR) {
            // MOVNTI stores a general register: it needs no SSE state, hence no OS enabling (SDM Vol.2 MOVNTI)
            SseMoves.execute(cpu, insn);
            return;
        }
        long cr0 = s.cr0;
        if ((cr0 & CR0_EM) != 0) {
            throw CpuFault.ud();
        }
        if (MMX_FORM[op.ordinal()] && (insn.prefixes & SSE_PREFIXES) == 0) {
            if ((cr0 & CR0_TS) != 0) {
                throw CpuFault.nm();
            }
            MmxExecutor.execute(cpu, insn);
            return;
        }
        if ((s.cr4 & CR4_OSFXSR) == 0 && op != Op.FXSAVE && op != Op.FXRSTOR) {
            throw CpuFault.ud();
        }
        if ((cr0 & CR0_TS) != 0) {
            throw CpuFault.nm();
        }
        switch (group) {
            case MOVE -> SseMoves.execute(cpu, insn);
            case INTEGER -> PackedInteger.execute(cpu, insn);
            case SHIFT -> PackedShift.execute(cpu, insn);
            case SHUFFLE -> {
                if (insn.kind0 == Instruction.K_MEM) {
                    InsertExtract.execute(cpu, insn); // PEXTRW m16 (66 0F3A 15): the only shuffle that stores
                } else {
                    Shuffle.execute(cpu, insn);
                }
            }
            case FLOAT -> FloatArithmetic.execute(cpu, insn);
            case COMPARE -> FloatCompare.execute(cpu, insn);
            case CONVERT -> FloatConvert.execute(cpu, insn);
            case STATE -> SseStateOps.execute(cpu, insn);
            case MMX_TRANSFER -> MmxTransfers.execute(cpu, insn);
            case HORIZONTAL_FLOAT -> HorizontalFloat.execute(cpu, insn);
            case LOADS -> DuplicatingLoads.execute(cpu, insn);
            case SUPPLEMENTAL -> SupplementalInteger.execute(cpu, insn);
            case INTEGER_41 -> Sse41Integer.execute(cpu, insn);
            case EXTEND -> PackedExtend.execute(cpu, insn);
            case BLEND -> Blend.execute(cpu, insn);
            case ROUNDING -> Rounding.execute(cpu, insn);
            case DOT_PRODUCT -> DotProduct.execute(cpu, insn);
            case INSERT_EXTRACT -> InsertExtract.execute(cpu, insn);
            case STRING_COMPARE -> PackedStringCompare.execute(cpu, insn);
            default -> throw CpuFault.ud();
        }
    }
}
