package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.Instruction.K_GPR;
import static dev.jefevm.core.cpu.decode.Instruction.K_IMM;
import static dev.jefevm.core.cpu.decode.Instruction.K_MEM;
import static dev.jefevm.core.cpu.decode.Instruction.K_XMM;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VEX prefixes (SDM Vol.2 2.3) and the BMI, ADX, CRC32 and PCMPxSTRx rows. Encodings were
 * assembled with GNU as from the SDM mnemonics; the #UD cases were checked on the host CPU
 * (an AMD EPYC with BMI1/BMI2), except the AVX ones, which the host runs and JefeVM, whose
 * CPUID reports no AVX, must refuse.
 */
class VexDecoderTest {

    static Instruction decode(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new Decoder().decode(a -> {
            if (a >= bytes.length) {
                throw CpuFault.pf(a, 0);
            }
            return bytes[(int) a] & 0xFF;
        }, 0);
    }

    static int udVector(String hex) {
        return assertThrows(CpuFault.class, () -> decode(hex)).vector;
    }

    @ParameterizedTest(name = "{0} = {1} size {2}, {3} bytes")
    @CsvSource({
            "c4e2f8f2cb, ANDN, 8, 5",
            "c4422 8f2c1, ANDN, 4, 5",
            "c42280f244a010, ANDN, 8, 7",
            "c4e270f70500010000, BEXTR, 4, 9",
            "c4e2a0f3cb, BLSR, 8, 5",
            "c4e278f3d1, BLSMSK, 4, 5",
            "c4e2e8f31e, BLSI, 8, 5",
            "c46288f5c8, BZHI, 8, 5",
            "c4e263f5c1, PDEP, 4, 5",
            "c4e2e2f502, PEXT, 8, 5",
            "c462a3f6d0, MULX, 8, 5",
            "c463fbf065f83f, RORX, 8, 7",
            "c4e272f7c3, SARX, 4, 5",
            "c4e291f7c3, SHLX, 8, 5",
            "c4e273f7c3, SHRX, 4, 5",
            "66480f38f6c3, ADCX, 8, 6",
            "f3440f38f609, ADOX, 4, 6",
            "660f3a61ca0c, PCMPESTRI, 16, 6",
            "660f3a601840, PCMPESTRM, 16, 6",
            "66450f3a63ca1a, PCMPISTRI, 16, 7",
            "660f3a62052000000044, PCMPISTRM, 16, 10",
            "0f38f003, MOVBE, 4, 4",
            "660f38f103, MOVBE, 2, 5",
    })
    void decode_assembledEncoding_givesOperationSizeAndLength(String hex, Op op, int size, int length) {
        Instruction insn = decode(hex.replace(" ", ""));

        assertAll(() -> assertEquals(op, insn.op),
                () -> assertEquals(size, insn.opSize),
                () -> assertEquals(length, insn.length));
    }

    @Test
    void decode_threeByteVex_takesInvertedRegisterExtensionsAndVvvv() {
        Instruction insn = decode("c44228f2c1"); // andn r8d, r10d, r9d

        assertAll(() -> assertEquals(K_GPR, insn.kind0), () -> assertEquals(8, insn.reg0),
                () -> assertEquals(K_GPR, insn.kind1), () -> assertEquals(10, insn.reg1),
                () -> assertEquals(K_GPR, insn.kind2), () -> assertEquals(9, insn.reg2),
                () -> assertTrue(insn.has(Instruction.P_VEX)),
                () -> assertEquals(0, insn.prefixes & Instruction.P_REXW));
    }

    @Test
    void decode_vexMemoryOperand_usesVexXForTheIndex() {
        Instruction insn = decode("c42280f244a010"); // andn r8, r15, [rax + r12*4 + 0x10]

        assertAll(() -> assertEquals(8, insn.reg0), () -> assertEquals(15, insn.reg1),
                () -> assertEquals(K_MEM, insn.kind2), () -> assertEquals(CpuState.RAX, insn.base),
                () -> assertEquals(12, insn.index), () -> assertEquals(2, insn.scale),
                () -> assertEquals(0x10, insn.disp), () -> assertTrue(insn.has(Instruction.P_REXW)));
    }

    @Test
    void decode_blsGroup_putsDestinationInVvvv() {
        Instruction insn = decode("c4e2a0f3cb"); // blsr r11, rbx

        assertAll(() -> assertEquals(11, insn.reg0), () -> assertEquals(CpuState.RBX, insn.reg1),
                () -> assertEquals(Instruction.K_NONE, insn.kind2));
    }

    @Test
    void decode_mulx_givesHighDestinationVvvvLowDestinationThenSource() {
        Instruction insn = decode("c462a3f6d0"); // mulx r10, r11, rax

        assertAll(() -> assertEquals(10, insn.reg0), () -> assertEquals(11, insn.reg1),
                () -> assertEquals(CpuState.RAX, insn.reg2));
    }

