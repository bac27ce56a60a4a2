package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values and MXCSR flags were measured on the host CPU (gcc, SSE intrinsics, with the
 * given MXCSR loaded): see the report for the oracle program.
 */
class FloatArithmeticTest {

    static final int RN = 0x1F80, RD = 0x3F80, RU = 0x5F80, RZ = 0x7F80, FZ = 0x9F80, DAZ = 0x1FC0;

    private final SseMachine m = new SseMachine();

    private int scalarSingle(Op op, int mxcsr, int a, int b) {
        m.s.mxcsr = mxcsr;
        m.dwords(0, a, 0x1111_1111, 0x2222_2222, 0x3333_3333);
        m.dwords(1, b, 0x4444_4444, 0x5555_5555, 0x6666_6666);
        m.run(SseMachine.xx(op, 0, 1));
        return m.dword(0, 0);
    }

    private long scalarDouble(Op op, int mxcsr, long a, long b) {
        m.s.mxcsr = mxcsr;
        m.xmm(0, a, 0x7777_7777_7777_7777L);
        m.xmm(1, b, 0x1234);
        m.run(SseMachine.xx(op, 0, 1));
        return m.lo(0);
    }

    @ParameterizedTest(name = "{0} {2}, {3} under {1}")
    @CsvSource({
            // op, mxcsr, a, b, result, flags
            "ADDSS, 0x1F80, 0x3F800000, 0x30800000, 0x3F800000, 0x20",
            "ADDSS, 0x3F80, 0x3F800000, 0x30800000, 0x3F800000, 0x20",
            "ADDSS, 0x5F80, 0x3F800000, 0x30800000, 0x3F800001, 0x20",
            "ADDSS, 0x7F80, 0xBF800000, 0xB0800000, 0xBF800000, 0x20",
            "ADDSS, 0x3F80, 0x3F800000, 0xBF800000, 0x80000000, 0x00",
            "ADDSS, 0x1F80, 0x3F800000, 0xBF800000, 0x00000000, 0x00",
            "MULSS, 0x1F80, 0x7F7FFFFF, 0x40000000, 0x7F800000, 0x28",
            "MULSS, 0x7F80, 0x7F7FFFFF, 0x40000000, 0x7F7FFFFF, 0x28",
            "MULSS, 0x5F80, 0xFF7FFFFF, 0x40000000, 0xFF7FFFFF, 0x28",
            "MULSS, 0x1F80, 0x1C800000, 0x1C800000, 0x00000200, 0x00",
            "MULSS, 0x9F80, 0x1C800000, 0x21800000, 0x00000000, 0x30",
            "MULSS, 0x1F80, 0x1C800000, 0x21800000, 0x00080000, 0x00",
            "MULSS, 0x1FC0, 0x00000300, 0x3F800000, 0x00000000, 0x00",
            "MULSS, 0x1F80, 0x00000300, 0x3F800000, 0x00000300, 0x02",
            "DIVSS, 0x1F80, 0x3F800000, 0x00000000, 0x7F800000, 0x04",
            "DIVSS, 0x1F80, 0x00000000, 0x00000000, 0xFFC00000, 0x01",
            "DIVSS, 0x1F80, 0x3F800000, 0x40400000, 0x3EAAAAAB, 0x20",
            "DIVSS, 0x5F80, 0x3F800000, 0x40400000, 0x3EAAAAAB, 0x20",
            "DIVSS, 0x3F80, 0xBF800000, 0x40400000, 0xBEAAAAAB, 0x20",
            "DIVSS, 0x7F80, 0x3F800000, 0x40400000, 0x3EAAAAAA, 0x20",
            "MINSS, 0x1F80, 0x7FC00001, 0x3F800000, 0x3F800000, 0x01",
            "MINSS, 0x1F80, 0x3F800000, 0x7FC00001, 0x7FC00001, 0x01",
            "MINSS, 0x1F80, 0x80000000, 0x00000000, 0x00000000, 0x00",
            "MAXSS, 0x1F80, 0x80000000, 0x00000000, 0x00000000, 0x00",
            "MAXSS, 0x1F80, 0x00000000, 0x80000000, 0x80000000, 0x00",
            "ADDSS, 0x1F80, 0x7F800001, 0xFFC00002, 0x7FC00001, 0x01",
            "ADDSS, 0x1F80, 0x7FC00003, 0xFF800002, 0x7FC00003, 0x01",
            "ADDSS, 0x1F80, 0x3F800000, 0xFF800002, 0xFFC00002, 0x01",
            "ADDSS, 0x1F80, 0x7F800000, 0xFF800000, 0xFFC00000, 0x01",
            "SQRTSS, 0x1F80, 0x12345678, 0xBF800000, 0xFFC00000, 0x01",
            "SQRTSS, 0x1F80, 0x12345678, 0x80000000, 0x80000000, 0x00",
            "SQRTSS, 0x1F80, 0x12345678, 0x40000000, 0x3FB504F3, 0x20",
            "SQRTSS, 0x5F80, 0x12345678, 0x40000000, 0x3FB504F4, 0x20",
    })
    void scalarSingle_matchesHostResultAndFlags(String op, String mxcsr, String a, String b, String result,
                                                String flags) {
        int r = scalarSingle(Op.valueOf(op), Integer.decode(mxcsr), (int) (long) Long.decode(a),
                (int) (long) Long.decode(b));

        assertEquals((int) (long) Long.decode(result), r, () -> Integer.toHexString(r));
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @ParameterizedTest(name = "{0} {2}, {3} under {1}")
    @CsvSource({
            "ADDSD, 0x5F80, 0x3FF0000000000000, 0x3C30000000000000, 0x3FF0000000000001, 0x20",
            "ADDSD, 0x1F80, 0x3FF0000000000000, 0x3C30000000000000, 0x3FF0000000000000, 0x20",
            "SUBSD, 0x3F80, 0x3FF0000000000000, 0x3FF0000000000000, 0x8000000000000000, 0x00",
            "MULSD, 0x7F80, 0x7FEFFFFFFFFFFFFF, 0x4000000000000000, 0x7FEFFFFFFFFFFFFF, 0x28",
            "MULSD, 0x3F80, 0xFFEFFFFFFFFFFFFF, 0x4000000000000000, 0xFFF0000000000000, 0x28",
            "MULSD, 0x1F80, 0x1A70000000000000, 0x20B0000000000000, 0x0000000000000000, 0x30",
            "MULSD, 0x1F80, 0x0000000000000003, 0x3FE0000000000000, 0x0000000000000002, 0x32",
            "MULSD, 0x3F80, 0x0000000000000003, 0x3FE0000000000000, 0x0000000000000001, 0x32",
            "MULSD, 0x5F80, 0x0000000000000003, 0x3FE0000000000000, 0x0000000000000002, 0x32",
            "DIVSD, 0x7F80, 0x3FF0000000000000, 0x4008000000000000, 0x3FD5555555555555, 0x20",
            "DIVSD, 0x1F80, 0x3FF0000000000000, 0x4008000000000000, 0x3FD5555555555555, 0x20",
            "DIVSD, 0x5F80, 0x0170000000000000, 0x4008000000000000, 0x0155555555555556, 0x20",
            "DIVSD, 0x1F80, 0xC014000000000000, 0x0000000000000000, 0xFFF0000000000000, 0x04",
            "SQRTSD, 0x1F80, 0x0, 0xC000000000000000, 0xFFF8000000000000, 0x01",
            "SQRTSD, 0x3F80, 0x0, 0x4000000000000000, 0x3FF6A09E667F3BCC, 0x20",
            "SQRTSD, 0x1F80, 0x0, 0x0000000000000001, 0x1E60000000000000, 0x02",
            "SQRTSD, 0x5F80, 0x0, 0x0000000000000003, 0x1E6BB67AE8584CAB, 0x22",
            // tiny after rounding to 53 bits with unbounded exponent, though it rounds up to the smallest normal
            "MULSD, 0x1F80, 0x3FEFFFFFFFFFFFFF, 0x0010000000000000, 0x0010000000000000, 0x30",
            "MULSD, 0x9F80, 0x3FEFFFFFFFFFFFFF, 0x0010000000000000, 0x0000000000000000, 0x30",
            "MULSD, 0x3F80, 0x3FEFFFFFFFFFFFFF, 0x0010000000000000, 0x000FFFFFFFFFFFFF, 0x30",
            "MULSD, 0x1F80, 0x3FEFFFFFFFFFFFFE, 0x0010000000000000, 0x000FFFFFFFFFFFFF, 0x00",
            "MULSD, 0x9F80, 0x3FEFFFFFFFFFFFFE, 0x0010000000000000, 0x0000000000000000, 0x30",
    })
    void scalarDouble_matchesHostResultAndFlags(String op, String mxcsr, String a, String b, String result,
                                                String flags) {
        long r = scalarDouble(Op.valueOf(op), Integer.decode(mxcsr), Long.parseUnsignedLong(a.substring(2), 16),
                Long.parseUnsignedLong(b.substring(2), 16));

        assertEquals(Long.parseUnsignedLong(result.substring(2), 16), r, () -> Long.toHexString(r));
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @Test
    void addss_registerForm_keepsUpperElements() {
        scalarSingle(Op.ADDSS, RN, 0x3F800000, 0x3F800000);

        assertEquals(0x4000_0000, m.dword(0, 0));
        assertEquals(0x1111_1111, m.dword(0, 1));
        assertEquals(0x3333_3333, m.hi(0) >>> 32);
    }

    @Test
    void addps_addsEachLaneWithLaneFlags() {
        m.dwords(0, 0x3F800000, 0x7F7FFFFF, 0x40000000, 0x00000000);
        m.dwords(1, 0x3F800000, 0x7F7FFFFF, 0x40400000, 0x80000000);

        m.run(SseMachine.xx(Op.ADDPS, 0, 1));

        assertEquals(0x40000000, m.dword(0, 0));
        assertEquals(0x7F800000, m.dword(0, 1));
        assertEquals(0x40A00000, m.dword(0, 2));
        assertEquals(0x00000000, m.dword(0, 3));
        assertEquals(Mxcsr.OE | Mxcsr.PE, m.flags());
    }

    @Test
    void divpd_unmaskedZeroDivide_raisesSimdExceptionAndKeepsDestination() {
        m.s.mxcsr = RN & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);
        m.xmm(0, Double.doubleToLongBits(1.0), Double.doubleToLongBits(2.0));
        m.xmm(1, Double.doubleToLongBits(4.0), 0);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.DIVPD, 0, 1)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(Double.doubleToLongBits(1.0), m.lo(0));
        assertEquals(Double.doubleToLongBits(2.0), m.hi(0));
        assertEquals(Mxcsr.ZE, m.flags());
    }

