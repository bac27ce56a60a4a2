package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class SseMovesTest {

    private final SseMachine m = new SseMachine();

    @Test
    void movaps_load_copies128Bits() {
        m.writeMem64(0x5000, 0x1111);
        m.writeMem64(0x5008, 0x2222);

        m.run(SseMachine.xm(Op.MOVAPS, 4, 0x5000));

        assertEquals(0x1111, m.lo(4));
        assertEquals(0x2222, m.hi(4));
    }

    @Test
    void movdqa_misalignedStore_raisesGeneralProtectionAndWritesNothing() {
        m.xmm(1, -1, -1);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.mx(Op.MOVDQA, 0x5004, 1)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, m.readMem64(0x5000));
        assertEquals(0, m.readMem64(0x5008));
    }

    @Test
    void movups_misalignedAcrossPage_loads() {
        m.writeMem64(0x5FF9, 0xAAAA_BBBB_CCCC_DDDDL);
        m.writeMem64(0x6001, 0x1234_5678L);

        m.run(SseMachine.xm(Op.MOVUPS, 0, 0x5FF9));

        assertEquals(0xAAAA_BBBB_CCCC_DDDDL, m.lo(0));
        assertEquals(0x1234_5678L, m.hi(0));
    }

    @Test
    void movntdq_misaligned_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.mx(Op.MOVNTDQ, 0x5008, 0)));

        assertEquals(CpuFault.GP, f.vector);
    }

    @Test
    void movss_registerForm_keepsUpperBits() {
        m.xmm(0, 0x1111_1111_2222_2222L, 0x3333);
        m.xmm(1, 0x4444_4444_5555_5555L, 0x6666);

        m.run(SseMachine.xx(Op.MOVSS, 0, 1));

        assertEquals(0x1111_1111_5555_5555L, m.lo(0));
        assertEquals(0x3333, m.hi(0));
    }

    @Test
    void movss_load_zeroesUpperBits() {
        m.xmm(0, -1, -1);
        m.writeMem64(0x5000, 0x9999_8888_7777_6666L);

        m.run(SseMachine.xm(Op.MOVSS, 0, 0x5000));

        assertEquals(0x7777_6666L, m.lo(0));
        assertEquals(0, m.hi(0));
    }

    @Test
    void movsd_store_writesEightBytesOnly() {
        m.xmm(2, 0x0102_0304_0506_0708L, -1);
        m.writeMem64(0x5008, 0x55);

        m.run(SseMachine.mx(Op.MOVSD_XMM, 0x5000, 2));

        assertEquals(0x0102_0304_0506_0708L, m.readMem64(0x5000));
        assertEquals(0x55, m.readMem64(0x5008));
    }

    @Test
    void movd_fromGpr_zeroExtendsTo128Bits() {
        m.xmm(0, -1, -1);
        m.s.gpr[CpuState.RBX] = 0xFFFF_FFFF_8000_0001L;

        m.run(SseMachine.xg(Op.MOVD, 4, 0, CpuState.RBX));

        assertEquals(0x8000_0001L, m.lo(0));
        assertEquals(0, m.hi(0));
    }

    @Test
    void movq_toGpr64_copiesLowQuadword() {
        m.xmm(3, 0x8000_0000_0000_0001L, 7);

        m.run(SseMachine.gx(Op.MOVQ, 8, 8, 3));

        assertEquals(0x8000_0000_0000_0001L, m.s.gpr[8]);
    }

    @Test
    void movd_toGpr32_zeroExtendsGpr() {
        m.xmm(3, 0x8000_0000_F000_0001L, 7);
        m.s.gpr[CpuState.RCX] = -1;

        m.run(SseMachine.gx(Op.MOVD, 4, CpuState.RCX, 3));

        assertEquals(0xF000_0001L, m.s.gpr[CpuState.RCX]);
    }

    @Test
    void movq_xmmToXmm_zeroesUpperHalf() {
        m.xmm(0, -1, -1);
        m.xmm(1, 0x42, 0x43);

        m.run(SseMachine.xx(Op.MOVQ, 0, 1));

        assertEquals(0x42, m.lo(0));
        assertEquals(0, m.hi(0));
    }

    @Test
    void movhps_loadReplacesHighHalfOnly() {
        m.xmm(0, 1, 2);
        m.writeMem64(0x5004, 0x77);

        m.run(SseMachine.xm(Op.MOVHPS, 0, 0x5004));

        assertEquals(1, m.lo(0));
        assertEquals(0x77, m.hi(0));
    }

    @Test
    void movhlps_copiesSourceHighToDestinationLow() {
        m.xmm(0, 1, 2);
        m.xmm(1, 3, 4);

        m.run(SseMachine.xx(Op.MOVHLPS, 0, 1));

        assertEquals(4, m.lo(0));
        assertEquals(2, m.hi(0));
    }

    @Test
    void pmovmskb_collectsByteSignBits() {
        m.xmm(1, 0x8000_0000_0000_0080L, 0xFF00_0000_0000_0000L);

        m.run(SseMachine.gx(Op.PMOVMSKB, 4, CpuState.RAX, 1));

        assertEquals(0x8081, m.s.gpr[CpuState.RAX]);
    }

    @Test
    void movmskps_andMovmskpd_collectElementSignBits() {
        m.dwords(1, 0x8000_0000, 0, 0xFFFF_FFFF, 0x8000_0000);

        m.run(SseMachine.gx(Op.MOVMSKPS, 4, CpuState.RAX, 1));
        m.run(SseMachine.gx(Op.MOVMSKPD, 4, CpuState.RCX, 1));

        assertEquals(0b1101, m.s.gpr[CpuState.RAX]);
        assertEquals(0b10, m.s.gpr[CpuState.RCX]);
    }

    @Test
    void maskmovdqu_storesOnlySelectedBytesAtRdi() {
        m.s.gpr[CpuState.RDI] = 0x7000;
        m.writeMem64(0x7000, 0x1111_1111_1111_1111L);
        m.xmm(0, 0xAAAA_AAAA_AAAA_AAAAL, 0xBBBB_BBBB_BBBB_BBBBL);
        m.xmm(1, 0x0000_0000_0000_80FFL, 0x8000_0000_0000_0000L);

        m.run(SseMachine.xx(Op.MASKMOVDQU, 0, 1));

        assertEquals(0x1111_1111_1111_AAAAL, m.readMem64(0x7000));
        assertEquals(0xBB00_0000_0000_0000L, m.readMem64(0x7008));
    }
}
