package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.OpcodeTable.E;
import static dev.jefevm.core.cpu.decode.OpcodeTable.IB;
import static dev.jefevm.core.cpu.decode.OpcodeTable.M;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_0F;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_0F38;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_0F3A;
import static dev.jefevm.core.cpu.decode.OpcodeTable.NP;
import static dev.jefevm.core.cpu.decode.OpcodeTable.P66;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF2;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF3;
import static dev.jefevm.core.cpu.decode.OpcodeTable.V;
import static dev.jefevm.core.cpu.decode.OpcodeTable.W;

/**
 * The decoder rows of SSE3 (0F map), SSSE3 (0F38 and 0F3A 0F), SSE4.1 (0F38 and 0F3A) and the
 * SSE4.2 PCMPGTQ (SDM Vol.2 Appendix A, tables ). SSSE3 operations also have an
 * MMX form without the 66 prefix; as in {@link SseOpcodeMap} those rows use the XMM operand
 * forms and the executor reads the register numbers as MM0-MM7. Every 0F3A row carries an imm8,
 * which the decoder reads after ModRM, SIB and displacement (SDM Vol.2 2.1). Where REX.W
 * selects the quadword form (PEXTRQ, PINSRQ) the operation stays PEXTRD/PINSRD and the
 * instruction's operand size says 8. The SSE4.2 string compares are registered elsewhere.
 */
public final class Sse4OpcodeMap {

    /** SSSE3 opcodes 0F38 00-0B and 1C-1E: the same operation with and without the 66 prefix. */
    private static final Op[] SSSE3 = {Op.PSHUFB, Op.PHADDW, Op.PHADDD, Op.PHADDSW, Op.PMADDUBSW, Op.PHSUBW,
            Op.PHSUBD, Op.PHSUBSW, Op.PSIGNB, Op.PSIGNW, Op.PSIGND, Op.PMULHRSW};

    /** SSE4.1 opcodes 66 0F38 20-25 and 30-35: sign and zero extensions. */
    private static final Op[] SIGN_EXTEND = {Op.PMOVSXBW, Op.PMOVSXBD, Op.PMOVSXBQ, Op.PMOVSXWD, Op.PMOVSXWQ,
            Op.PMOVSXDQ};
    private static final Op[] ZERO_EXTEND = {Op.PMOVZXBW, Op.PMOVZXBD, Op.PMOVZXBQ, Op.PMOVZXWD, Op.PMOVZXWQ,
            Op.PMOVZXDQ};

    /** 66 0F38 37-41: PCMPGTQ, the minimum/maximum family, PMULLD, PHMINPOSUW. */
    private static final Op[] ROW_3 = {Op.PCMPGTQ, Op.PMINSB, Op.PMINSD, Op.PMINUW, Op.PMINUD, Op.PMAXSB,
            Op.PMAXSD, Op.PMAXUW, Op.PMAXUD, Op.PMULLD, Op.PHMINPOSUW};

    /** 66 0F3A 08-0E: rounding and immediate blends ({@code V, W, IB}). */
    private static final Op[] ROUND_BLEND = {Op.ROUNDPS, Op.ROUNDPD, Op.ROUNDSS, Op.ROUNDSD, Op.BLENDPS,
            Op.BLENDPD, Op.PBLENDW};

    private Sse4OpcodeMap() {
    }

    /** Adds every SSE3, SSSE3, SSE4.1 and PCMPGTQ row to {@code t}. */
    public static void register(OpcodeTable t) {
        sse3(t);
        ssse3(t);
        sse41(t);
    }

    private static void add0F(OpcodeTable t, int opcode, int prefix, Op op, int... forms) {
        t.add(MAP_0F, opcode, prefix, -1, op, 0, false, forms);
    }

    private static void add0F38(OpcodeTable t, int opcode, int prefix, Op op, int... forms) {
        t.add(MAP_0F38, opcode, prefix, -1, op, 0, false, forms);
    }

    private static void add0F3A(OpcodeTable t, int opcode, int prefix, Op op, int... forms) {
        t.add(MAP_0F3A, opcode, prefix, -1, op, 0, false, forms);
    }

