package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class MmxExecutorTest {

    private static final int X = Instruction.K_XMM, G = Instruction.K_GPR, MEM = Instruction.K_MEM,
            IMM = Instruction.K_IMM;

    private final SseMachine m = new SseMachine();

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    private long mm(int i) {
        return m.s.fpuMantissa[i];
    }

    /** {@code op mmD, mmS}. */
    private static Instruction mm(Op op, int d, int src) {
        return SseMachine.mmx(op, 16, X, d, X, src, 0, 0);
    }

    /** Vectors recorded on the host CPU with gcc MMX intrinsics ({@code mmx-host-oracle.c}). */
    @ParameterizedTest(name = "{0} #{index}")
    @CsvFileSource(resources = "mmx-host.csv", numLinesToSkip = 1)
    void mmxForm_matchesHostCpu(String op, String a, String b, String result) {
        m.s.fpuMantissa[2] = hex(a);
        m.s.fpuMantissa[5] = hex(b);

        m.run(mm(Op.valueOf(op), 2, 5));

        assertEquals(hex(result), mm(2), () -> Long.toHexString(mm(2)));
    }

    @Test
    void mmxInstruction_setsTopZeroTagsValidAndExponentOnes() {
        m.s.fpuStatus = 5 << 11;
        m.s.fpuTagWord = 0;
        m.s.fpuExponent[1] = 0x3FFF;

        m.run(mm(Op.PXOR, 1, 1));

        assertEquals(0, m.s.fpuStatus & (7 << 11));
        assertEquals(0xFF, m.s.fpuTagWord);
        assertEquals(0xFFFF, m.s.fpuExponent[1]);
        assertEquals(0, mm(1));
    }

    @Test
    void emms_marksAllRegistersEmpty() {
        m.run(mm(Op.PXOR, 1, 1));

        m.run(SseMachine.mmx(Op.EMMS, 16, 0, 0, 0, 0, 0, 0));

        assertEquals(0, m.s.fpuTagWord);
    }

    @Test
    void emms_setsTopToZero_asTheHostDoes() {
        m.s.fpuStatus = 3 << 11 | 0x0100;

        m.run(SseMachine.mmx(Op.EMMS, 16, 0, 0, 0, 0, 0, 0));

        assertEquals(0x0100, m.s.fpuStatus);
    }

    @Test
    void cvtps2pi_unmaskedInvalid_entersMmxModeBeforeTheFault() {
        // measured on the host: CVTTPS2PI raising #XM leaves TOP = 0 and all tags valid
        m.s.fpuStatus = 5 << 11;
        m.s.fpuTagWord = 0;
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        m.xmm(1, 0x7FC0_0000_7FC0_0000L, 0);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.mmx(Op.CVTPS2PI, 16, X, 0, X, 1, 0, 0)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(0, m.s.fpuStatus & (7 << 11));
        assertEquals(0xFF, m.s.fpuTagWord);
    }

    @Test
    void rexExtendedRegisterNumbers_areTakenModuloEight() {
        m.s.fpuMantissa[3] = 0x0102;
        m.s.fpuMantissa[4] = 0x0101;

        m.run(mm(Op.PADDB, 11, 12)); // REX.R and REX.B set: still MM3, MM4

        assertEquals(0x0203, mm(3));
    }

    @Test
    void mmxForm_doesNotTouchXmmRegisters() {
        m.xmm(2, 7, 8);
        m.s.fpuMantissa[2] = 1;
        m.s.fpuMantissa[3] = 1;

        m.run(mm(Op.PADDQ, 2, 3));

        assertEquals(2, mm(2));
        assertEquals(7, m.lo(2));
        assertEquals(8, m.hi(2));
    }

    @Test
    void mmxForm_withOsfxsrClear_stillRuns() {
        m.s.cr4 = 0;
        m.s.fpuMantissa[0] = 5;

        m.run(mm(Op.PSUBD, 0, 0));

        assertEquals(0, mm(0));
    }

    @Test
    void mmxForm_withTsSet_raisesDeviceNotAvailable() {
        m.s.cr0 |= 1L << 3;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(mm(Op.PXOR, 0, 0)));

        assertEquals(CpuFault.NM, f.vector);
    }

    @Test
    void mmxForm_withPendingX87Exception_raisesMathFault() {
        m.s.fpuStatus = 0x81; // ES and IE
        m.s.fpuMantissa[0] = 5;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(mm(Op.PXOR, 0, 0)));

        assertEquals(CpuFault.MF, f.vector);
        assertEquals(5, mm(0));
    }

    @Test
    void movd_loadsZeroExtendedAndStoresLowDword() {
        m.s.gpr[CpuState.RBX] = 0xFFFF_FFFF_8765_4321L;
        m.run(SseMachine.mmx(Op.MOVD, 4, X, 6, G, CpuState.RBX, 0, 0));
        long loaded = mm(6);
        m.s.fpuMantissa[6] = 0x1111_2222_3333_4444L;

        m.run(SseMachine.mmx(Op.MOVD, 4, G, CpuState.RCX, X, 6, 0, 0));

        assertEquals(0x8765_4321L, loaded);
        assertEquals(0x3333_4444L, m.s.gpr[CpuState.RCX]);
    }

    @Test
    void movq_memoryRoundTrip_isUnaligned() {
        m.writeMem64(0x6003, 0x0123_4567_89AB_CDEFL);

        m.run(SseMachine.mmx(Op.MOVQ, 16, X, 7, MEM, 0, 0x6003, 0));
        m.run(SseMachine.mmx(Op.MOVQ, 16, MEM, 0, X, 7, 0x7005, 0));

        assertEquals(0x0123_4567_89AB_CDEFL, mm(7));
        assertEquals(0x0123_4567_89AB_CDEFL, m.readMem64(0x7005));
    }

    @Test
    void psrlqImmediate_shiftsWholeRegister() {
        m.s.fpuMantissa[1] = 0x8000_0000_0000_0000L;

        m.run(SseMachine.mmx(Op.PSRLQ, 16, X, 1, IMM, 0, 0, 63));

        assertEquals(1, mm(1));
    }

    @Test
    void pshufw_broadcastsWord() {
        m.s.fpuMantissa[1] = 0x4444_3333_2222_1111L;

        m.run(SseMachine.mmx(Op.PSHUFW, 16, X, 0, X, 1, 0, 0b10_10_10_10));

        assertEquals(0x3333_3333_3333_3333L, mm(0));
    }

    @Test
    void pmovmskbAndPextrw_readMmxRegister() {
        m.s.fpuMantissa[4] = 0x8000_1234_0080_0000L;

        m.run(SseMachine.mmx(Op.PMOVMSKB, 4, G, CpuState.RAX, X, 4, 0, 0));
        m.run(SseMachine.mmx(Op.PEXTRW, 4, G, CpuState.RDX, X, 4, 0, 2));

        assertEquals(0b1000_0100, m.s.gpr[CpuState.RAX]);
        assertEquals(0x1234, m.s.gpr[CpuState.RDX]);
    }

    @Test
    void maskmovq_storesSelectedBytesAtRdi() {
        m.s.gpr[CpuState.RDI] = 0x7100;
        m.writeMem64(0x7100, 0x1111_1111_1111_1111L);
        m.s.fpuMantissa[0] = 0xAAAA_AAAA_AAAA_AAAAL;
        m.s.fpuMantissa[1] = 0x8000_0000_0000_0080L;

        m.run(mm(Op.MASKMOVQ, 0, 1));

        assertEquals(0xAA11_1111_1111_11AAL, m.readMem64(0x7100));
    }

    @Test
    void cvtpi2ps_fromMmxRegister_convertsLowPairAndEntersMmxMode() {
        m.s.fpuTagWord = 0;
        m.s.fpuMantissa[3] = (16777217L & 0xFFFF_FFFFL) | (long) -2 << 32;
        m.xmm(0, -1, 0x1234);

        m.run(SseMachine.xx(Op.CVTPI2PS, 0, 3));

        assertEquals(16777216f, Float.intBitsToFloat(m.dword(0, 0)));
        assertEquals(-2f, Float.intBitsToFloat(m.dword(0, 1)));
        assertEquals(0x1234, m.hi(0));
        assertEquals(Mxcsr.PE, m.flags());
        assertEquals(0xFF, m.s.fpuTagWord);
    }

    @Test
    void cvtpi2pd_fromMemory_leavesX87StateAlone() {
        m.s.fpuTagWord = 0;
        m.writeMem64(0x6000, (7L & 0xFFFF_FFFFL) | (long) -9 << 32);

        m.run(SseMachine.xm(Op.CVTPI2PD, 1, 0x6000));

        assertEquals(7.0, Double.longBitsToDouble(m.lo(1)));
        assertEquals(-9.0, Double.longBitsToDouble(m.hi(1)));
        assertEquals(0, m.s.fpuTagWord);
    }

    @Test
    void cvtps2pi_roundsPerMxcsrAndGivesIndefiniteOnOverflow() {
        m.s.mxcsr = 0x3F80; // round down
        m.dwords(2, Float.floatToIntBits(-1.5f), Float.floatToIntBits(3e9f), 0, 0);

        m.run(SseMachine.xx(Op.CVTPS2PI, 4, 2));

        assertEquals((-2L & 0xFFFF_FFFFL) | 0x8000_0000L << 32, mm(4));
        assertEquals(Mxcsr.IE | Mxcsr.PE, m.flags());
        assertEquals(0xFFFF, m.s.fpuExponent[4]);
    }

    @Test
    void cvttpd2pi_truncatesBothElements() {
        m.xmm(9, Double.doubleToLongBits(-7.9), Double.doubleToLongBits(7.9));

        m.run(SseMachine.xx(Op.CVTTPD2PI, 1, 9));

        assertEquals((-7L & 0xFFFF_FFFFL) | 7L << 32, mm(1));
    }

    @Test
    void movq2dqAndMovdq2q_copyLowQuadword() {
        m.s.fpuMantissa[5] = 0x1122_3344_5566_7788L;
        m.xmm(12, -1, -1);
        m.xmm(13, 0x0102, 0x0304);

        m.run(SseMachine.xx(Op.MOVQ2DQ, 12, 5));
        m.run(SseMachine.xx(Op.MOVDQ2Q, 6, 13));

        assertEquals(0x1122_3344_5566_7788L, m.lo(12));
        assertEquals(0, m.hi(12));
        assertEquals(0x0102, mm(6));
    }

    @Test
    void movdq2q_withPendingX87Exception_raisesMathFault() {
        m.s.fpuStatus = 0x80;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.MOVDQ2Q, 0, 1)));

        assertEquals(CpuFault.MF, f.vector);
    }
}
