package dev.jefevm.core.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoder behaviour over real encodings (assembled with GNU as from the SDM mnemonics while the
 * test was written): operation and length for a broad table, operand details for selected
 * forms, and the #UD / #GP(0) rules.
 */
class DecoderTest {

    static Instruction decode(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new Decoder().decode(a -> {
            if (a >= bytes.length) {
                throw CpuFault.pf(a, 0);
            }
            return bytes[(int) a] & 0xFF;
        }, 0);
    }

    @ParameterizedTest(name = "{0} = {1}, {2} bytes")
    @CsvSource({
            "4801c8, ADD, 3",
            "0405, ADD, 2",
            "0578563412, ADD, 5",
            "4883c0ff, ADD, 4",
            "800001, ADD, 3",
            "4883050001000007, ADD, 8",
            "4713449110, ADC, 5",
            "661b0c24, SBB, 4",
            "20fc, AND, 2",
            "4008fc, OR, 3",
            "4c337ccb80, XOR, 5",
            "83bd7856341211, CMP, 7",
            "4883ec28, SUB, 4",
            "f0830001, ADD, 4",
            "49ffc4, INC, 3",
            "fe0a, DEC, 2",
            "48f7d8, NEG, 3",
            "f7d1, NOT, 2",
            "a880, TEST, 2",
            "4885f2, TEST, 3",
            "48f7e1, MUL, 3",
            "48f7ea, IMUL1, 3",
            "0fafc1, IMUL2, 3",
            "4c6b0810, IMUL3, 4",
            "6669ca3412, IMUL3, 5",
            "49f7f0, DIV, 3",
            "f77c2408, IDIV, 4",
            "48d1e0, SHL, 3",
            "d3ea, SHR, 2",
            "66c1fb03, SAR, 4",
            "d007, ROL, 2",
            "49d3cb, ROR, 3",
            "c1d005, RCL, 3",
            "d0da, RCR, 2",
            "480fa4d004, SHLD, 5",
            "0fadd9, SHRD, 3",
            "0fbae005, BT, 4",
            "480fab08, BTS, 4",
            "0fb3cb, BTR, 3",
            "660fba3e03, BTC, 5",
            "480fbcc1, BSF, 4",
            "0fbd03, BSR, 3",
            "f3480fb8c3, POPCNT, 5",
            "f30fbdca, LZCNT, 4",
            "f34d0fbcc1, TZCNT, 5",
            "48b8f0debc9a78563412, MOV, 10",
            "b878563412, MOV, 5",
            "41b407, MOV, 3",
            "b401, MOV, 2",
            "48897c2408, MOV, 5",
            "65488b3c2528000000, MOV, 9",
            "c70034120000, MOV, 6",
            "a08877665544332211, MOV, 9",
            "0fb607, MOVZX, 3",
            "4c0fb706, MOVZX, 4",
            "480fbec1, MOVSX, 4",
            "0fbf0a, MOVSX, 3",
            "486301, MOVSXD, 3",
            "488d0510000000, LEA, 7",
            "8d4c5804, LEA, 4",
            "4893, XCHG, 2",
            "4990, XCHG, 2",
            "8711, XCHG, 2",
            "480fb137, CMPXCHG, 4",
            "f0480fc70f, CMPXCHG16B, 5",
            "0fc70f, CMPXCHG8B, 3",
            "0fc108, XADD, 3",
            "490fca, BSWAP, 3",
            "0fc8, BSWAP, 2",
            "55, PUSH, 1",
            "4157, PUSH, 2",
            "6a12, PUSH, 2",
            "6878563412, PUSH, 5",
            "ff30, PUSH, 2",
            "5b, POP, 1",
            "4159, POP, 2",
            "8f442408, POP, 4",
            "480f44c1, CMOVCC, 4",
            "440f4212, CMOVCC, 4",
            "0f95c0, SETCC, 3",
            "0f9f07, SETCC, 3",
            "6698, CBW, 2",
            "98, CBW, 1",
            "4898, CBW, 2",
            "6699, CWD, 2",
            "99, CWD, 1",
            "4899, CWD, 2",
            "d7, XLAT, 1",
            "0f38f007, MOVBE, 4",
            "480f38f10e, MOVBE, 5",
            "eb1e, JMP, 2",
            "e9fb010000, JMP, 5",
            "750e, JCC, 2",
            "0f8cfa0f0000, JCC, 6",
            "e8fb000000, CALL, 5",
            "ffd0, CALL_INDIRECT, 2",
            "ff1520000000, CALL_INDIRECT, 6",
            "41ffe3, JMP_INDIRECT, 3",
            "c3, RET, 1",
            "c20800, RET, 3",
            "e20e, LOOP, 2",
            "e10e, LOOPE, 2",
            "e00e, LOOPNE, 2",
            "e30e, JRCXZ, 2",
            "a4, MOVS, 1",
            "f348a5, MOVS, 3",
            "f3aa, STOS, 2",
            "f3ab, STOS, 2",
            "66ad, LODS, 2",
            "f3a6, CMPS, 2",
            "f2ae, SCAS, 2",
            "9f, LAHF, 1",
            "9e, SAHF, 1",
            "9c, PUSHF, 1",
            "9d, POPF, 1",
            "f8, CLC, 1",
            "f9, STC, 1",
            "f5, CMC, 1",
            "fc, CLD, 1",
            "fd, STD, 1",
            "c8200000, ENTER, 4",
            "c8100002, ENTER, 4",
            "c9, LEAVE, 1",
            "f390, PAUSE, 2",
            "90, NOP, 1",
            "0f1f0400, NOP, 4",
            "f30f1efa, ENDBR64, 4",
            "0f0b, UD2, 2",
            "0faee8, FENCE, 3",
            "0faef0, FENCE, 3",
            "0faef8, FENCE, 3",
            "0f1808, PREFETCH, 3",
            "0fae3f, CLFLUSH, 3",
            "0fa2, CPUID, 2",
            "0f31, RDTSC, 2",
            "0f01f9, RDTSCP, 3",
            "0f32, RDMSR, 2",
            "0f30, WRMSR, 2",
            "0f22d8, MOV_TO_CR, 3",
            "0f20c0, MOV_FROM_CR, 3",
            "440f22c1, MOV_TO_CR, 4",
            "0f21f8, MOV_FROM_DR, 3",
            "8ed8, MOV_TO_SREG, 2",
            "668cd0, MOV_FROM_SREG, 3",
            "0fa0, PUSH_SREG, 2",
            "0fa9, POP_SREG, 2",
            "0f0110, LGDT, 3",
            "0f011d10000000, LIDT, 7",
            "0f0100, SGDT, 3",
            "0f013f, INVLPG, 3",
            "0f00d8, LTR, 3",
            "fa, CLI, 1",
            "fb, STI, 1",
            "f4, HLT, 1",
            "e460, IN, 2",
            "ee, OUT, 1",
            "ed, IN, 1",
            "6e, OUTS, 1",
            "cd80, INT, 2",
            "cc, INT3, 1",
            "48cf, IRET, 2",
            "0f05, SYSCALL, 2",
            "480f07, SYSRET, 3",
            "0f01f8, SWAPGS, 3",
            "0f01d0, XGETBV, 3",
            "f3480faec0, RDFSBASE, 5",
            "f3480faed9, WRGSBASE, 5",
            "ff28, JMP_FAR, 2",
            "0f09, WBINVD, 2"
    })
    void decode_realEncoding_givesOperationAndLength(String hex, Op op, int length) {
        Instruction insn = decode(hex);

        assertAll(() -> assertEquals(op, insn.op), () -> assertEquals(length, insn.length));
    }

