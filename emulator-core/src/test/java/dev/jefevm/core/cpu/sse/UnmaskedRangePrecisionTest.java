package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #P for elements that raise an unmasked overflow or underflow (SDM Vol.1 4.9.1.4-5): set only
 * when the result rounded with an unbounded exponent is inexact, ORed with the other elements'
 * flags. Every row was measured on the host (a SIGFPE handler reading MXCSR from the signal frame).
 */
class UnmaskedRangePrecisionTest {

    private static final long MAX = 0x7FEF_FFFF_FFFF_FFFFL, ONE = 0x3FF0_0000_0000_0000L;
    private static final long TINY = Double.doubleToLongBits(1e-300), EPS = Double.doubleToLongBits(0x1p-60);
    private static final long TWO_M1000 = Double.doubleToLongBits(0x1p-1000), TWO_M40 = Double.doubleToLongBits(0x1p-40);

    private final SseMachine m = new SseMachine();

    @ParameterizedTest(name = "{0} [{2},{3}] op [{4},{5}] under {1}")
    @CsvSource({
            // op, mxcsr, a.lo, a.hi, b.lo, b.hi, flags after #XM
            "ADDPD, 0x1B80, MAX, ONE, MAX, EPS, 0x28",   // exact overflow, other lane inexact
            "ADDPD, 0x1B80, MAX, ONE, MAX, ONE, 0x08",   // MAX+MAX is exact with an unbounded exponent
            "MULPD, 0x1B80, MAX, TINY, MAX, TINY, 0x38", // inexact overflow and masked underflow
            "MULPD, 0x1780, MAX, TINY, MAX, TINY, 0x38", // masked overflow, unmasked inexact underflow
            "MULPD, 0x1780, TINY, ONE, TINY, ONE, 0x30",
            "MULPD, 0x1780, TWO_M1000, ONE, TWO_M40, ONE, 0x10", // exact tiny result: #U alone
            "MULPD, 0x7B80, MAX, ONE, MAX, ONE, 0x28",   // MAX*MAX needs more than 53 bits
            "ADDPD, 0x0000, MAX, ONE, MAX, EPS, 0x28",
            "MULPD, 0x9780, TINY, ONE, TINY, ONE, 0x30", // FTZ does not apply to an unmasked underflow
    })
    void packedDouble_unmaskedRangeFault_setsPrecisionFromUnboundedResult(String op, String mxcsr, String a0,
            String a1, String b0, String b1, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.xmm(0, value(a0), value(a1));
        m.xmm(1, value(b0), value(b1));

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.valueOf(op), 0, 1)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(Integer.decode(flags).intValue(), m.flags());
        assertEquals(value(a0), m.lo(0));
    }

    @ParameterizedTest(name = "CVTSD2SS {1} under {0}")
    @CsvSource({
            "0x4000, 0x0010000000000000, 0x10", // 2^-1022: tiny but exact in 24 bits (host 0x4010)
            "0x1780, 0x01A56E1FC2F8F359, 0x30", // 1e-300: tiny and inexact
            "0x1B80, 0x7E37E43C8800759C, 0x28", // 1e300: overflow, inexact
            "0x1B80, 0x7FE0000000000000, 0x08", // 2^1023: overflow, exact
    })
    void cvtsd2ss_unmaskedRangeFault_setsPrecisionFromUnboundedResult(String mxcsr, String source, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.xmm(1, Long.parseUnsignedLong(source.substring(2), 16), 0);

        assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.CVTSD2SS, 0, 1)));

        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @ParameterizedTest(name = "DIVSS {1}/{2} under {0}")
    @CsvSource({
            "0x1B80, 0x7F000000, 0x00800000, 0x08", // 2^127 / 2^-126: exact
            "0x1B80, 0x7F000000, 0x00C00000, 0x28", // 2^127 / (1.5 * 2^-126): 2/3 is not a binary fraction
            "0x1780, 0x00800000, 0x4B000000, 0x10", // 2^-126 / 2^23: exact tiny
    })
    void divss_unmaskedRangeFault_setsPrecisionOnlyForInexactQuotient(String mxcsr, String a, String b,
            String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.dwords(0, Integer.parseUnsignedInt(a.substring(2), 16), 0, 0, 0);
        m.dwords(1, Integer.parseUnsignedInt(b.substring(2), 16), 0, 0, 0);

        assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.DIVSS, 0, 1)));

        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    private static long value(String name) {
        return switch (name) {
            case "MAX" -> MAX;
            case "ONE" -> ONE;
            case "TINY" -> TINY;
            case "EPS" -> EPS;
            case "TWO_M1000" -> TWO_M1000;
            case "TWO_M40" -> TWO_M40;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
