package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

/**
 * The SSE3/SSSE3/SSE4.1 rules the host oracle cannot record: the enabling gates (#UD, #NM),
 * alignment #GP on memory operands, unmasked exceptions, memory-only loads and the MMX-mode
 * side effects of the SSSE3 MMX forms.
 */
class Sse4ExecutorTest {

    private static final long CR0_EM = 1L << 2, CR0_TS = 1L << 3;

    private final SseMachine m = new SseMachine();

    private static Instruction mmx(Op op, int d, int src) {
        return SseMachine.mmx(op, 8, Instruction.K_XMM, d, Instruction.K_XMM, src, 0, 0);
    }

    private static Instruction mmxMemory(Op op, int d, long addr) {
        return SseMachine.mmx(op, 8, Instruction.K_XMM, d, Instruction.K_MEM, 0, addr, 0);
    }

    @Test
    void ssse3XmmForm_withOsfxsrClear_raisesInvalidOpcode() {
        m.s.cr4 &= ~SseMachine.CR4_OSFXSR;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.PSHUFB, 0, 1)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void ssse3MmxForm_withOsfxsrClear_stillExecutes() {
        m.s.cr4 &= ~SseMachine.CR4_OSFXSR;
        m.s.fpuMantissa[2] = 0xFF01_80FFL;

        m.run(mmx(Op.PABSB, 1, 2));

        assertEquals(0x0101_8001L, m.s.fpuMantissa[1]);
    }

    @Test
    void ssse3MmxForm_entersMmxMode() {
        m.s.fpuStatus = 5 << 11;
        m.s.fpuTagWord = 0;

        m.run(mmx(Op.PSIGNW, 3, 4));

        assertEquals(0, m.s.fpuStatus & (7 << 11));
        assertEquals(0xFF, m.s.fpuTagWord);
        assertEquals(0xFFFF, m.s.fpuExponent[3]);
    }

    @Test
    void ssse3MmxForm_withCr0TsSet_raisesDeviceNotAvailable() {
        m.s.cr0 |= CR0_TS;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(mmx(Op.PHADDW, 1, 2)));

