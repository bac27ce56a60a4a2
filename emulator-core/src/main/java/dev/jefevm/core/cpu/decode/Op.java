package dev.jefevm.core.cpu.decode;

/**
 * Every operation the decoder can produce. The decoder maps an encoding to one of these plus its
 * operands ({@link Instruction}); the interpreter (and later the JIT) dispatch on it. Each
 * operation belongs to a {@link Family}, which names the executor that implements it.
 * Encodings that reach no operation here raise #UD.
 *
 * <p>Where one mnemonic has forms that behave differently the decoder picks the form (JMP vs
 * JMP_INDIRECT); where forms differ only by operand size or operand kinds the {@link Instruction}
 * carries that and the operation is one.
 */
public enum Op {
    // ---------------- integer: data movement ----------------
    MOV, MOVZX, MOVSX, MOVSXD, LEA, XCHG, CMPXCHG, CMPXCHG8B, CMPXCHG16B, XADD, BSWAP,
    PUSH, POP, CMOVCC, SETCC, CBW, CWD, XLAT, MOVBE,
    // ---------------- integer: arithmetic and logic ----------------
    ADD, ADC, SUB, SBB, CMP, INC, DEC, NEG, AND, OR, XOR, NOT, TEST,
    MUL, IMUL1, IMUL2, IMUL3, DIV, IDIV,
    // ---------------- integer: shifts and rotates ----------------
    SHL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD, SHRD,
    // ---------------- integer: bits ----------------
    BT, BTS, BTR, BTC, BSF, BSR, POPCNT, LZCNT, TZCNT,
    // ---------------- integer: BMI1, BMI2 (VEX-encoded), ADX, SSE4.2 CRC32 ----------------
    ANDN, BEXTR, BLSI, BLSMSK, BLSR, BZHI, MULX, PDEP, PEXT, RORX, SARX, SHLX, SHRX,
    ADCX, ADOX, CRC32,
    // ---------------- control flow ----------------
    JMP, JMP_INDIRECT, JCC, CALL, CALL_INDIRECT, RET, LOOP, LOOPE, LOOPNE, JRCXZ,
    // ---------------- strings (rep prefixes in Instruction.prefixes) ----------------
    MOVS, STOS, LODS, CMPS, SCAS,
    // ---------------- flags ----------------
    LAHF, SAHF, PUSHF, POPF, CLC, STC, CMC, CLD, STD,
    // ---------------- frames and misc ----------------
    ENTER, LEAVE, PAUSE, NOP, ENDBR64, UD2, FENCE, PREFETCH, CLFLUSH,

    // ---------------- system (privileged or mode-sensitive) ----------------
    CPUID, RDTSC, RDTSCP, RDMSR, WRMSR,
    MOV_TO_CR, MOV_FROM_CR, MOV_TO_DR, MOV_FROM_DR, MOV_TO_SREG, MOV_FROM_SREG,
    PUSH_SREG, POP_SREG,
    LGDT, LIDT, SGDT, SIDT, LLDT, SLDT, LTR, STR, LMSW, SMSW, CLTS, INVLPG, WBINVD, INVD,
    CLI, STI, HLT, IN, OUT, INS, OUTS,
    INT, INT3, INTO, INT1, IRET, SYSCALL, SYSRET, SWAPGS,
    JMP_FAR, CALL_FAR, RET_FAR,
    RDFSBASE, RDGSBASE, WRFSBASE, WRGSBASE, XGETBV, RDPMC,

