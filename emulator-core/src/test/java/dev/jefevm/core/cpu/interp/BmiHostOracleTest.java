package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BMI1, BMI2, ADX and CRC32 against the host CPU: every row of /bmi/gpr-host.csv (recorded by
 * /bmi/host-oracle.c) is one instruction's exact encoding with ten general registers and RFLAGS
 * before and after. JefeVM decodes and runs the same bytes; all registers must match bit for
 * bit, and so must every arithmetic flag the SDM defines for the instruction (unaffected flags
 * included). The flags the SDM leaves undefined are listed in {@link #undefinedFlags}.
 */
class BmiHostOracleTest {

    private static final long AF = CpuState.AF, PF = CpuState.PF, SF = CpuState.SF;
    /** Registers of the CSV columns: RAX RCX RDX RBX RSI RDI R8 R9 R10 R11. */
    private static final int[] REGS = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11};

    private static final TestMachine MACHINE = new TestMachine();

    /** Flags each instruction's SDM page calls undefined; all others are compared. */
    static long undefinedFlags(String name) {
        String op = name.replaceAll("(_?\\d+)$", "");
        return switch (op) {
            case "ANDN", "BLSI", "BLSMSK", "BLSR", "BZHI" -> AF | PF;
            case "BEXTR" -> AF | SF | PF;
            default -> 0; // MULX, PDEP, PEXT, RORX, SARX, SHLX, SHRX, ADCX, ADOX, CRC32 leave the others unchanged
        };
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (var in = BmiHostOracleTest.class.getResourceAsStream("/bmi/gpr-host.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",");
                long[] values = new long[22];
                for (int i = 0; i < 22; i++) {
                    values[i] = Long.parseUnsignedLong(f[i + 2], 16);
                }
                out.add(Arguments.of(f[0], f[1], values));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} #{index}")
    @MethodSource("rows")
    void instruction_matchesHostRegistersAndDefinedFlags(String name, String bytes, long[] v) {
        TestMachine m = MACHINE;
        m.resetLongMode();
        m.code(bytes + "f4");
        for (int i = 0; i < REGS.length; i++) {
            m.state.gpr[REGS[i]] = v[i];
        }
        Flags.set(m.state, v[10]);

        RunResult result = m.run(1);

        assertEquals(RunResult.BUDGET_EXHAUSTED, result);
        assertEquals(TestMachine.CODE + bytes.length() / 2, m.state.rip, "no fault: RIP after the instruction");
        for (int i = 0; i < REGS.length; i++) {
            assertEquals(Long.toHexString(v[11 + i]), Long.toHexString(m.state.gpr[REGS[i]]), "register " + REGS[i]);
        }
        long compared = CpuState.ARITH_FLAGS & ~undefinedFlags(name);
        assertEquals(Long.toHexString(v[21] & compared), Long.toHexString(Flags.get(m.state) & compared), "flags");
    }
}