        assertEquals(CpuFault.NM, f.vector);
    }

    @Test
    void sse41_withCr0EmSet_raisesInvalidOpcode() {
        m.s.cr0 |= CR0_EM;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.PMULLD, 0, 1)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void sse41_withCr0TsSet_raisesDeviceNotAvailableAndLeavesRegister() {
        m.s.cr0 |= CR0_TS;
        m.xmm(0, 7, 8);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xxi(Op.BLENDPD, 0, 1, 3)));

        assertEquals(CpuFault.NM, f.vector);
        assertEquals(7, m.lo(0));
    }

    @Test
    void ssse3MmxMemoryForm_misaligned_readsWithoutFault() {
        m.writeMem64(0x3003, 0x0807_0605_0403_0201L);
        m.s.fpuMantissa[1] = 0x1122_3344_5566_7788L;

        m.run(mmxMemory(Op.PSHUFB, 1, 0x3003));

        assertEquals(0x1122_3344_5566_7788L >>> 8 | 0x88L << 56, m.s.fpuMantissa[1]);
    }

    @Test
    void palignrMmx_shiftsConcatenation() {
        m.s.fpuMantissa[1] = 0x1111_1111_2222_2222L;
        m.s.fpuMantissa[2] = 0x3333_3333_4444_4444L;

        m.run(SseMachine.mmx(Op.PALIGNR, 8, Instruction.K_XMM, 1, Instruction.K_XMM, 2, 0, 4));

        assertEquals(0x2222_2222_3333_3333L, m.s.fpuMantissa[1]);
    }

    @Test
    void packedSse41_misalignedMemory_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xm(Op.PTEST, 0, 0x3008)));

        assertEquals(CpuFault.GP, f.vector);
    }

    @Test
    void movntdqa_misaligned_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xm(Op.MOVNTDQA, 0, 0x3004)));

        assertEquals(CpuFault.GP, f.vector);
    }

    @Test
    void movntdqa_aligned_loads128Bits() {
        m.writeMem64(0x3000, 0x1111L);
        m.writeMem64(0x3008, 0x2222L);

        m.run(SseMachine.xm(Op.MOVNTDQA, 5, 0x3000));

        assertEquals(0x1111L, m.lo(5));
        assertEquals(0x2222L, m.hi(5));
    }

    @Test
    void lddqu_misaligned_loads128Bits() {
        m.writeMem64(0x3003, 0xAAAAL);
        m.writeMem64(0x300B, 0xBBBBL);

        m.run(SseMachine.xm(Op.LDDQU, 2, 0x3003));

        assertEquals(0xAAAAL, m.lo(2));
        assertEquals(0xBBBBL, m.hi(2));
    }

    @Test
    void pmovzx_misalignedPartialOperand_readsWithoutFault() {
        m.writeMem64(0x3001, 0x0000_0000_8001_FF7FL);

        m.run(SseMachine.xm(Op.PMOVZXBD, 0, 0x3001));

        assertEquals(0x0000_00FF_0000_007FL, m.lo(0));
        assertEquals(0x0000_0080_0000_0001L, m.hi(0));
    }

    @Test
    void movddup_misalignedMemory_duplicatesQuadword() {
        m.writeMem64(0x3004, 0x1234_5678_9ABC_DEF0L);

        m.run(SseMachine.xm(Op.MOVDDUP, 0, 0x3004));

        assertEquals(0x1234_5678_9ABC_DEF0L, m.lo(0));
        assertEquals(0x1234_5678_9ABC_DEF0L, m.hi(0));
    }

    @Test
    void roundps_withPrecisionUnmasked_raisesSimdExceptionAndKeepsDestination() {
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        m.dwords(1, Float.floatToRawIntBits(1.5f), 0, 0, 0);
        m.xmm(0, 0x77, 0x88);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xxi(Op.ROUNDPS, 0, 1, 0)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(0x77, m.lo(0));
        assertEquals(Mxcsr.PE, m.flags());
    }

    @Test
    void roundps_withPrecisionSuppressed_ignoresUnmaskedPrecision() {
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        m.dwords(1, Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(-2.5f), 0, 0);

        m.run(SseMachine.xxi(Op.ROUNDPS, 0, 1, 8));

        assertEquals(Float.floatToRawIntBits(2.0f), m.dword(0, 0));
        assertEquals(Float.floatToRawIntBits(-2.0f), m.dword(0, 1));
        assertEquals(0, m.flags());
    }

    @Test
    void dpps_withInvalidUnmasked_raisesSimdExceptionAndKeepsDestination() {
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        m.dwords(0, 0x7F80_0000, 0, 0, 0);
        m.xmm(1, 0, 0);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xxi(Op.DPPS, 0, 1, 0xF1)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(0x7F80_0000L, m.lo(0));
    }

    @Test
    void haddps_withInvalidUnmaskedAndNoOsxmmexcpt_raisesInvalidOpcode() {
        m.s.cr4 &= ~SseMachine.CR4_OSXMMEXCPT;
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        m.dwords(0, 0x7F80_0000, 0xFF80_0000, 0, 0);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.HADDPS, 0, 1)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void pextrwToMemory_storesOnlyTheWord() {
        m.writeMem64(0x3000, -1L);
        m.xmm(1, 0x4444_3333_2222_1111L, 0x8888_7777_6666_5555L);
        Instruction insn = new Instruction(Op.PEXTRW, 6, Instruction.P_OPSIZE, 4, 4, 8, 0,
                Instruction.K_MEM, 0, Instruction.K_XMM, 1, Instruction.K_IMM, 0,
                Instruction.NO_REG, Instruction.NO_REG, 0, 0x3001, -1, 6, 0);

        m.run(insn);

        assertEquals(0xFFFF_FFFF_FF77_77FFL, m.readMem64(0x3000));
    }

    @Test
    void pextrbToMemory_storesOneByte() {
        m.writeMem64(0x3000, 0);
        m.xmm(1, 0, 0xAB00_0000_0000_0000L);
        Instruction insn = new Instruction(Op.PEXTRB, 6, Instruction.P_OPSIZE, 4, 4, 8, 0,
                Instruction.K_MEM, 0, Instruction.K_XMM, 1, Instruction.K_IMM, 0,
                Instruction.NO_REG, Instruction.NO_REG, 0, 0x3002, -1, 0x1F, 0);

        m.run(insn);

        assertEquals(0xABL << 16, m.readMem64(0x3000));
    }
}