    // ---------------- SSE/SSE2: moves ----------------
    MOVAPS, MOVAPD, MOVUPS, MOVUPD, MOVDQA, MOVDQU, MOVSS, MOVSD_XMM, MOVD, MOVQ,
    MOVLPS, MOVLPD, MOVHPS, MOVHPD, MOVHLPS, MOVLHPS,
    MOVMSKPS, MOVMSKPD, PMOVMSKB, MOVNTI, MOVNTDQ, MOVNTPS, MOVNTPD, MASKMOVDQU,
    // ---------------- SSE/SSE2: logic ----------------
    ANDPS, ANDPD, ANDNPS, ANDNPD, ORPS, ORPD, XORPS, XORPD, PAND, PANDN, POR, PXOR,
    // ---------------- SSE2: packed integer arithmetic and compare ----------------
    PADDB, PADDW, PADDD, PADDQ, PSUBB, PSUBW, PSUBD, PSUBQ,
    PADDSB, PADDSW, PADDUSB, PADDUSW, PSUBSB, PSUBSW, PSUBUSB, PSUBUSW,
    PCMPEQB, PCMPEQW, PCMPEQD, PCMPGTB, PCMPGTW, PCMPGTD,
    PMULLW, PMULHW, PMULHUW, PMULUDQ, PMADDWD, PSADBW, PAVGB, PAVGW,
    PMINUB, PMAXUB, PMINSW, PMAXSW,
    // ---------------- SSE2: shifts (xmm count or imm8 count in Instruction.imm) ----------------
    PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD, PSLLDQ, PSRLDQ,
    // ---------------- SSE/SSE2: shuffle, unpack, pack, insert/extract ----------------
    PSHUFD, PSHUFHW, PSHUFLW, SHUFPS, SHUFPD,
    PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKLQDQ, PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ, PUNPCKHQDQ,
    UNPCKLPS, UNPCKHPS, UNPCKLPD, UNPCKHPD, PACKSSWB, PACKSSDW, PACKUSWB, PINSRW, PEXTRW,
    // ---------------- SSE/SSE2: floating point ----------------
    ADDSS, ADDSD, ADDPS, ADDPD, SUBSS, SUBSD, SUBPS, SUBPD,
    MULSS, MULSD, MULPS, MULPD, DIVSS, DIVSD, DIVPS, DIVPD,
    MINSS, MINSD, MINPS, MINPD, MAXSS, MAXSD, MAXPS, MAXPD,
    SQRTSS, SQRTSD, SQRTPS, SQRTPD, RCPSS, RCPPS, RSQRTSS, RSQRTPS,
    CMPSS, CMPSD_XMM, CMPPS, CMPPD, UCOMISS, UCOMISD, COMISS, COMISD,
    // ---------------- SSE/SSE2: conversions ----------------
    CVTSI2SS, CVTSI2SD, CVTSS2SI, CVTSD2SI, CVTTSS2SI, CVTTSD2SI, CVTSS2SD, CVTSD2SS,
    CVTPS2PD, CVTPD2PS, CVTDQ2PS, CVTPS2DQ, CVTTPS2DQ, CVTDQ2PD, CVTPD2DQ, CVTTPD2DQ,
    // ---------------- SSE state ----------------
    LDMXCSR, STMXCSR, FXSAVE, FXRSTOR,
    // ---------------- MMX-only operations (the packed-integer operations above also run on mm
    // registers: their encodings without a 66 prefix, see SseOpcodeMap) ----------------
    EMMS, PSHUFW, MOVNTQ, MASKMOVQ,
    // transfers between MMX and XMM registers (SSE/SSE2 instructions with an MMX operand)
    CVTPI2PS, CVTPI2PD, CVTPS2PI, CVTTPS2PI, CVTPD2PI, CVTTPD2PI, MOVQ2DQ, MOVDQ2Q,
    // ---------------- SSE3 ----------------
    ADDSUBPS, ADDSUBPD, HADDPS, HADDPD, HSUBPS, HSUBPD, LDDQU, MOVDDUP, MOVSHDUP, MOVSLDUP,
    // ---------------- SSSE3 ----------------
    PSHUFB, PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW, PMADDUBSW, PMULHRSW,
    PSIGNB, PSIGNW, PSIGND, PABSB, PABSW, PABSD, PALIGNR,
    // ---------------- SSE4.1 ----------------
    PBLENDVB, BLENDVPS, BLENDVPD, PTEST,
    PMOVSXBW, PMOVSXBD, PMOVSXBQ, PMOVSXWD, PMOVSXWQ, PMOVSXDQ,
    PMOVZXBW, PMOVZXBD, PMOVZXBQ, PMOVZXWD, PMOVZXWQ, PMOVZXDQ,
    PMULDQ, PCMPEQQ, MOVNTDQA, PACKUSDW, PMINSB, PMINSD, PMINUW, PMINUD, PMAXSB, PMAXSD,
    PMAXUW, PMAXUD, PMULLD, PHMINPOSUW, ROUNDPS, ROUNDPD, ROUNDSS, ROUNDSD,
    BLENDPS, BLENDPD, PBLENDW, PEXTRB, PEXTRD, EXTRACTPS, PINSRB, PINSRD, INSERTPS,
    DPPS, DPPD, MPSADBW,
    // ---------------- SSE4.2 ----------------
    PCMPESTRM, PCMPESTRI, PCMPISTRM, PCMPISTRI, PCMPGTQ,

    // ---------------- x87 FPU (SDM Vol.1 ch.8; encodings Vol.2 A.4) ----------------
    FLD, FST, FSTP, FILD, FIST, FISTP, FISTTP, FBLD, FBSTP,
    FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ, FXCH, FCMOVCC,
    FADD, FADDP, FIADD, FSUB, FSUBP, FISUB, FSUBR, FSUBRP, FISUBR,
    FMUL, FMULP, FIMUL, FDIV, FDIVP, FIDIV, FDIVR, FDIVRP, FIDIVR,
    FCOM, FCOMP, FCOMPP, FICOM, FICOMP, FUCOM, FUCOMP, FUCOMPP, FCOMI, FCOMIP, FUCOMI, FUCOMIP,
    FTST, FXAM, FCHS, FABS, FSQRT, FRNDINT, FSCALE, FXTRACT, FPREM, FPREM1,
    F2XM1, FYL2X, FYL2XP1, FSIN, FCOS, FSINCOS, FPTAN, FPATAN,
    FLDCW, FNSTCW, FNSTSW, FNSTENV, FLDENV, FNSAVE, FRSTOR, FNINIT, FNCLEX,
    FFREE, FFREEP, FDECSTP, FINCSTP, FNOP, FWAIT;

    /** Which executor implements an operation. */
    public enum Family { INTEGER, SYSTEM, SSE, X87 }

    public Family family() {
        return FAMILIES[ordinal()];
    }

    private static final Family[] FAMILIES = new Family[values().length];

    static {
        Op[] all = values();
        for (Op op : all) {
            Family f;
            if (op.ordinal() >= FLD.ordinal()) {
                f = Family.X87;
            } else if (op.ordinal() >= MOVAPS.ordinal()) {
                f = Family.SSE;
            } else if (op.ordinal() >= CPUID.ordinal()) {
                f = Family.SYSTEM;
            } else {
                f = Family.INTEGER;
            }
            FAMILIES[op.ordinal()] = f;
        }
    }
}