    /** SDM Vol.2 Table A-3: SSE3 rows in the 0F map. */
    private static void sse3(OpcodeTable t) {
        add0F(t, 0x12, PF2, Op.MOVDDUP, V, W);
        add0F(t, 0x12, PF3, Op.MOVSLDUP, V, W);
        add0F(t, 0x16, PF3, Op.MOVSHDUP, V, W);
        add0F(t, 0x7C, P66, Op.HADDPD, V, W);
        add0F(t, 0x7C, PF2, Op.HADDPS, V, W);
        add0F(t, 0x7D, P66, Op.HSUBPD, V, W);
        add0F(t, 0x7D, PF2, Op.HSUBPS, V, W);
        add0F(t, 0xD0, P66, Op.ADDSUBPD, V, W);
        add0F(t, 0xD0, PF2, Op.ADDSUBPS, V, W);
        add0F(t, 0xF0, PF2, Op.LDDQU, V, M);
    }

    /** SDM Vol.2 Tables: SSSE3 rows, each with an MMX (no prefix) and an XMM (66) form. */
    private static void ssse3(OpcodeTable t) {
        for (int i = 0; i < SSSE3.length; i++) {
            add0F38(t, i, NP, SSSE3[i], V, W);
            add0F38(t, i, P66, SSSE3[i], V, W);
        }
        Op[] abs = {Op.PABSB, Op.PABSW, Op.PABSD};
        for (int i = 0; i < abs.length; i++) {
            add0F38(t, 0x1C + i, NP, abs[i], V, W);
            add0F38(t, 0x1C + i, P66, abs[i], V, W);
        }
        add0F3A(t, 0x0F, NP, Op.PALIGNR, V, W, IB);
        add0F3A(t, 0x0F, P66, Op.PALIGNR, V, W, IB);
    }

    /** SDM Vol.2 Tables: SSE4.1 rows (all with the 66 prefix) and PCMPGTQ. */
    private static void sse41(OpcodeTable t) {
        add0F38(t, 0x10, P66, Op.PBLENDVB, V, W);
        add0F38(t, 0x14, P66, Op.BLENDVPS, V, W);
        add0F38(t, 0x15, P66, Op.BLENDVPD, V, W);
        add0F38(t, 0x17, P66, Op.PTEST, V, W);
        for (int i = 0; i < SIGN_EXTEND.length; i++) {
            add0F38(t, 0x20 + i, P66, SIGN_EXTEND[i], V, W);
            add0F38(t, 0x30 + i, P66, ZERO_EXTEND[i], V, W);
        }
        add0F38(t, 0x28, P66, Op.PMULDQ, V, W);
        add0F38(t, 0x29, P66, Op.PCMPEQQ, V, W);
        add0F38(t, 0x2A, P66, Op.MOVNTDQA, V, M);
        add0F38(t, 0x2B, P66, Op.PACKUSDW, V, W);
        for (int i = 0; i < ROW_3.length; i++) {
            add0F38(t, 0x37 + i, P66, ROW_3[i], V, W);
        }
        for (int i = 0; i < ROUND_BLEND.length; i++) {
            add0F3A(t, 0x08 + i, P66, ROUND_BLEND[i], V, W, IB);
        }
        // extracts write r32 (r64 with REX.W) or memory of the element's size: form E, operand size 4 or 8
        add0F3A(t, 0x14, P66, Op.PEXTRB, E, V, IB);
        add0F3A(t, 0x15, P66, Op.PEXTRW, E, V, IB);
        add0F3A(t, 0x16, P66, Op.PEXTRD, E, V, IB);
        add0F3A(t, 0x17, P66, Op.EXTRACTPS, E, V, IB);
        add0F3A(t, 0x20, P66, Op.PINSRB, V, E, IB);
        add0F3A(t, 0x21, P66, Op.INSERTPS, V, W, IB);
        add0F3A(t, 0x22, P66, Op.PINSRD, V, E, IB);
        add0F3A(t, 0x40, P66, Op.DPPS, V, W, IB);
        add0F3A(t, 0x41, P66, Op.DPPD, V, W, IB);
        add0F3A(t, 0x42, P66, Op.MPSADBW, V, W, IB);
    }
}
