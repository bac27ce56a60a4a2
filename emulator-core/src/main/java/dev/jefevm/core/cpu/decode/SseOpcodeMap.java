package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.OpcodeTable.E;
import static dev.jefevm.core.cpu.decode.OpcodeTable.G;
import static dev.jefevm.core.cpu.decode.OpcodeTable.IB;
import static dev.jefevm.core.cpu.decode.OpcodeTable.M;
import static dev.jefevm.core.cpu.decode.OpcodeTable.NP;
import static dev.jefevm.core.cpu.decode.OpcodeTable.P66;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF2;
import static dev.jefevm.core.cpu.decode.OpcodeTable.PF3;
import static dev.jefevm.core.cpu.decode.OpcodeTable.U;
import static dev.jefevm.core.cpu.decode.OpcodeTable.V;
import static dev.jefevm.core.cpu.decode.OpcodeTable.W;

/**
 * The decoder rows of the SSE and SSE2 instructions in the 0F map (SDM Vol.2 Appendix A,
 * tables: mandatory prefix none/66/F3/F2, the 0F 71/72/73 shift groups and group 15
 * at 0F AE) and the MMX forms of the packed-integer opcodes (no prefix; SDM Vol.2 Table A-3).
 * MMX rows use the XMM operand forms: the executor knows an MMX form by its missing mandatory
 * prefix and takes the register numbers as MM0-MM7; the MMX-XMM transfers (CVTPI2PS, MOVQ2DQ,
 * ...) say by their operation which operand is an mm register. SSE3 and later stay #UD.
 */
public final class SseOpcodeMap {

    /** Opcodes 0F D0-FF that are plain {@code V, W} packed-integer rows (null: another form, or none). */
    private static final Op[] PACKED_D_TO_F = {null, Op.PSRLW, Op.PSRLD, Op.PSRLQ, Op.PADDQ, Op.PMULLW, null, null,
            Op.PSUBUSB, Op.PSUBUSW, Op.PMINUB, Op.PAND, Op.PADDUSB, Op.PADDUSW, Op.PMAXUB, Op.PANDN,
            Op.PAVGB, Op.PSRAW, Op.PSRAD, Op.PAVGW, Op.PMULHUW, Op.PMULHW, null, null,
            Op.PSUBSB, Op.PSUBSW, Op.PMINSW, Op.POR, Op.PADDSB, Op.PADDSW, Op.PMAXSW, Op.PXOR,
                null, Op.PSLLW, Op.PSLLD, Op.PSLLQ, Op.PMULUDQ, Op.PMADDWD, Op.PSADBW, null,
            Op.PSUBB, Op.PSUBW, Op.PSUBD, Op.PSUBQ, Op.PADDB, Op.PADDW, Op.PADDD, null};

    private SseOpcodeMap() {
    }

    /** Adds every SSE/SSE2 row to {@code t}. */
    public static void register(OpcodeTable t) {
        moves(t);
        arithmetic(t);
        packedInteger(t);
        state(t);
        mmx(t);
    }

    /** One opcode with its four mandatory-prefix forms (PS, PD, SS, SD order); a null op leaves that prefix #UD. */
    private static void four(OpcodeTable t, int opcode, Op ps, Op pd, Op ss, Op sd, int... forms) {
        if (ps != null) {
            t.add0F(opcode, NP, ps, forms);
        }
        if (pd != null) {
            t.add0F(opcode, P66, pd, forms);
        }
        if (ss != null) {
            t.add0F(opcode, PF3, ss, forms);
        }
        if (sd != null) {
            t.add0F(opcode, PF2, sd, forms);
        }
    }

    private static void moves(OpcodeTable t) {
        four(t, 0x10, Op.MOVUPS, Op.MOVUPD, Op.MOVSS, Op.MOVSD_XMM, V, W);
        four(t, 0x11, Op.MOVUPS, Op.MOVUPD, Op.MOVSS, Op.MOVSD_XMM, W, V);
        t.add0F(0x12, NP, Op.MOVHLPS, V, U);
        t.add0F(0x12, NP, Op.MOVLPS, V, M);
        t.add0F(0x12, P66, Op.MOVLPD, V, M);
        four(t, 0x13, Op.MOVLPS, Op.MOVLPD, null, null, M, V);
        t.add0F(0x16, NP, Op.MOVLHPS, V, U);
        t.add0F(0x16, NP, Op.MOVHPS, V, M);
        t.add0F(0x16, P66, Op.MOVHPD, V, M);
        four(t, 0x17, Op.MOVHPS, Op.MOVHPD, null, null, M, V);
        four(t, 0x28, Op.MOVAPS, Op.MOVAPD, null, null, V, W);
        four(t, 0x29, Op.MOVAPS, Op.MOVAPD, null, null, W, V);
        four(t, 0x2B, Op.MOVNTPS, Op.MOVNTPD, null, null, M, V);
        four(t, 0x50, Op.MOVMSKPS, Op.MOVMSKPD, null, null, G, U);
        t.add0F(0x6E, P66, Op.MOVD, V, E);
        t.add0FRexW(0x6E, P66, Op.MOVQ, V, E);
        four(t, 0x6F, null, Op.MOVDQA, Op.MOVDQU, null, V, W);
        t.add0F(0x7E, P66, Op.MOVD, E, V);
        t.add0FRexW(0x7E, P66, Op.MOVQ, E, V);
        t.add0F(0x7E, PF3, Op.MOVQ, V, W);
        four(t, 0x7F, null, Op.MOVDQA, Op.MOVDQU, null, W, V);
        t.add0F(0xC3, NP, Op.MOVNTI, M, G);
        t.add0F(0xD6, P66, Op.MOVQ, W, V);
        t.add0F(0xD7, P66, Op.PMOVMSKB, G, U);
        t.add0F(0xE7, P66, Op.MOVNTDQ, M, V);
        t.add0F(0xF7, P66, Op.MASKMOVDQU, V, U);
    }

