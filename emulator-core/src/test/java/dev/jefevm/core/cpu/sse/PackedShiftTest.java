package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackedShiftTest {

    private final SseMachine m = new SseMachine();

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({
            "PSLLW, 0, 0x8001_7FFF_0001_FFFF, 0x8001_7FFF_0001_FFFF",
            "PSLLW, 4, 0x8001_7FFF_0001_FFFF, 0x0010_FFF0_0010_FFF0",
            "PSLLW, 15, 0x8001_7FFF_0001_FFFF, 0x8000_8000_8000_8000",
            "PSLLW, 16, 0x8001_7FFF_0001_FFFF, 0x0000_0000_0000_0000",
            "PSRLW, 15, 0x8001_7FFF_0001_FFFF, 0x0001_0000_0000_0001",
            "PSRAW, 1, 0x8001_7FFF_0001_FFFF, 0xC000_3FFF_0000_FFFF",
            "PSRAW, 16, 0x8001_7FFF_0001_FFFF, 0xFFFF_0000_0000_FFFF",
            "PSRAW, 255, 0x8001_7FFF_0001_FFFF, 0xFFFF_0000_0000_FFFF",
            "PSLLD, 31, 0x0000_0003_8000_0001, 0x8000_0000_8000_0000",
            "PSRLD, 32, 0x0000_0003_8000_0001, 0x0000_0000_0000_0000",
            "PSRAD, 31, 0x0000_0003_8000_0001, 0x0000_0000_FFFF_FFFF",
            "PSRAD, 40, 0x8000_0000_7FFF_FFFF, 0xFFFF_FFFF_0000_0000",
            "PSLLQ, 63, 0x0000_0000_0000_0003, 0x8000_0000_0000_0000",
            "PSLLQ, 64, 0x0000_0000_0000_0003, 0x0000_0000_0000_0000",
            "PSRLQ, 8, 0x1122_3344_5566_7788, 0x0011_2233_4455_6677",
    })
    void immediateCount_shiftsEachLane(String op, int count, String value, String expected) {
        long v = Long.parseUnsignedLong(value.replace("_", "").substring(2), 16);
        m.xmm(2, v, v);

        m.run(SseMachine.xi(Op.valueOf(op), 2, count));

        long e = Long.parseUnsignedLong(expected.replace("_", "").substring(2), 16);
        assertEquals(e, m.lo(2), () -> Long.toHexString(m.lo(2)));
        assertEquals(e, m.hi(2));
    }

    @Test
    void psllq_xmmCountAboveWidthInUpperBits_clears() {
        m.xmm(0, 0xFFFF, 0xFFFF);
        m.xmm(1, 1L << 32 | 1, 0); // the whole low quadword is the count: 2^32 + 1

        m.run(SseMachine.xx(Op.PSLLQ, 0, 1));

        assertEquals(0, m.lo(0));
        assertEquals(0, m.hi(0));
    }

    @Test
    void psrld_xmmCountIgnoresHighQuadword() {
        m.xmm(0, 0x8000_0000_8000_0000L, 0x10);
        m.xmm(1, 4, -1L);

        m.run(SseMachine.xx(Op.PSRLD, 0, 1));

        assertEquals(0x0800_0000_0800_0000L, m.lo(0));
        assertEquals(0x1, m.hi(0));
    }

    @Test
    void pslldq_movesBytesAcrossHalves() {
        m.xmm(0, 0x8877_6655_4433_2211L, 0x00FF_EEDD_CCBB_AA99L);

        m.run(SseMachine.xi(Op.PSLLDQ, 0, 3));

        assertEquals(0x5544_3322_1100_0000L, m.lo(0));
        assertEquals(0xDDCC_BBAA_9988_7766L, m.hi(0));
    }

    @Test
    void psrldq_byNineBytes_takesFromHighHalf() {
        m.xmm(0, 0x8877_6655_4433_2211L, 0x00FF_EEDD_CCBB_AA99L);

        m.run(SseMachine.xi(Op.PSRLDQ, 0, 9));

        assertEquals(0x0000_FFEE_DDCC_BBAAL, m.lo(0));
        assertEquals(0, m.hi(0));
    }

    @Test
    void psrldq_countAbove15_clearsRegister() {
        m.xmm(0, -1, -1);

        m.run(SseMachine.xi(Op.PSRLDQ, 0, 16));

        assertEquals(0, m.lo(0));
        assertEquals(0, m.hi(0));
    }
}
