package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatCompareTest {

    private static final int QNAN = 0x7FC0_0000, SNAN = 0x7F80_0001;
    private static final long ZPC = CpuState.ZF | CpuState.PF | CpuState.CF;

    private final SseMachine m = new SseMachine();

    @ParameterizedTest(name = "predicate {0}")
    @CsvSource({
            // predicate, mask for lanes (1 < 2, 2 == 2, 3 > 2, NaN vs 2) as bits 0-3, flags
            "0, 0b0010, 0x00",
            "1, 0b0001, 0x01",
            "2, 0b0011, 0x01",
            "3, 0b1000, 0x00",
            "4, 0b1101, 0x00",
            "5, 0b1110, 0x01",
            "6, 0b1100, 0x01",
            "7, 0b0111, 0x00",
    })
    void cmpps_predicates_giveLaneMasksAndSignalQuietNanOnlyForOrderedRelations(int predicate, String mask,
                                                                               String flags) {
        m.dwords(0, Float.floatToIntBits(1f), Float.floatToIntBits(2f), Float.floatToIntBits(3f), QNAN);
        m.dwords(1, Float.floatToIntBits(2f), Float.floatToIntBits(2f), Float.floatToIntBits(2f),
                Float.floatToIntBits(2f));

        m.run(SseMachine.xxi(Op.CMPPS, 0, 1, predicate));

        int bits = Integer.parseInt(mask.substring(2), 2);
        for (int i = 0; i < 4; i++) {
            assertEquals((bits >>> i & 1) != 0 ? -1 : 0, m.dword(0, i), "lane " + i);
        }
        assertEquals(Integer.decode(flags).intValue(), m.flags());
    }

    @Test
    void cmpsd_equal_writesLowMaskAndKeepsHigh() {
        m.xmm(0, Double.doubleToLongBits(-0.0), 0x99);
        m.xmm(1, Double.doubleToLongBits(0.0), 0);

        m.run(SseMachine.xxi(Op.CMPSD_XMM, 0, 1, 0));

        assertEquals(-1L, m.lo(0));
        assertEquals(0x99, m.hi(0));
    }

    @Test
    void cmpeqss_signalingNan_raisesInvalid() {
        m.dwords(0, SNAN, 0, 0, 0);

        m.run(SseMachine.xxi(Op.CMPSS, 0, 1, 0));

        assertEquals(0, m.dword(0, 0));
        assertEquals(Mxcsr.IE, m.flags());
    }

    @Test
    void ucomisd_less_setsCarryOnlyAndClearsOthers() {
        Flags.set(m.s, CpuState.OF | CpuState.SF | CpuState.AF | CpuState.ZF | 2);
        m.xmm(0, Double.doubleToLongBits(1.0), 0);
        m.xmm(1, Double.doubleToLongBits(2.0), 0);

        m.run(SseMachine.xx(Op.UCOMISD, 0, 1));

        assertEquals(CpuState.CF, Flags.arith(m.s));
    }

    @Test
    void comisd_equalAndGreater_setZeroOrNothing() {
        m.xmm(0, Double.doubleToLongBits(2.0), 0);
        m.xmm(1, Double.doubleToLongBits(2.0), 0);
        m.run(SseMachine.xx(Op.COMISD, 0, 1));
        long equal = Flags.arith(m.s);
        m.xmm(1, Double.doubleToLongBits(-2.0), 0);
        m.run(SseMachine.xx(Op.COMISD, 0, 1));

        assertEquals(CpuState.ZF, equal);
        assertEquals(0, Flags.arith(m.s));
    }

    @Test
    void ucomiss_quietNan_isUnorderedWithoutInvalid() {
        m.dwords(0, QNAN, 0, 0, 0);

        m.run(SseMachine.xx(Op.UCOMISS, 0, 1));

        assertEquals(ZPC, Flags.arith(m.s));
        assertEquals(0, m.flags());
    }

    @Test
    void comiss_quietNan_raisesInvalid() {
        m.dwords(0, QNAN, 0, 0, 0);

        m.run(SseMachine.xx(Op.COMISS, 0, 1));

        assertEquals(ZPC, Flags.arith(m.s));
        assertEquals(Mxcsr.IE, m.flags());
    }

    @Test
    void comiss_unmaskedInvalid_faultsWithoutChangingRflags() {
        m.s.mxcsr = 0x1F80 & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        Flags.set(m.s, CpuState.SF | 2);
        m.dwords(0, QNAN, 0, 0, 0);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.COMISS, 0, 1)));

        assertEquals(CpuFault.XM, f.vector);
        assertEquals(CpuState.SF, Flags.arith(m.s));
    }
}