    private static void arithmetic(OpcodeTable t) {
        four(t, 0x14, Op.UNPCKLPS, Op.UNPCKLPD, null, null, V, W);
        four(t, 0x15, Op.UNPCKHPS, Op.UNPCKHPD, null, null, V, W);
        four(t, 0x2A, null, null, Op.CVTSI2SS, Op.CVTSI2SD, V, E);
        four(t, 0x2C, null, null, Op.CVTTSS2SI, Op.CVTTSD2SI, G, W);
        four(t, 0x2D, null, null, Op.CVTSS2SI, Op.CVTSD2SI, G, W);
        four(t, 0x2E, Op.UCOMISS, Op.UCOMISD, null, null, V, W);
        four(t, 0x2F, Op.COMISS, Op.COMISD, null, null, V, W);
        four(t, 0x51, Op.SQRTPS, Op.SQRTPD, Op.SQRTSS, Op.SQRTSD, V, W);
        four(t, 0x52, Op.RSQRTPS, null, Op.RSQRTSS, null, V, W);
        four(t, 0x53, Op.RCPPS, null, Op.RCPSS, null, V, W);
        four(t, 0x54, Op.ANDPS, Op.ANDPD, null, null, V, W);
        four(t, 0x55, Op.ANDNPS, Op.ANDNPD, null, null, V, W);
        four(t, 0x56, Op.ORPS, Op.ORPD, null, null, V, W);
        four(t, 0x57, Op.XORPS, Op.XORPD, null, null, V, W);
        four(t, 0x58, Op.ADDPS, Op.ADDPD, Op.ADDSS, Op.ADDSD, V, W);
        four(t, 0x59, Op.MULPS, Op.MULPD, Op.MULSS, Op.MULSD, V, W);
        four(t, 0x5A, Op.CVTPS2PD, Op.CVTPD2PS, Op.CVTSS2SD, Op.CVTSD2SS, V, W);
        four(t, 0x5B, Op.CVTDQ2PS, Op.CVTPS2DQ, Op.CVTTPS2DQ, null, V, W);
        four(t, 0x5C, Op.SUBPS, Op.SUBPD, Op.SUBSS, Op.SUBSD, V, W);
        four(t, 0x5D, Op.MINPS, Op.MINPD, Op.MINSS, Op.MINSD, V, W);
        four(t, 0x5E, Op.DIVPS, Op.DIVPD, Op.DIVSS, Op.DIVSD, V, W);
        four(t, 0x5F, Op.MAXPS, Op.MAXPD, Op.MAXSS, Op.MAXSD, V, W);
        four(t, 0xC2, Op.CMPPS, Op.CMPPD, Op.CMPSS, Op.CMPSD_XMM, V, W, IB);
        four(t, 0xC6, Op.SHUFPS, Op.SHUFPD, null, null, V, W, IB);
        four(t, 0xE6, null, Op.CVTTPD2DQ, Op.CVTDQ2PD, Op.CVTPD2DQ, V, W);
    }

    /** Opcodes 0F 60-7F and D0-FF with the 66 prefix: the SSE2 forms of the MMX integer instructions. */
    private static void packedInteger(OpcodeTable t) {
        Op[] row6 = {Op.PUNPCKLBW, Op.PUNPCKLWD, Op.PUNPCKLDQ, Op.PACKSSWB, Op.PCMPGTB, Op.PCMPGTW, Op.PCMPGTD,
                Op.PACKUSWB, Op.PUNPCKHBW, Op.PUNPCKHWD, Op.PUNPCKHDQ, Op.PACKSSDW, Op.PUNPCKLQDQ, Op.PUNPCKHQDQ};
        for (int i = 0; i < row6.length; i++) {
            t.add0F(0x60 + i, P66, row6[i], V, W);
        }
        four(t, 0x70, null, Op.PSHUFD, Op.PSHUFHW, Op.PSHUFLW, V, W, IB);
        t.add0FGroup(0x71, P66, 2, Op.PSRLW, U, IB);
        t.add0FGroup(0x71, P66, 4, Op.PSRAW, U, IB);
        t.add0FGroup(0x71, P66, 6, Op.PSLLW, U, IB);
        t.add0FGroup(0x72, P66, 2, Op.PSRLD, U, IB);
        t.add0FGroup(0x72, P66, 4, Op.PSRAD, U, IB);
        t.add0FGroup(0x72, P66, 6, Op.PSLLD, U, IB);
        t.add0FGroup(0x73, P66, 2, Op.PSRLQ, U, IB);
        t.add0FGroup(0x73, P66, 3, Op.PSRLDQ, U, IB);
        t.add0FGroup(0x73, P66, 6, Op.PSLLQ, U, IB);
        t.add0FGroup(0x73, P66, 7, Op.PSLLDQ, U, IB);
        t.add0F(0x74, P66, Op.PCMPEQB, V, W);
        t.add0F(0x75, P66, Op.PCMPEQW, V, W);
        t.add0F(0x76, P66, Op.PCMPEQD, V, W);
        t.add0F(0xC4, P66, Op.PINSRW, V, E, IB);
        t.add0F(0xC5, P66, Op.PEXTRW, G, U, IB);
        for (int i = 0; i < PACKED_D_TO_F.length; i++) {
            if (PACKED_D_TO_F[i] != null) {
                t.add0F(0xD0 + i, P66, PACKED_D_TO_F[i], V, W);
            }
        }
    }


