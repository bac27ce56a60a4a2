package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Differential check of packed float arithmetic, compares and conversions against vectors recorded
 * on the host CPU by {@code packed-float-host-oracle.c} (random and special lanes under RN, RD,
 * RU, RZ and FTZ+DAZ). The flags are the union over all lanes.
 */
class PackedFloatHostOracleTest {

    /** One machine for all rows: its RAM is off-heap and never freed. */
    private static final SseMachine M = new SseMachine();

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    @ParameterizedTest(name = "{0}/{1} mxcsr={2} #{index}")
    @CsvFileSource(resources = "packed-float-host.csv", numLinesToSkip = 1)
    void packedInstruction_matchesHostCpu(String op, int imm, String mxcsr, String aLo, String aHi, String bLo,
                                          String bHi, String rLo, String rHi, String flags) {
        SseMachine m = M;
        m.s.mxcsr = Integer.decode(mxcsr);
        m.xmm(0, hex(aLo), hex(aHi));
        m.xmm(1, hex(bLo), hex(bHi));

        m.run(SseMachine.xxi(Op.valueOf(op), 0, 1, imm));

        assertEquals(hex(rLo), m.lo(0), () -> "low 0x" + Long.toHexString(m.lo(0)));
        assertEquals(hex(rHi), m.hi(0), () -> "high 0x" + Long.toHexString(m.hi(0)));
        assertEquals(Integer.decode(flags).intValue(), m.flags(), "MXCSR flags");
    }
}
