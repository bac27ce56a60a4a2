package dev.jefevm.core.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sse4OpcodeMapTest {

    private static final Decoder DECODER = new Decoder(table());

    private static OpcodeTable table() {
        OpcodeTable t = new OpcodeTable();
        BaseOpcodeMap.register(t);
        SseOpcodeMap.register(t);
        Sse4OpcodeMap.register(t);
        return t;
    }

    private static Instruction decode(String hex) {
        return decode(DECODER, hex);
    }

    private static Instruction decode(Decoder decoder, String hex) {
        String[] parts = hex.trim().split("\\s+");
        byte[] code = new byte[16];
        for (int i = 0; i < parts.length; i++) {
            code[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return decoder.decode(address -> code[(int) address] & 0xFF, 0);
    }

    /**
     * Every row: {@code opcode bytes} (prefix and escape included, without ModRM), operation, and
     * whether an imm8 follows. Each is decoded with a register ModRM (REX.R and REX.B set), a
     * [base] ModRM, a SIB with disp32, and RIP-relative addressing.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "F2 0F 12, MOVDDUP, false", "F3 0F 12, MOVSLDUP, false", "F3 0F 16, MOVSHDUP, false",
            "66 0F 7C, HADDPD, false", "F2 0F 7C, HADDPS, false", "66 0F 7D, HSUBPD, false", "F2 0F 7D, HSUBPS, false",
            "66 0F D0, ADDSUBPD, false", "F2 0F D0, ADDSUBPS, false",
            "66 0F 38 00, PSHUFB, false", "0F 38 00, PSHUFB, false", "66 0F 38 01, PHADDW, false",
            "0F 38 01, PHADDW, false", "66 0F 38 02, PHADDD, false", "0F 38 02, PHADDD, false",
            "66 0F 38 03, PHADDSW, false", "0F 38 03, PHADDSW, false", "66 0F 38 04, PMADDUBSW, false",
            "0F 38 04, PMADDUBSW, false", "66 0F 38 05, PHSUBW, false", "0F 38 05, PHSUBW, false",
            "66 0F 38 06, PHSUBD, false", "0F 38 06, PHSUBD, false", "66 0F 38 07, PHSUBSW, false",
            "0F 38 07, PHSUBSW, false", "66 0F 38 08, PSIGNB, false", "0F 38 08, PSIGNB, false",
            "66 0F 38 09, PSIGNW, false", "0F 38 09, PSIGNW, false", "66 0F 38 0A, PSIGND, false",
            "0F 38 0A, PSIGND, false", "66 0F 38 0B, PMULHRSW, false", "0F 38 0B, PMULHRSW, false",
            "66 0F 38 1C, PABSB, false", "0F 38 1C, PABSB, false", "66 0F 38 1D, PABSW, false",
            "0F 38 1D, PABSW, false", "66 0F 38 1E, PABSD, false", "0F 38 1E, PABSD, false",
            "66 0F 3A 0F, PALIGNR, true", "0F 3A 0F, PALIGNR, true",
            "66 0F 38 10, PBLENDVB, false", "66 0F 38 14, BLENDVPS, false", "66 0F 38 15, BLENDVPD, false",
            "66 0F 38 17, PTEST, false",
            "66 0F 38 20, PMOVSXBW, false", "66 0F 38 21, PMOVSXBD, false", "66 0F 38 22, PMOVSXBQ, false",
            "66 0F 38 23, PMOVSXWD, false", "66 0F 38 24, PMOVSXWQ, false", "66 0F 38 25, PMOVSXDQ, false",
            "66 0F 38 30, PMOVZXBW, false", "66 0F 38 31, PMOVZXBD, false", "66 0F 38 32, PMOVZXBQ, false",
            "66 0F 38 33, PMOVZXWD, false", "66 0F 38 34, PMOVZXWQ, false", "66 0F 38 35, PMOVZXDQ, false",
            "66 0F 38 28, PMULDQ, false", "66 0F 38 29, PCMPEQQ, false", "66 0F 38 2B, PACKUSDW, false",
            "66 0F 38 37, PCMPGTQ, false", "66 0F 38 38, PMINSB, false", "66 0F 38 39, PMINSD, false",
            "66 0F 38 3A, PMINUW, false", "66 0F 38 3B, PMINUD, false", "66 0F 38 3C, PMAXSB, false",
            "66 0F 38 3D, PMAXSD, false", "66 0F 38 3E, PMAXUW, false", "66 0F 38 3F, PMAXUD, false",
            "66 0F 38 40, PMULLD, false", "66 0F 38 41, PHMINPOSUW, false",
            "66 0F 3A 08, ROUNDPS, true", "66 0F 3A 09, ROUNDPD, true", "66 0F 3A 0A, ROUNDSS, true",
            "66 0F 3A 0B, ROUNDSD, true", "66 0F 3A 0C, BLENDPS, true", "66 0F 3A 0D, BLENDPD, true",
            "66 0F 3A 0E, PBLENDW, true", "66 0F 3A 21, INSERTPS, true", "66 0F 3A 40, DPPS, true",
            "66 0F 3A 41, DPPD, true", "66 0F 3A 42, MPSADBW, true",
    })
    void xmmRow_decodesRegisterAndMemoryForms(String opcode, String op, boolean imm) {
        String ib = imm ? " A5" : "";
        int base = opcode.split(" ").length + (imm ? 1 : 0);
        String rexRB = opcode.startsWith("66") || opcode.startsWith("F") ? opcode.substring(0, 3) + "45 " + opcode.substring(3)
                : "45 " + opcode;

        Instruction reg = decode(rexRB + " C1" + ib);
        Instruction mem = decode(opcode + " 0A" + ib);
        Instruction sib = decode(opcode + " 84 88 78 56 34 12" + ib);
        Instruction rip = decode(opcode + " 0D 10 00 00 00" + ib);

        assertEquals(Op.valueOf(op), reg.op);
        assertEquals(Instruction.K_XMM, reg.kind0);
        assertEquals(8, reg.reg0);
        assertEquals(Instruction.K_XMM, reg.kind1);
        assertEquals(9, reg.reg1);
        assertEquals(16, reg.opSize);
        assertEquals(base + 2, reg.length);
        assertEquals(Instruction.K_MEM, mem.kind1);
        assertEquals(1, mem.reg0);
        assertEquals(2, mem.base);
        assertEquals(base + 1, mem.length);
        assertEquals(Instruction.K_MEM, sib.kind1);
        assertEquals(0, sib.base);
        assertEquals(1, sib.index);
        assertEquals(2, sib.scale);
        assertEquals(0x1234_5678L, sib.disp);
        assertEquals(base + 6, sib.length);
        assertEquals(Instruction.BASE_RIP, rip.base);
        assertEquals(0x10, rip.disp);
        assertEquals(base + 5, rip.length);
        if (imm) {
            assertEquals(Instruction.K_IMM, reg.kind2);
            assertEquals(0xA5, reg.imm);
            assertEquals(0xA5, sib.imm);
            assertEquals(0xA5, rip.imm);
        }
    }

    @Test
    void memoryOnlyLoads_decodeMemoryAndRejectRegisterForm() {
        Instruction lddqu = decode("F2 0F F0 0E");
        Instruction movntdqa = decode("66 0F 38 2A 0E");

        assertEquals(Op.LDDQU, lddqu.op);
        assertEquals(Instruction.K_MEM, lddqu.kind1);
        assertEquals(Op.MOVNTDQA, movntdqa.op);
        assertEquals(Instruction.K_MEM, movntdqa.kind1);
        assertEquals(CpuFault.UD, assertThrows(CpuFault.class, () -> decode("F2 0F F0 CA")).vector);
        assertEquals(CpuFault.UD, assertThrows(CpuFault.class, () -> decode("66 0F 38 2A CA")).vector);
    }

    @ParameterizedTest(name = "{0} -> {1} size {2}")
    @CsvSource({
            "66 0F 3A 14 C8 03, PEXTRB, 4, 6",
            "66 48 0F 3A 14 C8 03, PEXTRB, 8, 7",
            "66 0F 3A 15 C8 03, PEXTRW, 4, 6",
            "66 0F 3A 16 C8 03, PEXTRD, 4, 6",
            "66 48 0F 3A 16 C8 01, PEXTRD, 8, 7",
            "66 0F 3A 17 C8 03, EXTRACTPS, 4, 6",
    })
    void extracts_haveGeneralDestinationAndRexWQuadwordSize(String bytes, String op, int size, int length) {
        Instruction insn = decode(bytes);

        assertEquals(Op.valueOf(op), insn.op);
        assertEquals(Instruction.K_GPR, insn.kind0);
        assertEquals(0, insn.reg0);
        assertEquals(Instruction.K_XMM, insn.kind1);
        assertEquals(1, insn.reg1);
        assertEquals(size, insn.opSize);
        assertEquals(length, insn.length);
    }

    @Test
    void extractToMemory_hasMemoryDestinationAndImmAfterDisplacement() {
        Instruction insn = decode("66 0F 3A 15 4E 10 07");

        assertEquals(Op.PEXTRW, insn.op);
        assertEquals(Instruction.K_MEM, insn.kind0);
        assertEquals(6, insn.base);
        assertEquals(0x10, insn.disp);
        assertEquals(7, insn.imm);
        assertEquals(7, insn.length);
    }

    @ParameterizedTest(name = "{0} -> {1} size {2}")
    @CsvSource({
            "66 0F 3A 20 C8 0F, PINSRB, 4",
            "66 0F 3A 22 C8 03, PINSRD, 4",
            "66 48 0F 3A 22 C8 01, PINSRD, 8",
            "66 41 0F 3A 22 C8 01, PINSRD, 4",
    })
    void inserts_haveGeneralSource(String bytes, String op, int size) {
        Instruction insn = decode(bytes);

        assertEquals(Op.valueOf(op), insn.op);
        assertEquals(Instruction.K_XMM, insn.kind0);
        assertEquals(1, insn.reg0);
        assertEquals(Instruction.K_GPR, insn.kind1);
        assertEquals(size, insn.opSize);
    }

    @Test
    void pinsrbWithoutRex_readsGeneralRegisterNotHighByte() {
        Instruction insn = decode("66 0F 3A 20 CC 00");

        assertEquals(4, insn.reg1); // ESP's low byte, never AH: the operand is r32
    }

    @ParameterizedTest(name = "{0} is #UD")
    @CsvSource({
            "0F 38 10 C1",          // PBLENDVB has no MMX form
            "0F 38 17 C1",          // PTEST
            "F3 0F 38 00 C1",       // PSHUFB with F3
            "F2 0F 3A 0F C1 01",    // PALIGNR with F2
            "0F 3A 40 C1 FF",       // DPPS without 66
            "F3 0F 3A 16 C8 00",    // PEXTRD with F3
            "66 0F 38 FF C1",       // unassigned 0F38 opcode
            "66 0F 3A FF C1 00",    // unassigned 0F3A opcode
            "0F 7C C1",             // HADDPS needs F2
            "F3 0F D0 C1",          // ADDSUB with F3
    })
    void unassignedPrefixOrOpcode_isInvalid(String bytes) {
        assertEquals(CpuFault.UD, assertThrows(CpuFault.class, () -> decode(bytes)).vector);
    }

    @Test
    void rexWOnPackedRow_isIgnored() {
        Instruction insn = decode("66 48 0F 38 00 C1");

        assertEquals(Op.PSHUFB, insn.op);
        assertEquals(16, insn.opSize);
    }

    @Test
    void mmxForm_hasNoMandatoryPrefix() {
        Instruction insn = decode("0F 38 1C CA");

        assertEquals(Op.PABSB, insn.op);
        assertEquals(0, insn.prefixes & (Instruction.P_OPSIZE | Instruction.P_REP | Instruction.P_REPNE));
        assertEquals(1, insn.reg0);
        assertEquals(2, insn.reg1);
    }

    @Test
    void standardDecoder_includesSse4Rows() {
        Instruction insn = decode(new Decoder(), "66 0F 3A 40 C1 F1");

        assertEquals(Op.DPPS, insn.op);
        assertEquals(0xF1, insn.imm);
    }
}