    @Test
    void decode_rexWAddRegister_hasSize8AndRegisterOperands() {
        Instruction insn = decode("4801c8"); // add rax, rcx

        assertAll(() -> assertEquals(8, insn.opSize),
                () -> assertEquals(Instruction.K_GPR, insn.kind0), () -> assertEquals(CpuState.RAX, insn.reg0),
                () -> assertEquals(Instruction.K_GPR, insn.kind1), () -> assertEquals(CpuState.RCX, insn.reg1));
    }

    @Test
    void decode_sibWithRexBits_extendsBaseAndIndex() {
        Instruction insn = decode("47135c9110"); // adc r11d, [r9+r10*4+0x10]

        assertAll(() -> assertEquals(4, insn.opSize), () -> assertEquals(11, insn.reg0),
                () -> assertEquals(Instruction.K_MEM, insn.kind1), () -> assertEquals(9, insn.base),
                () -> assertEquals(10, insn.index), () -> assertEquals(2, insn.scale), () -> assertEquals(0x10, insn.disp));
    }

    @Test
    void decode_ripRelative_usesBaseRipAndDisp32() {
        Instruction insn = decode("48830500010000" + "07"); // add qword [rip+0x100], 7

        assertAll(() -> assertEquals(Instruction.BASE_RIP, insn.base), () -> assertEquals(0x100, insn.disp),
                () -> assertEquals(7, insn.imm), () -> assertEquals(8, insn.length));
    }

    @Test
    void decode_highByteRegisterWithoutRex_isAh() {
        Instruction insn = decode("20fc"); // and ah, bh

        assertAll(() -> assertEquals(Instruction.AH, insn.reg0), () -> assertEquals(Instruction.AH + 3, insn.reg1));
    }

