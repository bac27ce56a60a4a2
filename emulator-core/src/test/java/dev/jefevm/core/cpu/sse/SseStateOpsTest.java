package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SseStateOpsTest {

    private static final long AREA = 0x8000;

    private final SseMachine m = new SseMachine();

    @BeforeEach
    void fillState() {
        m.s.fpuControl = 0x027F;
        m.s.fpuStatus = 2 << 11 | 0x41; // TOP = 2
        m.s.fpuTagWord = 0xC3;
        m.s.fpuOpcode = 0x7DD;
        m.s.fpuIp = 0x1122_3344_5566_7788L;
        m.s.fpuDp = 0x99AA_BBCC_DDEE_FF00L;
        m.s.mxcsr = 0x3FA1;
        for (int i = 0; i < 8; i++) {
            m.s.fpuMantissa[i] = 0x8000_0000_0000_0000L | i;
            m.s.fpuExponent[i] = 0x4000 + i;
        }
        for (int i = 0; i < 32; i++) {
            m.s.xmm[i] = 0x0101_0101_0101_0101L * i;
        }
    }

    @Test
    void fxsave64_writesSdmLayout() {
        m.run(SseMachine.m(Op.FXSAVE, AREA, true));

        assertEquals(0x027F, m.cpu.memory.read16(AREA));
        assertEquals(2 << 11 | 0x41, m.cpu.memory.read16(AREA + 2));
        assertEquals(0xC3, m.cpu.memory.read8(AREA + 4));
        assertEquals(0x7DD, m.cpu.memory.read16(AREA + 6));
        assertEquals(0x1122_3344_5566_7788L, m.readMem64(AREA + 8));
        assertEquals(0x99AA_BBCC_DDEE_FF00L, m.readMem64(AREA + 16));
        assertEquals(0x3FA1, m.cpu.memory.read32(AREA + 24));
        assertEquals(0xFFFF, m.cpu.memory.read32(AREA + 28));
        // ST(0) is physical register TOP = 2
        assertEquals(0x8000_0000_0000_0002L, m.readMem64(AREA + 32));
        assertEquals(0x4002, m.readMem64(AREA + 40));
        assertEquals(0x8000_0000_0000_0001L, m.readMem64(AREA + 32 + 16 * 7));
        assertEquals(0x0101_0101_0101_0101L * 31, m.readMem64(AREA + 160 + 16 * 15 + 8));
    }

    @Test
    void fxsaveWithoutRexW_storesLow32BitPointersWithTheirSelectors() {
        m.s.fpuCs = 0x33;
        m.s.fpuDs = 0x2B;

        m.run(SseMachine.m(Op.FXSAVE, AREA, false));

        assertEquals(0x33_5566_7788L, m.readMem64(AREA + 8));
        assertEquals(0x2B_DDEE_FF00L, m.readMem64(AREA + 16));
    }

    @Test
    void fxrstor_loadsSelectorsFromThe32BitImageAndZeroesThemFromThe64BitOne() {
        m.writeMem64(AREA + 8, 0x33_0000_1000L);
        m.writeMem64(AREA + 16, 0x2B_0000_2000L);
        m.cpu.memory.write32(AREA + 24, 0x1F80);

        m.run(SseMachine.m(Op.FXRSTOR, AREA, false));
        int cs32 = m.s.fpuCs;
        int ds32 = m.s.fpuDs;
        m.run(SseMachine.m(Op.FXRSTOR, AREA, true));

        assertEquals(0x33, cs32);
        assertEquals(0x2B, ds32);
        assertEquals(0, m.s.fpuCs);
        assertEquals(0, m.s.fpuDs);
    }

    @Test
    void fxsave_leavesBytes416To511Alone() {
        m.writeMem64(AREA + 416, 0x5A5A);
        m.writeMem64(AREA + 504, 0xA5A5);

        m.run(SseMachine.m(Op.FXSAVE, AREA, true));

        assertEquals(0x5A5A, m.readMem64(AREA + 416));
        assertEquals(0xA5A5, m.readMem64(AREA + 504));
    }

    @Test
    void fxsaveThenFxrstor_restoresEveryField() {
        m.run(SseMachine.m(Op.FXSAVE, AREA, true));
        long[] xmm = m.s.xmm.clone();
        long[] mantissa = m.s.fpuMantissa.clone();
        int[] exponent = m.s.fpuExponent.clone();
        SseMachine other = new SseMachine();
        other.cpu.memory.writeBytes(0, readArea(), 0, 512);

        other.run(SseMachine.m(Op.FXRSTOR, 0, true));

        assertArrayEquals(xmm, other.s.xmm);
        assertArrayEquals(mantissa, other.s.fpuMantissa);
        assertArrayEquals(exponent, other.s.fpuExponent);
        assertEquals(0x3FA1, other.s.mxcsr);
        assertEquals(0x027F, other.s.fpuControl);
        assertEquals(2 << 11 | 0x41, other.s.fpuStatus);
        assertEquals(0xC3, other.s.fpuTagWord);
        assertEquals(0x7DD, other.s.fpuOpcode);
        assertEquals(0x1122_3344_5566_7788L, other.s.fpuIp);
        assertEquals(0x99AA_BBCC_DDEE_FF00L, other.s.fpuDp);
    }

    private byte[] readArea() {
        byte[] b = new byte[512];
        m.cpu.memory.readBytes(AREA, b, 0, 512);
        return b;
    }

    @Test
    void fxsave_misaligned_raisesGeneralProtection() {
        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.m(Op.FXSAVE, AREA + 8, true)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, m.readMem64(AREA + 8));
    }

    @Test
    void fxrstor_reservedMxcsrBits_raisesGeneralProtectionAndChangesNothing() {
        m.cpu.memory.write32(AREA + 24, 0x1_1F80);
        m.writeMem64(AREA + 160, 0x77);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.m(Op.FXRSTOR, AREA, true)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0x3FA1, m.s.mxcsr);
        assertEquals(0, m.s.xmm[0]);
    }

    @Test
    void ldmxcsr_thenStmxcsr_roundTrips() {
        m.cpu.memory.write32(0x9000, 0xFFC0);

        m.run(SseMachine.m(Op.LDMXCSR, 0x9000, false));
        m.run(SseMachine.m(Op.STMXCSR, 0x9004, false));

        assertEquals(0xFFC0, m.s.mxcsr);
        assertEquals(0xFFC0, m.cpu.memory.read32(0x9004));
    }

    @Test
    void ldmxcsr_reservedBit_raisesGeneralProtection() {
        m.cpu.memory.write32(0x9000, 0x8001_1F80);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.m(Op.LDMXCSR, 0x9000, false)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(0, f.errorCode);
        assertEquals(0x3FA1, m.s.mxcsr);
    }
}