    /** The no-prefix MMX encodings (SDM Vol.2 Table A-3, rows 6, 7, D, E, F and 0F C4/C5). */
    private static void mmx(OpcodeTable t) {
        Op[] row6 = {Op.PUNPCKLBW, Op.PUNPCKLWD, Op.PUNPCKLDQ, Op.PACKSSWB, Op.PCMPGTB, Op.PCMPGTW, Op.PCMPGTD,
                Op.PACKUSWB, Op.PUNPCKHBW, Op.PUNPCKHWD, Op.PUNPCKHDQ, Op.PACKSSDW};
        for (int i = 0; i < row6.length; i++) {
            t.add0F(0x60 + i, NP, row6[i], V, W);
        }
        t.add0F(0x6E, NP, Op.MOVD, V, E);
        t.add0FRexW(0x6E, NP, Op.MOVQ, V, E);
        t.add0F(0x6F, NP, Op.MOVQ, V, W);
        t.add0F(0x70, NP, Op.PSHUFW, V, W, IB);
        t.add0FGroup(0x71, NP, 2, Op.PSRLW, U, IB);
        t.add0FGroup(0x71, NP, 4, Op.PSRAW, U, IB);
        t.add0FGroup(0x71, NP, 6, Op.PSLLW, U, IB);
        t.add0FGroup(0x72, NP, 2, Op.PSRLD, U, IB);
        t.add0FGroup(0x72, NP, 4, Op.PSRAD, U, IB);
        t.add0FGroup(0x72, NP, 6, Op.PSLLD, U, IB);
        t.add0FGroup(0x73, NP, 2, Op.PSRLQ, U, IB);
        t.add0FGroup(0x73, NP, 6, Op.PSLLQ, U, IB);
        t.add0F(0x74, NP, Op.PCMPEQB, V, W);
        t.add0F(0x75, NP, Op.PCMPEQW, V, W);
        t.add0F(0x76, NP, Op.PCMPEQD, V, W);
        t.add0F(0x77, NP, Op.EMMS);
        t.add0F(0x7E, NP, Op.MOVD, E, V);
        t.add0FRexW(0x7E, NP, Op.MOVQ, E, V);
        t.add0F(0x7F, NP, Op.MOVQ, W, V);
        t.add0F(0xC4, NP, Op.PINSRW, V, E, IB);
        t.add0F(0xC5, NP, Op.PEXTRW, G, U, IB);
        t.add0F(0xD7, NP, Op.PMOVMSKB, G, U);
        t.add0F(0xE7, NP, Op.MOVNTQ, M, V);
        t.add0F(0xF7, NP, Op.MASKMOVQ, V, U);
        // transfers between MMX and XMM: the executor knows by the operation which operand is an mm register
        four(t, 0x2A, Op.CVTPI2PS, Op.CVTPI2PD, null, null, V, W);
        four(t, 0x2C, Op.CVTTPS2PI, Op.CVTTPD2PI, null, null, V, W);
        four(t, 0x2D, Op.CVTPS2PI, Op.CVTPD2PI, null, null, V, W);
        t.add0F(0xD6, PF3, Op.MOVQ2DQ, V, U);
        t.add0F(0xD6, PF2, Op.MOVDQ2Q, V, U);
        for (int i = 0; i < PACKED_D_TO_F.length; i++) {
            if (PACKED_D_TO_F[i] != null) {
                t.add0F(0xD0 + i, NP, PACKED_D_TO_F[i], V, W);
            }
        }
    }

    /** Group 15 (0F AE) memory forms /0-/3; REX.W selects the 64-bit FXSAVE image (Instruction.P_REXW). */
    private static void state(OpcodeTable t) {
        t.add0FGroup(0xAE, NP, 0, Op.FXSAVE, M);
        t.add0FGroup(0xAE, NP, 1, Op.FXRSTOR, M);
        t.add0FGroup(0xAE, NP, 2, Op.LDMXCSR, M);
        t.add0FGroup(0xAE, NP, 3, Op.STMXCSR, M);
    }
}