    @Test
    void decode_byteRegisterWithRex_isSplNotAh() {
        Instruction insn = decode("4008fc"); // or spl, dil

        assertAll(() -> assertEquals(CpuState.RSP, insn.reg0), () -> assertEquals(CpuState.RDI, insn.reg1));
    }

    @Test
    void decode_movImm64_carriesFullImmediate() {
        Instruction insn = decode("48b8f0debc9a78563412");

        assertAll(() -> assertEquals(0x123456789abcdef0L, insn.imm), () -> assertEquals(10, insn.length));
    }

    @Test
    void decode_pushPop_default64WithSixtySixGiving16() {
        assertAll(() -> assertEquals(8, decode("55").opSize), () -> assertEquals(2, decode("6655").opSize),
                () -> assertEquals(8, decode("415f").opSize), () -> assertEquals(15, decode("415f").reg0));
    }

    @Test
    void decode_signExtendedImm8_isNegative() {
        assertEquals(-1L, decode("4883c0ff").imm);
    }

    @Test
    void decode_gsOverride_setsSegment() {
        Instruction insn = decode("65488b3c2528000000");

        assertAll(() -> assertEquals(CpuState.GS, insn.segment), () -> assertEquals(Instruction.NO_REG, insn.base),
                () -> assertEquals(0x28, insn.disp));
    }

    @Test
    void decode_movzxByte_hasSourceSize1() {
        Instruction insn = decode("0fb607");

        assertAll(() -> assertEquals(4, insn.opSize), () -> assertEquals(1, insn.srcSize));
    }

    @Test
    void decode_jccRel32_hasConditionAndRelativeTarget() {
        Instruction insn = decode("0f8cfa0f0000"); // jl +0x1000 from start

        assertAll(() -> assertEquals(0xC, insn.condition), () -> assertEquals(Instruction.K_REL, insn.kind0),
                () -> assertEquals(0xffa, insn.imm));
    }

    @Test
    void decode_enter_hasTwoImmediates() {
        Instruction insn = decode("c8100002");

        assertAll(() -> assertEquals(0x10, insn.imm), () -> assertEquals(2, insn.imm2));
    }

    @Test
    void decode_addressSizePrefix_gives4ByteAddresses() {
        assertEquals(4, decode("678b00").addrSize);
    }

    @Test
    void decode_moveToCr8_usesRexR() {
        Instruction insn = decode("440f22c1");

        assertAll(() -> assertEquals(Instruction.K_CR, insn.kind0), () -> assertEquals(8, insn.reg0));
    }

    @Test
    void decode_operandSizePrefixOnTwoByteIntegerOp_gives16Bit() {
        assertAll(() -> assertEquals(2, decode("660fafc1").opSize), () -> assertEquals(Op.IMUL2, decode("660fafc1").op));
    }

    @Test
    void decode_popcntWithRexW_is64BitAndTzcntNeedsF3() {
        assertAll(() -> assertEquals(8, decode("f3480fb8c3").opSize), () -> assertEquals(Op.BSF, decode("0fbcc3").op),
                () -> assertEquals(Op.TZCNT, decode("f30fbcc3").op));
    }

    @Test
    void decode_sixteenBytes_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> decode("666666666666666666666666664801c8"));

        assertAll(() -> assertEquals(CpuFault.GP, f.vector), () -> assertEquals(0, f.errorCode));
    }

    @Test
    void decode_fifteenBytes_isAccepted() {
        assertEquals(15, decode("6666666666666666666666664801c8").length);
    }

    @ParameterizedTest(name = "{0} is #UD")
    @ValueSource(strings = {
            "06", "07", "0e", "16", "17", "1e", "1f", "27", "2f", "37", "3f", "60", "61", "62", "82c001",
            "9a", "c5f877", "c4e27900c1", "ce", "d4", "d5", "d6", "ea", "dae0", "0f0f", "0fff", // C4/C5: VEX AVX, no CPUID.AVX
            "f08bc1",        // lock mov
            "f001c8",        // lock add to a register
            "f090",          // lock nop
            "0fc7c8",        // cmpxchg8b with a register operand
            "8dc0",          // lea with a register source
            "8ec8",          // mov cs, ax
            "0f01c8",        // monitor (not implemented)
            "660f3af000",    // no such 0F3A row
    })
    void decode_undefinedEncoding_raisesInvalidOpcode(String hex) {
        CpuFault f = assertThrows(CpuFault.class, () -> decode(hex));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void decode_lockOnMemoryAdd_isAccepted() {
        assertEquals(Instruction.P_LOCK, decode("f00100").prefixes & Instruction.P_LOCK);
    }

    @Test
    void decode_truncatedStream_propagatesFetchFault() {
        CpuFault f = assertThrows(CpuFault.class, () -> decode("48"));

        assertEquals(CpuFault.PF, f.vector);
    }
}
