package dev.jefevm.core.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SseOpcodeMapTest {

    private static final Decoder DECODER = new Decoder(table());

    private static OpcodeTable table() {
        OpcodeTable t = new OpcodeTable();
        BaseOpcodeMap.register(t);
        SseOpcodeMap.register(t);
        return t;
    }

    private static Instruction decode(String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] code = new byte[16];
        for (int i = 0; i < parts.length; i++) {
            code[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return DECODER.decode(address -> code[(int) address] & 0xFF, 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0F 28 C1, MOVAPS, 3",
            "0F 29 01, MOVAPS, 3",
            "66 0F 28 C1, MOVAPD, 4",
            "0F 10 C1, MOVUPS, 3",
            "F3 0F 10 01, MOVSS, 4",
            "F2 0F 11 01, MOVSD_XMM, 4",
            "66 0F EF C0, PXOR, 4",
            "66 0F 6F 00, MOVDQA, 4",
            "F3 0F 6F 00, MOVDQU, 4",
            "66 0F 7F 00, MOVDQA, 4",
            "0F 58 C1, ADDPS, 3",
            "66 0F 58 C1, ADDPD, 4",
            "F3 0F 58 C1, ADDSS, 4",
            "F2 0F 58 C1, ADDSD, 4",
            "0F 12 C1, MOVHLPS, 3",
            "0F 12 01, MOVLPS, 3",
            "0F 16 C1, MOVLHPS, 3",
            "66 0F 16 01, MOVHPD, 4",
            "F3 0F 7E C1, MOVQ, 4",
            "66 0F D6 01, MOVQ, 4",
            "66 0F D7 C1, PMOVMSKB, 4",
            "0F 50 C1, MOVMSKPS, 3",
            "66 0F E7 01, MOVNTDQ, 4",
            "66 0F F7 C1, MASKMOVDQU, 4",
            "0F 2E C1, UCOMISS, 3",
            "66 0F 2F C1, COMISD, 4",
            "F3 0F 2C C1, CVTTSS2SI, 4",
            "F2 0F 2D C1, CVTSD2SI, 4",
            "0F 5A C1, CVTPS2PD, 3",
            "66 0F 5A C1, CVTPD2PS, 4",
            "0F 5B C1, CVTDQ2PS, 3",
            "F3 0F 5B C1, CVTTPS2DQ, 4",
            "F3 0F E6 C1, CVTDQ2PD, 4",
            "F2 0F E6 C1, CVTPD2DQ, 4",
            "66 0F E6 C1, CVTTPD2DQ, 4",
            "0F 53 C1, RCPPS, 3",
            "F3 0F 52 C1, RSQRTSS, 4",
            "66 0F 60 C1, PUNPCKLBW, 4",
            "66 0F 6D C1, PUNPCKHQDQ, 4",
            "66 0F F6 C1, PSADBW, 4",
            "66 0F FE C1, PADDD, 4",
            "66 0F D4 C1, PADDQ, 4",
            "66 0F F4 C1, PMULUDQ, 4",
            "66 0F 14 C1, UNPCKLPD, 4",
            "0F 55 C1, ANDNPS, 3",
    })
    void sseRow_decodesToOperation(String bytes, String op, int length) {
        Instruction insn = decode(bytes);

        assertEquals(Op.valueOf(op), insn.op);
        assertEquals(length, insn.length);
        assertEquals(Op.Family.SSE, insn.op.family());
    }

    @Test
    void movapsRexR_decodesHighXmmRegister() {
        Instruction insn = decode("44 0F 28 C9");

        assertEquals(Instruction.K_XMM, insn.kind0);
        assertEquals(9, insn.reg0);
        assertEquals(Instruction.K_XMM, insn.kind1);
        assertEquals(1, insn.reg1);
        assertEquals(16, insn.opSize);
    }

    @Test
    void movdqaLoad_hasMemorySource() {
        Instruction insn = decode("66 41 0F 6F 00");

        assertEquals(Instruction.K_XMM, insn.kind0);
        assertEquals(Instruction.K_MEM, insn.kind1);
        assertEquals(8, insn.base);
    }

    @Test
    void movdFromGpr_isFourBytesAndRexWMakesMovq() {
        Instruction movd = decode("66 0F 6E C0");
        Instruction movq = decode("66 48 0F 6E C0");

        assertEquals(Op.MOVD, movd.op);
        assertEquals(4, movd.opSize);
        assertEquals(Instruction.K_GPR, movd.kind1);
        assertEquals(Op.MOVQ, movq.op);
        assertEquals(8, movq.opSize);
    }

    @Test
    void movdToGpr_hasGeneralDestination() {
        Instruction insn = decode("66 0F 7E C8");

        assertEquals(Op.MOVD, insn.op);
        assertEquals(Instruction.K_GPR, insn.kind0);
        assertEquals(0, insn.reg0);
        assertEquals(Instruction.K_XMM, insn.kind1);
        assertEquals(1, insn.reg1);
    }

    @Test
    void cvtsi2sdRexW_hasQuadwordSource() {
        Instruction insn = decode("F2 48 0F 2A C0");

        assertEquals(Op.CVTSI2SD, insn.op);
        assertEquals(8, insn.opSize);
        assertEquals(Instruction.K_GPR, insn.kind1);
    }

    @Test
    void shiftGroups_decodeRegFieldAndImmediate() {
        Instruction psrldq = decode("66 0F 73 D8 03");
        Instruction psraw = decode("66 0F 71 E1 04");
        Instruction pslld = decode("66 0F 72 F2 1F");

        assertEquals(Op.PSRLDQ, psrldq.op);
        assertEquals(0, psrldq.reg0);
        assertEquals(Instruction.K_IMM, psrldq.kind1);
        assertEquals(3, psrldq.imm);
        assertEquals(5, psrldq.length);
        assertEquals(Op.PSRAW, psraw.op);
        assertEquals(1, psraw.reg0);
        assertEquals(Op.PSLLD, pslld.op);
        assertEquals(31, pslld.imm);
    }

    @Test
    void immediateForms_carryImm8() {
        Instruction cmpps = decode("0F C2 C1 05");
        Instruction pshufd = decode("66 0F 70 C1 1B");
        Instruction pextrw = decode("66 0F C5 C1 03");
        Instruction pinsrw = decode("66 0F C4 C1 07");
        Instruction shufpd = decode("66 0F C6 C1 01");

        assertEquals(Op.CMPPS, cmpps.op);
        assertEquals(5, cmpps.imm);
        assertEquals(Op.PSHUFD, pshufd.op);
        assertEquals(0x1B, pshufd.imm);
        assertEquals(Op.PEXTRW, pextrw.op);
        assertEquals(Instruction.K_GPR, pextrw.kind0);
        assertEquals(3, pextrw.imm);
        assertEquals(Op.PINSRW, pinsrw.op);
        assertEquals(Instruction.K_GPR, pinsrw.kind1);
        assertEquals(7, pinsrw.imm);
        assertEquals(Op.SHUFPD, shufpd.op);
    }

    @Test
    void group15_memoryForms_decodeStateOperations() {
        assertEquals(Op.FXSAVE, decode("0F AE 01").op);
        assertEquals(Op.FXRSTOR, decode("0F AE 09").op);
        assertEquals(Op.LDMXCSR, decode("0F AE 11").op);
        assertEquals(Op.STMXCSR, decode("0F AE 19").op);
        Instruction fxsave64 = decode("48 0F AE 01");
        assertEquals(Op.FXSAVE, fxsave64.op);
        assertTrue(fxsave64.has(Instruction.P_REXW));
    }

    @Test
    void movnti_storesGeneralRegister() {
        Instruction insn = decode("48 0F C3 01");

        assertEquals(Op.MOVNTI, insn.op);
        assertEquals(Instruction.K_MEM, insn.kind0);
        assertEquals(Instruction.K_GPR, insn.kind1);
        assertEquals(8, insn.opSize);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0F EF C0, PXOR, 3",
            "0F 6F 00, MOVQ, 3",
            "0F 7F 00, MOVQ, 3",
            "0F 6E C0, MOVD, 3",
            "48 0F 7E C0, MOVQ, 4",
            "0F FC C1, PADDB, 3",
            "0F 71 D0 03, PSRLW, 4",
            "0F 73 F0 07, PSLLQ, 4",
            "0F 70 C1 1B, PSHUFW, 4",
            "0F 77, EMMS, 2",
            "0F E7 00, MOVNTQ, 3",
            "0F F7 C1, MASKMOVQ, 3",
            "0F D7 C1, PMOVMSKB, 3",
            "0F C5 C1 02, PEXTRW, 4",
            "0F 62 C1, PUNPCKLDQ, 3",
            "0F F6 C1, PSADBW, 3",
            "0F 2A C1, CVTPI2PS, 3",
            "66 0F 2A 01, CVTPI2PD, 4",
            "0F 2D C1, CVTPS2PI, 3",
            "66 0F 2C C1, CVTTPD2PI, 4",
            "F3 0F D6 C1, MOVQ2DQ, 4",
            "F2 0F D6 C1, MOVDQ2Q, 4",
    })
    void mmxRow_decodesToOperation(String bytes, String op, int length) {
        Instruction insn = decode(bytes);

        assertEquals(Op.valueOf(op), insn.op);
        assertEquals(length, insn.length);
        assertEquals(Op.Family.SSE, insn.op.family());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "F3 0F D6 00",  // MOVQ2DQ has no memory form
            "F3 0F 12 C1",  // MOVSLDUP (SSE3)
            "0F 73 D8 03",  // PSRLDQ has no MMX form
            "66 0F 77",     // EMMS has no 66 form
            "66 0F 12 C1",  // MOVLPD has no register form
            "0F 2B C1",     // MOVNTPS has no register form
            "66 0F D7 00",  // PMOVMSKB has no memory form
    })
    void encodingsWithoutRow_areInvalid(String bytes) {
        CpuFault f = assertThrows(CpuFault.class, () -> decode(bytes));

        assertEquals(CpuFault.UD, f.vector);
    }
}
