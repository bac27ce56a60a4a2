package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The transcendental rule of SDM Vol.1 8.3.10: one ulp and C1 are forgiven, nothing else. */
class X87ToleranceTest {

    private static CpuCase x87Case(int... code) {
        byte[] bytes = new byte[code.length];
        for (int i = 0; i < code.length; i++) {
            bytes[i] = (byte) code[i];
        }
        return new CpuCase(Family.X87, "test", bytes, new long[16], 0, 0x1F80, new long[32], X87State.initial(), 1,
                List.of(), 0, 0);
    }

    private static CaseResult withSt0(long sig, int se, int status) {
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        mantissa[0] = sig;
        exponent[0] = se;
        return new CaseResult(CaseResult.Outcome.COMPLETED, 0, 0, 0, new long[16], 0x1000_0002L, 2, 0x1F80,
                new long[32], new X87State(0x037F, status, 0x80, mantissa, exponent), new int[0], new byte[0], "");
    }

    @Test
    void appliesTo_transcendentalsOnly() {
        assertAll(() -> assertTrue(X87Tolerance.appliesTo(x87Case(0xD9, 0xFE))), // FSIN
                () -> assertTrue(X87Tolerance.appliesTo(x87Case(0xD8, 0xC1, 0xD9, 0xF3))), // FADD; FPATAN
                () -> assertFalse(X87Tolerance.appliesTo(x87Case(0xD9, 0xFA))), // FSQRT is exact
                () -> assertFalse(X87Tolerance.appliesTo(x87Case(0xD9, 0xFE, 0xD9, 0xFA))));
    }

    @Test
    void withinOneUlp_acceptsNeighboursAcrossAnExponentStep() {
        long one = 0x8000_0000_0000_0000L;
        assertAll(() -> assertTrue(X87Tolerance.withinOneUlp(one + 1, 0x3FFF, one, 0x3FFF)),
                () -> assertTrue(X87Tolerance.withinOneUlp(-1L, 0x0002, one, 0x0003)),
                () -> assertTrue(X87Tolerance.withinOneUlp(one - 1, 0, one, 1)), // largest denormal, smallest normal
                () -> assertFalse(X87Tolerance.withinOneUlp(one + 2, 0x3FFF, one, 0x3FFF)),
                () -> assertFalse(X87Tolerance.withinOneUlp(one, 0xBFFF, one, 0x3FFF)));
    }

    @Test
    void comparison_afterFsin_forgivesOneUlpAndC1() {
        CaseResult host = withSt0(0x8000_0000_0000_0001L, 0x3FFE, X87Tolerance.C1);
        CaseResult jefe = withSt0(0x8000_0000_0000_0000L, 0x3FFE, 0);
        long before = X87Tolerance.tolerated();

        List<String> d = Comparison.differences(x87Case(0xD9, 0xFE), host, jefe);

        assertAll(() -> assertEquals(List.of(), d), () -> assertEquals(before + 1, X87Tolerance.tolerated()));
    }

    @Test
    void comparison_afterFsqrt_reportsOneUlpAndC1() {
        CaseResult host = withSt0(0x8000_0000_0000_0001L, 0x3FFE, X87Tolerance.C1);
        CaseResult jefe = withSt0(0x8000_0000_0000_0000L, 0x3FFE, 0);

        List<String> d = Comparison.differences(x87Case(0xD9, 0xFA), host, jefe);

        assertEquals(2, d.size());
    }
}
