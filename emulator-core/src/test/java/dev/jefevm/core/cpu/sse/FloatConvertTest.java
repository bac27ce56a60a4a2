package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values and flags measured on the host CPU with gcc intrinsics under the given MXCSR. */
class FloatConvertTest {

    private final SseMachine m = new SseMachine();

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    @ParameterizedTest(name = "{0} {2} -> {3}")
    @CsvSource({
            // op, mxcsr, source double bits, result, flags
            "CVTSD2SI, 0x1F80, 0x4004000000000000, 0x00000002, 0x20",
            "CVTSD2SI, 0x1F80, 0x400C000000000000, 0x00000004, 0x20",
            "CVTSD2SI, 0x3F80, 0xC004000000000000, 0xFFFFFFFD, 0x20",
            "CVTSD2SI, 0x5F80, 0x4004000000000000, 0x00000003, 0x20",
            "CVTSD2SI, 0x1F80, 0x4415AF1D78B58C40, 0x80000000, 0x01",
            "CVTSD2SI, 0x1F80, 0x41DFFFFFFFD9999A, 0x7FFFFFFF, 0x20",
            "CVTSD2SI, 0x1F80, 0x41DFFFFFFFE66666, 0x80000000, 0x01",
            "CVTSD2SI, 0x7F80, 0xC1E0000000133333, 0x80000000, 0x20",
            "CVTSD2SI, 0x1F80, 0x7FF8000000000000, 0x80000000, 0x01",
            "CVTTSD2SI, 0x1F80, 0xBFFE666666666666, 0xFFFFFFFF, 0x20",
    })
    void doubleToInt32_matchesHost(String op, String mxcsr, String src, String result, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.s.gpr[CpuState.RAX] = -1L;
        m.xmm(1, hex(src), 0);

        m.run(SseMachine.gx(Op.valueOf(op), 4, CpuState.RAX, 1));

        assertEquals(hex(result), m.s.gpr[CpuState.RAX]);
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @Test
    void cvtsd2si64_outOfRange_givesIntegerIndefinite() {
        m.xmm(1, Double.doubleToLongBits(9.3e18), 0);

        m.run(SseMachine.gx(Op.CVTSD2SI, 8, CpuState.RCX, 1));

        assertEquals(Long.MIN_VALUE, m.s.gpr[CpuState.RCX]);
        assertEquals(Mxcsr.IE, m.flags());
    }

    @Test
    void cvtsd2si64_minusTwoToThe63_isExact() {
        m.xmm(1, Double.doubleToLongBits(-0x1p63), 0);

        m.run(SseMachine.gx(Op.CVTSD2SI, 8, CpuState.RCX, 1));

        assertEquals(Long.MIN_VALUE, m.s.gpr[CpuState.RCX]);
        assertEquals(0, m.flags());
    }

    @Test
    void cvttss2si_twoToThe31_isInvalid() {
        m.dwords(1, Float.floatToIntBits(0x1p31f), 0, 0, 0);

        m.run(SseMachine.gx(Op.CVTTSS2SI, 4, CpuState.RDX, 1));

        assertEquals(0x8000_0000L, m.s.gpr[CpuState.RDX]);
        assertEquals(Mxcsr.IE, m.flags());
    }

    @ParameterizedTest(name = "cvtsi2ss {1} under {0}")
    @CsvSource({
            "0x1F80, 2147483647, 0x4F000000, 0x20",
            "0x7F80, 2147483647, 0x4EFFFFFF, 0x20",
            "0x3F80, -16777217, 0xCB800001, 0x20",
            "0x1F80, -7, 0xC0E00000, 0x00",
    })
    void cvtsi2ss_roundsPerMxcsr(String mxcsr, int value, String result, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.s.gpr[CpuState.RSI] = value;
        m.dwords(0, 0, 0x1111_1111, 0x2222_2222, 0x3333_3333);

        m.run(SseMachine.xg(Op.CVTSI2SS, 4, 0, CpuState.RSI));

        assertEquals((int) hex(result), m.dword(0, 0));
        assertEquals(0x1111_1111, m.dword(0, 1));
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @ParameterizedTest(name = "cvtsi2sd {1} under {0}")
    @CsvSource({
            "0x1F80, 9223372036854775807, 0x43E0000000000000, 0x20",
            "0x3F80, 9223372036854775807, 0x43DFFFFFFFFFFFFF, 0x20",
            "0x5F80, 9007199254740993, 0x4340000000000001, 0x20",
            "0x1F80, -9223372036854775808, 0xC3E0000000000000, 0x00",
    })
    void cvtsi2sd64_roundsPerMxcsr(String mxcsr, long value, String result, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.s.gpr[CpuState.RSI] = value;

        m.run(SseMachine.xg(Op.CVTSI2SD, 8, 0, CpuState.RSI));

        assertEquals(hex(result), m.lo(0));
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @Test
    void cvtsi2sd32_usesLowDwordSigned() {
        m.s.gpr[CpuState.RSI] = 0x1234_5678_FFFF_FFFEL;

        m.run(SseMachine.xg(Op.CVTSI2SD, 4, 0, CpuState.RSI));

        assertEquals(-2.0, Double.longBitsToDouble(m.lo(0)));
    }

    @ParameterizedTest(name = "cvtsd2ss {1} under {0}")
    @CsvSource({
            "0x1F80, 0x483D6329F1C35CA5, 0x7F800000, 0x28",
            "0x7F80, 0x483D6329F1C35CA5, 0x7F7FFFFF, 0x28",
            "0x1F80, 0x3FB999999999999A, 0x3DCCCCCD, 0x20",
            "0x5F80, 0x3FB999999999999A, 0x3DCCCCCD, 0x20",
            "0x3F80, 0x3FB999999999999A, 0x3DCCCCCC, 0x20",
            "0x1F80, 0x37A16C262777579C, 0x000116C2, 0x30",
            "0x1F80, 0xFFF0000123456789, 0xFFC00009, 0x01",
            "0x1F80, 0x380FFFFFE0000000, 0x00800000, 0x30",
            "0x9F80, 0x380FFFFFE0000000, 0x00000000, 0x30",
            "0x3F80, 0x380FFFFFE0000000, 0x007FFFFF, 0x30",
    })
    void cvtsd2ss_roundsAndFlags(String mxcsr, String src, String result, String flags) {
        m.s.mxcsr = Integer.decode(mxcsr);
        m.xmm(1, hex(src), 0);

        m.run(SseMachine.xx(Op.CVTSD2SS, 0, 1));

        assertEquals((int) hex(result), m.dword(0, 0));
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @Test
    void cvtss2sd_signalingNan_isQuietedWithPayload() {
        m.dwords(1, 0x7F812345, 0, 0, 0);

        m.run(SseMachine.xx(Op.CVTSS2SD, 0, 1));

        assertEquals(0x7FF8_2468_A000_0000L, m.lo(0));
        assertEquals(Mxcsr.IE, m.flags());
    }

    @Test
    void cvtss2sd_denormal_isExactWithDenormalFlag() {
        m.dwords(1, 1, 0, 0, 0);

        m.run(SseMachine.xx(Op.CVTSS2SD, 0, 1));

        assertEquals(0x36A0_0000_0000_0000L, m.lo(0));
        assertEquals(Mxcsr.DE, m.flags());
    }

    @Test
    void cvtps2dq_roundsHalfToEvenAndMarksOverflow() {
        m.dwords(1, Float.floatToIntBits(2.5f), Float.floatToIntBits(-3.5f), Float.floatToIntBits(3e9f), 0x7FC00000);

        m.run(SseMachine.xx(Op.CVTPS2DQ, 0, 1));

        assertEquals(2, m.dword(0, 0));
        assertEquals(-4, m.dword(0, 1));
        assertEquals(0x8000_0000, m.dword(0, 2));
        assertEquals(0x8000_0000, m.dword(0, 3));
        assertEquals(Mxcsr.IE | Mxcsr.PE, m.flags());
    }

    @Test
    void cvttpd2dq_truncatesAndZeroesUpperHalf() {
        m.xmm(0, -1, -1);
        m.xmm(1, Double.doubleToLongBits(-7.9), Double.doubleToLongBits(7.9));

        m.run(SseMachine.xx(Op.CVTTPD2DQ, 0, 1));

        assertEquals(-7, m.dword(0, 0));
        assertEquals(7, m.dword(0, 1));
        assertEquals(0, m.hi(0));
    }

    @Test
    void cvtdq2pd_convertsLowTwoDwordsExactly() {
        m.dwords(1, -5, Integer.MAX_VALUE, 99, 99);

        m.run(SseMachine.xx(Op.CVTDQ2PD, 0, 1));

        assertEquals(-5.0, Double.longBitsToDouble(m.lo(0)));
        assertEquals(Integer.MAX_VALUE, Double.longBitsToDouble(m.hi(0)));
    }

    @Test
    void cvtps2pd_andBack_roundTripsExactly() {
        m.dwords(1, Float.floatToIntBits(1.1f), Float.floatToIntBits(-2e-40f), 0, 0);

        m.run(SseMachine.xx(Op.CVTPS2PD, 2, 1));
        m.run(SseMachine.xx(Op.CVTPD2PS, 3, 2));

        assertEquals(Float.floatToIntBits(1.1f), m.dword(3, 0));
        assertEquals(Float.floatToIntBits(-2e-40f), m.dword(3, 1));
        assertEquals(0, m.hi(3));
    }

    @Test
    void cvtdq2ps_roundsLargeIntegers() {
        m.dwords(1, 16777217, -16777217, 1, 0);

        m.run(SseMachine.xx(Op.CVTDQ2PS, 0, 1));

        assertEquals(16777216f, Float.intBitsToFloat(m.dword(0, 0)));
        assertEquals(-16777216f, Float.intBitsToFloat(m.dword(0, 1)));
        assertEquals(1f, Float.intBitsToFloat(m.dword(0, 2)));
        assertEquals(Mxcsr.PE, m.flags());
    }
}
