package dev.jefevm.core.cpu.system;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Decoder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feature bits CPUID reports (SDM Vol.2 CPUID, tables 3-8, 3-10, 3-11; AMD APM Vol.3 E.4.2):
 * the x86-64-v2 level glibc checks, the BMI/ADX extras, and none of the AVX/XSAVE family the
 * emulator does not implement. Each advertised instruction set must also decode: a feature bit
 * without its instructions would send glibc's ifunc resolvers into #UD.
 */
class CpuidFeatureTest {

    private final CpuState s = new CpuState();

    private long cpuid(long leaf, int register) {
        s.gpr[CpuState.RAX] = leaf;
        s.gpr[CpuState.RCX] = 0;
        Cpuid.execute(s);
        return s.gpr[register];
    }

    @ParameterizedTest(name = "leaf {0} {1} bit {2}: {3}")
    @CsvSource({
            "1, ECX, 0, SSE3", "1, ECX, 9, SSSE3", "1, ECX, 13, CMPXCHG16B", "1, ECX, 19, SSE4.1",
            "1, ECX, 20, SSE4.2", "1, ECX, 22, MOVBE", "1, ECX, 23, POPCNT", "1, ECX, 21, x2APIC",
            "1, ECX, 24, TSC-deadline timer",
            "7, EBX, 0, FSGSBASE", "7, EBX, 3, BMI1", "7, EBX, 8, BMI2", "7, EBX, 9, ERMS", "7, EBX, 19, ADX",
            "0x80000001, ECX, 0, LAHF-SAHF in 64-bit mode", "0x80000001, ECX, 5, LZCNT (ABM)",
    })
    void cpuid_advertisesImplementedFeature(String leaf, String register, int bit, String feature) {
        long value = cpuid(Long.decode(leaf), register.equals("ECX") ? CpuState.RCX : CpuState.RBX);

        assertEquals(1, (value >>> bit) & 1, feature);
    }

    @ParameterizedTest(name = "leaf {0} {1} bit {2}: {3}")
    @CsvSource({
            "1, ECX, 1, PCLMULQDQ", "1, ECX, 12, FMA", "1, ECX, 25, AES", "1, ECX, 26, XSAVE",
            "1, ECX, 27, OSXSAVE", "1, ECX, 28, AVX", "1, ECX, 29, F16C", "1, ECX, 30, RDRAND",
            "7, EBX, 5, AVX2", "7, EBX, 16, AVX512F", "7, EBX, 18, RDSEED", "7, EBX, 29, SHA",
            "7, ECX, 9, VAES", "7, EDX, 4, FSRM",
    })
    void cpuid_hidesUnimplementedFeature(String leaf, String register, int bit, String feature) {
        int reg = switch (register) {
            case "ECX" -> CpuState.RCX;
            case "EDX" -> CpuState.RDX;
            default -> CpuState.RBX;
        };
        long value = cpuid(Long.decode(leaf), reg);

        assertEquals(0, (value >>> bit) & 1, feature);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "SSE3, f20f7cc1", "SSSE3, 660f3800c1", "SSE4.1, 660f3817c1", "SSE4.2, 660f3a63ca0c",
            "SSE4.2 CRC32, f20f38f1c3", "CMPXCHG16B, 480fc70e", "MOVBE, 0f38f003", "POPCNT, f30fb8c1",
            "LZCNT, f30fbdc1", "BMI1, c4e2f8f2cb", "BMI2, c4e263f5c1", "ADX, 66480f38f6c3",
            "LAHF, 9f", "FSGSBASE, f3480faec0",
    })
    void advertisedFeature_hasDecodableInstructions(String feature, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertNotNull(new Decoder().decode(a -> bytes[(int) a] & 0xFF, 0).op, feature);
    }

    @Test
    void leaf1_isX8664V2Complete() {
        long ecx = cpuid(1, CpuState.RCX);
        long extended = cpuid(0x8000_0001L, CpuState.RCX);

        long v2 = 1 | 1 << 9 | 1 << 13 | 1 << 19 | 1 << 20 | 1 << 23; // SSE3 SSSE3 CX16 SSE4.1 SSE4.2 POPCNT
        assertAll(() -> assertEquals(v2, ecx & v2), () -> assertEquals(1, extended & 1));
    }
}
