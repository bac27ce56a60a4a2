package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class ShuffleTest {

    private final SseMachine m = new SseMachine();

    @Test
    void pshufd_imm1B_reversesDwords() {
        m.dwords(1, 0xA, 0xB, 0xC, 0xD);

        m.run(SseMachine.xxi(Op.PSHUFD, 0, 1, 0x1B));

        assertEquals(0xD, m.dword(0, 0));
        assertEquals(0xC, m.dword(0, 1));
        assertEquals(0xB, m.dword(0, 2));
        assertEquals(0xA, m.dword(0, 3));
    }

    @Test
    void pshufd_sameRegister_readsSourceBeforeWriting() {
        m.dwords(0, 1, 2, 3, 4);

        m.run(SseMachine.xxi(Op.PSHUFD, 0, 0, 0x00));

        assertEquals(1, m.dword(0, 3));
        assertEquals(1, m.dword(0, 0));
    }

    @Test
    void pshuflw_shufflesLowWordsAndCopiesHighQuadword() {
        m.xmm(1, 0x4444_3333_2222_1111L, 0x99);

        m.run(SseMachine.xxi(Op.PSHUFLW, 0, 1, 0b00_01_10_11));

        assertEquals(0x1111_2222_3333_4444L, m.lo(0));
        assertEquals(0x99, m.hi(0));
    }

    @Test
    void pshufhw_shufflesHighWordsAndCopiesLowQuadword() {
        m.xmm(1, 0x77, 0x4444_3333_2222_1111L);

        m.run(SseMachine.xxi(Op.PSHUFHW, 0, 1, 0b11_11_11_11));

        assertEquals(0x77, m.lo(0));
        assertEquals(0x4444_4444_4444_4444L, m.hi(0));
    }

    @Test
    void shufps_takesLowPairFromDestinationAndHighPairFromSource() {
        m.dwords(0, 0xA0, 0xA1, 0xA2, 0xA3);
        m.dwords(1, 0xB0, 0xB1, 0xB2, 0xB3);

        m.run(SseMachine.xxi(Op.SHUFPS, 0, 1, 0b01_10_11_00));

        assertEquals(0xA0, m.dword(0, 0));
        assertEquals(0xA3, m.dword(0, 1));
        assertEquals(0xB2, m.dword(0, 2));
        assertEquals(0xB1, m.dword(0, 3));
    }

    @Test
    void shufpd_imm1_takesHighOfDestinationAndLowOfSource() {
        m.xmm(0, 1, 2);
        m.xmm(1, 3, 4);

        m.run(SseMachine.xxi(Op.SHUFPD, 0, 1, 1));

        assertEquals(2, m.lo(0));
        assertEquals(3, m.hi(0));
    }

    @Test
    void unpcklps_interleavesLowDwords() {
        m.dwords(0, 0xA0, 0xA1, 0xA2, 0xA3);
        m.dwords(1, 0xB0, 0xB1, 0xB2, 0xB3);

        m.run(SseMachine.xx(Op.UNPCKLPS, 0, 1));

        assertEquals(0xA0, m.dword(0, 0));
        assertEquals(0xB0, m.dword(0, 1));
        assertEquals(0xA1, m.dword(0, 2));
        assertEquals(0xB1, m.dword(0, 3));
    }

    @Test
    void pinsrw_fromRegister_replacesSelectedWordOnly() {
        m.xmm(0, 0, 0);
        m.s.gpr[CpuState.RDX] = 0xDEAD_BEEF_CAFEL;

        m.run(SseMachine.xgi(Op.PINSRW, 0, CpuState.RDX, 6 | 0xF8));

        assertEquals(0, m.lo(0));
        assertEquals(0xCAFEL << 32, m.hi(0));
    }

    @Test
    void pextrw_zeroExtendsIntoGeneralRegister() {
        m.xmm(1, 0x1111_2222_3333_4444L, 0x8888_7777_6666_5555L);
        m.s.gpr[CpuState.RAX] = -1;

        m.run(SseMachine.gxi(Op.PEXTRW, CpuState.RAX, 1, 7));

        assertEquals(0x8888, m.s.gpr[CpuState.RAX]);
    }
}