    @Test
    void divps_unmaskedZeroDivideInOneLane_recordsOnlyPreComputationFlags() {
        // measured on the host: 1/0, 1/3, 1/1, 1/1 with ZM clear faults with MXCSR flags = ZE only
        m.s.mxcsr = RN & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);
        m.dwords(0, 0x3F800000, 0x3F800000, 0x3F800000, 0x3F800000);
        m.dwords(1, 0, 0x40400000, 0x3F800000, 0x3F800000);

        assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.DIVPS, 0, 1)));

        assertEquals(Mxcsr.ZE, m.flags());
        assertEquals(0x3F800000, m.dword(0, 1));
    }

    @Test
    void divps_unmaskedPrecision_faultsWithPrecisionFlag() {
        m.s.mxcsr = RN & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        m.dwords(0, 0x3F800000, 0x3F800000, 0x3F800000, 0x3F800000);
        m.dwords(1, 0x3F800000, 0x40400000, 0x3F800000, 0x3F800000);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.DIVPS, 0, 1)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(Mxcsr.PE, m.flags());
        assertEquals(0x3F800000, m.dword(0, 1));
    }

    @Test
    void divss_unmaskedWithoutOsxmmexcpt_raisesInvalidOpcode() {
        m.s.cr4 &= ~SseMachine.CR4_OSXMMEXCPT;
        m.s.mxcsr = RN & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);

        CpuFault f = assertThrows(CpuFault.class, () -> scalarSingle(Op.DIVSS, m.s.mxcsr, 0x3F800000, 0));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void addss_stickyFlagsSurviveExactOperation() {
        m.s.mxcsr = RN | Mxcsr.PE;

        scalarSingle(Op.ADDSS, m.s.mxcsr, 0x3F800000, 0x3F800000);

        assertEquals(Mxcsr.PE, m.flags());
    }

    @Test
    void mulpd_misalignedMemorySource_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xm(Op.MULPD, 0, 0x1008)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
    }

    @Test
    void addsd_memorySource_readsOnlyEightUnalignedBytes() {
        m.s.mxcsr = RN;
        m.writeMem64(0x1003, Double.doubleToLongBits(2.5));
        m.xmm(0, Double.doubleToLongBits(1.0), 0);

        m.run(SseMachine.xm(Op.ADDSD, 0, 0x1003));

        assertEquals(3.5, Double.longBitsToDouble(m.lo(0)));
    }

    @Test
    void rcpps_isWithinArchitecturalErrorBound() {
        m.dwords(1, Float.floatToIntBits(3.0f), Float.floatToIntBits(-0.1f), 0, 0x7F800000);

        m.run(SseMachine.xx(Op.RCPPS, 0, 1));

        assertEquals(1 / 3.0, Float.intBitsToFloat(m.dword(0, 0)), 1.5 / 4096 / 3);
        assertEquals(-10.0, Float.intBitsToFloat(m.dword(0, 1)), 1.5 / 4096 * 10);
        assertEquals(0x7F800000, m.dword(0, 2));
        assertEquals(0, m.dword(0, 3));
        assertEquals(0, m.flags());
    }

    @Test
    void rsqrtss_negativeGivesDefaultNanAndZeroGivesInfinity() {
        m.dwords(1, Float.floatToIntBits(-4.0f), 0, 0, 0);
        m.run(SseMachine.xx(Op.RSQRTSS, 0, 1));
        int negative = m.dword(0, 0);
        m.dwords(1, 0x80000000, 0, 0, 0);
        m.run(SseMachine.xx(Op.RSQRTSS, 0, 1));

        assertEquals(0xFFC00000, negative);
        assertEquals(0xFF800000, m.dword(0, 0));
    }

    @Test
    void maxpd_nanInFirstOperand_returnsSecondOperand() {
        m.xmm(0, 0x7FF8_0000_0000_0001L, Double.doubleToLongBits(1.0));
        m.xmm(1, Double.doubleToLongBits(-3.0), Double.doubleToLongBits(2.0));

        m.run(SseMachine.xx(Op.MAXPD, 0, 1));

        assertEquals(Double.doubleToLongBits(-3.0), m.lo(0));
        assertEquals(Double.doubleToLongBits(2.0), m.hi(0));
        assertEquals(Mxcsr.IE, m.flags());
    }
}
