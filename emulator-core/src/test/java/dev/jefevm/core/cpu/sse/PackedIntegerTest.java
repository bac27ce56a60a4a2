package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Op;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class PackedIntegerTest {

    private final SseMachine m = new SseMachine();

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.substring(2), 16);
    }

    /**
     * Vectors recorded on the host CPU with gcc SSE2 intrinsics (saturation limits, 0x8000 x
     * 0x8000 in PMADDWD, equal and unequal lanes, oversized shift counts).
     */
    @ParameterizedTest(name = "{0} #{index}")
    @CsvFileSource(resources = "packed-integer-host.csv", numLinesToSkip = 1)
    void xmmXmmForm_matchesHostCpu(String op, String aLo, String aHi, String bLo, String bHi, String rLo, String rHi) {
        m.xmm(3, hex(aLo), hex(aHi));
        m.xmm(9, hex(bLo), hex(bHi));

        m.run(SseMachine.xx(Op.valueOf(op), 3, 9));

        assertEquals(hex(rLo), m.lo(3), () -> "low " + Long.toHexString(m.lo(3)));
        assertEquals(hex(rHi), m.hi(3), () -> "high " + Long.toHexString(m.hi(3)));
    }

    @Test
    void pxor_sameRegister_zeroes() {
        m.xmm(5, 0x1234, 0x5678);

        m.run(SseMachine.xx(Op.PXOR, 5, 5));

        assertEquals(0, m.lo(5));
        assertEquals(0, m.hi(5));
    }

    @Test
    void paddb_alignedMemorySource_addsBytes() {
        m.writeMem64(0x4000, 0x0101_0101_0101_0101L);
        m.writeMem64(0x4008, 0xFFFF_FFFF_FFFF_FFFFL);
        m.xmm(0, 0x0102_0304_0506_07FFL, 0x01);

        m.run(SseMachine.xm(Op.PADDB, 0, 0x4000));

        assertEquals(0x0203_0405_0607_0800L, m.lo(0));
        assertEquals(0xFFFF_FFFF_FFFF_FF00L, m.hi(0));
    }

    @Test
    void pand_misalignedMemorySource_raisesGeneralProtectionAndKeepsRegister() {
        m.xmm(0, 7, 7);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xm(Op.PAND, 0, 0x4001)));

        assertEquals(CpuFault.GP, f.vector);
        assertEquals(7, m.lo(0));
    }

    @Property(tries = 300)
    void pcmpeqb_marksExactlyEqualBytes(@ForAll long a, @ForAll long b) {
        SseMachine machine = m; // one machine per property: its RAM is off-heap
        long mixed = (a & 0x00FF_00FF_00FF_00FFL) | (b & 0xFF00_FF00_FF00_FF00L); // guarantees some equal bytes
        machine.xmm(0, a, mixed);
        machine.xmm(1, b, b);

        machine.run(SseMachine.xx(Op.PCMPEQB, 0, 1));

        for (int i = 0; i < 8; i++) {
            long lane = 0xFFL << (8 * i);
            assertEquals((a & lane) == (b & lane) ? lane : 0, machine.lo(0) & lane);
            assertEquals((mixed & lane) == (b & lane) ? lane : 0, machine.hi(0) & lane);
        }
    }

    @Property(tries = 300)
    void paddw_thenPsubw_restoresOriginal(@ForAll long a, @ForAll long b, @ForAll long c, @ForAll long d) {
        SseMachine machine = m; // one machine per property: its RAM is off-heap
        machine.xmm(0, a, b);
        machine.xmm(1, c, d);

        machine.run(SseMachine.xx(Op.PADDW, 0, 1));
        machine.run(SseMachine.xx(Op.PSUBW, 0, 1));

        assertEquals(a, machine.lo(0));
        assertEquals(b, machine.hi(0));
    }
}
