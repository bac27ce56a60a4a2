package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Differential check of the scalar float instructions against vectors recorded on the host CPU by
 * {@code float-host-oracle.c} (beside the CSV in the test resources): random and special operands
 * (signed zeros, denormals, limits, infinities, quiet and signaling NaNs, integer-range edges)
 * under round-to-nearest, down, up, toward zero, and FTZ+DAZ with RN and RZ. Results and MXCSR
 * flags must match bit for bit; (U)COMIS rows compare the six arithmetic flags.
 */
class FloatHostOracleTest {

    /** One machine for all rows: its RAM is off-heap and never freed. */
    private static final SseMachine M = new SseMachine();
    private static final long GPR_FILL = 0x5555_5555_5555_5555L;

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    @ParameterizedTest(name = "{0}/{1} mxcsr={2} {3} {4}")
    @CsvFileSource(resources = "float-host.csv", numLinesToSkip = 1)
    void scalarInstruction_matchesHostCpu(String op, int imm, String mxcsr, String a, String b, String result,
                                          String flags) {
        SseMachine m = M;
        m.s.mxcsr = Integer.decode(mxcsr);
        m.xmm(0, 0, 0);
        m.xmm(1, 0, 0);
        Op operation = Op.valueOf(op);
        long actual;
        switch (operation) {
            case ADDSS, SUBSS, MULSS, DIVSS, MINSS, MAXSS, SQRTSS, ADDSD, SUBSD, MULSD, DIVSD, MINSD, MAXSD, SQRTSD,
                 CMPSS, CMPSD_XMM, CVTSS2SD, CVTSD2SS -> {
                m.xmm(0, hex(a), 0);
                m.xmm(1, hex(b), 0);
                if (operation == Op.CVTSS2SD || operation == Op.CVTSD2SS) {
                    m.xmm(0, 0, 0);
                    m.xmm(1, hex(a), 0);
                }
                m.run(SseMachine.xxi(operation, 0, 1, imm));
                actual = m.lo(0);
                if (operation.name().endsWith("SS") && operation != Op.CVTSS2SD || operation == Op.CMPSS) {
                    actual &= 0xFFFF_FFFFL;
                }
            }
            case COMISS, UCOMISS, COMISD, UCOMISD -> {
                Flags.set(m.s, 0x8D5 | 2);
                m.xmm(0, hex(a), 0);
                m.xmm(1, hex(b), 0);
                m.run(SseMachine.xx(operation, 0, 1));
                actual = Flags.arith(m.s);
            }
            case CVTSI2SS, CVTSI2SD -> {
                m.s.gpr[CpuState.RSI] = hex(a);
                m.run(SseMachine.xg(operation, imm, 0, CpuState.RSI));
                actual = m.lo(0);
            }
            default -> { // float to integer; imm is the destination size
                m.xmm(1, hex(a), 0);
                m.s.gpr[CpuState.RAX] = GPR_FILL;
                m.run(SseMachine.gx(operation, imm, CpuState.RAX, 1));
                actual = m.s.gpr[CpuState.RAX];
            }
        }

        long got = actual;
        assertEquals(hex(result), got, () -> "result 0x" + Long.toHexString(got));
        assertEquals(Integer.decode(flags).intValue(), m.flags(), "MXCSR flags");
    }
}