    @Test
    void decode_rorx_readsImmediateAfterMemoryOperand() {
        Instruction insn = decode("c463fbf065f83f"); // rorx r12, [rbp - 8], 63

        assertAll(() -> assertEquals(12, insn.reg0), () -> assertEquals(K_MEM, insn.kind1),
                () -> assertEquals(CpuState.RBP, insn.base), () -> assertEquals(-8, insn.disp),
                () -> assertEquals(K_IMM, insn.kind2), () -> assertEquals(63, insn.imm));
    }

    @Test
    void decode_crc32ByteSourceWithoutRex_usesHighByteRegister() {
        Instruction insn = decode("f20f38f0c6"); // crc32 eax, dh

        assertAll(() -> assertEquals(Instruction.AH + 2, insn.reg1), () -> assertEquals(1, insn.srcSize));
    }

    @ParameterizedTest(name = "{0}: source size {1}")
    @CsvSource({"f20f38f0c3, 1", "66f20f38f1c3, 2", "f20f38f1c3, 4", "f2480f38f1c3, 8", "66f2480f38f1c3, 8"})
    void decode_crc32_takesSourceSizeFromOpcodeAndPrefixes(String hex, int sourceSize) {
        assertEquals(sourceSize, decode(hex).srcSize);
    }

    @Test
    void decode_pcmpistriOnHighRegisters_takesRexRAndRexB() {
        Instruction insn = decode("66450f3a63ca1a"); // pcmpistri xmm9, xmm10, 0x1a

        assertAll(() -> assertEquals(K_XMM, insn.kind0), () -> assertEquals(9, insn.reg0),
                () -> assertEquals(10, insn.reg1), () -> assertEquals(0x1a, insn.imm));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"26c4e248f2cb", "67c4e248f2cb", "64c4e248f2cb", "4026c4e248f2cb"})
    void decode_segmentOrAddressSizeOrIgnoredRexBeforeVex_isAccepted(String hex) {
        assertEquals(Op.ANDN, decode(hex).op);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "66c4e248f2cb", "f2c4e248f2cb", "f3c4e248f2cb", "f0c4e248f2cb", // legacy 66, F2, F3, LOCK before VEX
            "40c4e248f2cb", "48c4e248f2cb", "2640c4e248f2cb",               // REX directly before VEX
            "c4e24cf2cb", "c4e37ff0c805",                                   // VEX.L = 1 on BMI
            "c4e373f0c805",                                                 // RORX with vvvv other than 1111b
            "c4e278f3c3", "c4e278f3e3",                                     // BLSx group /0 and /4
            "c4e078f2cb", "c4e478f2cb", "c4ff78f2cb",                       // reserved VEX maps 0, 4, 31
            "c5f877", "c5f96fc1", "c4e27900c1", "c4e37d18c101",             // AVX: vzeroupper, vmovdqa, vpshufb, vinsertf128
            "c4e279f2cb",                                                   // ANDN's opcode with pp = 66
            "0f38f6cb", "f30f38f003", "0f38f0c3", "0f3a63ca00",             // no ADX row without prefix; F3 0F38 F0; MOVBE reg; PCMPISTRI without 66
            "f2f30f38f1cb",                                                 // the last of F2/F3 wins: F3 0F38 F1 does not exist
    })
    void decode_undefinedEncoding_raisesInvalidOpcode(String hex) {
        assertEquals(CpuFault.UD, udVector(hex));
    }

    @Test
    void decode_wholeVexRegisterSpace_decodesExactlyTheBmiRows() {
        // every map, pp, W, L, opcode and ModRM.reg with mod = 11 and vvvv = 1111b (register 0)
        Decoder decoder = new Decoder();
        byte[] bytes = {(byte) 0xC4, 0, 0, 0, 0, 0};
        int decoded = 0;
        for (int map = 0; map < 32; map++) {
            for (int wlpp = 0; wlpp < 16; wlpp++) {
                for (int opcode = 0; opcode < 256; opcode++) {
                    for (int reg = 0; reg < 8; reg++) {
                        bytes[1] = (byte) (0xE0 | map);
                        bytes[2] = (byte) ((wlpp & 8) << 4 | 0x78 | (wlpp & 7));
                        bytes[3] = (byte) opcode;
                        bytes[4] = (byte) (0xC0 | reg << 3 | 1);
                        try {
                            decoder.decode(a -> bytes[(int) a] & 0xFF, 0);
                            decoded++;
                        } catch (CpuFault fault) {
                            assertEquals(CpuFault.UD, fault.vector, HexFormat.of().formatHex(bytes));
                        }
                    }
                }
            }
        }
        // per VEX.W: ANDN, BZHI, PEXT, PDEP, MULX, BEXTR, SHLX, SARX, SHRX, RORX for all 8 ModRM.reg values, BLSR/BLSMSK/BLSI
        assertEquals(2 * (10 * 8 + 3), decoded);
    }

    @Test
    void decode_lastRepPrefixWins_f3ThenF2IsCrc32() {
        assertEquals(Op.CRC32, decode("f3f20f38f1cb").op);
    }
}
