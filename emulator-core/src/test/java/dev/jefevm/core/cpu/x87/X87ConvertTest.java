package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Memory-format conversions of the x87 (SDM Vol.1 4.2, 8.2): exact loads, rounding stores. */
class X87ConvertTest {

    private static CpuState fresh() {
        CpuState s = new CpuState();
        X87Control.init(s);
        return s;
    }

    @Property
    void binary64_loadThenStore_isTheIdentityForNonSignalingValues(@ForAll long bits) {
        boolean signaling = (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L
                && (bits & 0xF_FFFF_FFFF_FFFFL) != 0 && (bits & 0x8_0000_0000_0000L) == 0;
        CpuState s = fresh();

        long back = X87Convert.toBinary64(s, X87Convert.binary64Significand(bits), X87Convert.binary64SignExp(bits));

        assertEquals(signaling ? bits | 0x8_0000_0000_0000L : bits, back);
        assertEquals(signaling ? X87Status.IE : 0, s.fpuStatus & X87Status.EXCEPTIONS);
    }

    @Property
    void binary32_loadThenStore_isTheIdentityForNumbers(@ForAll float f) {
        int bits = Float.floatToRawIntBits(f);
        CpuState s = fresh();

        int back = X87Convert.toBinary32(s, X87Convert.binary32Significand(bits), X87Convert.binary32SignExp(bits));

        assertEquals(bits, back);
    }

    @Property
    void int64_loadThenStore_isExact(@ForAll long v) {
        CpuState s = fresh();

        long back = X87Convert.toInteger(s, X87Convert.integerSignificand(v), X87Convert.integerSignExp(v), 64,
                X87Status.RC_NEAREST);

        assertEquals(v, back);
        assertEquals(0, s.fpuStatus & X87Status.EXCEPTIONS);
    }

    @Test
    void toInteger_halves_roundToEvenUnderNearest() {
        CpuState s = fresh();
        // 2.5 and 3.5
        long two = X87Convert.toInteger(s, 0xA000_0000_0000_0000L, 0x4000, 32, X87Status.RC_NEAREST);
        long four = X87Convert.toInteger(s, 0xE000_0000_0000_0000L, 0x4000, 32, X87Status.RC_NEAREST);

        assertAll(() -> assertEquals(2, two), () -> assertEquals(4, four),
                () -> assertEquals(X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void toInteger_outOfRange_givesTheIntegerIndefiniteWithInvalid() {
        CpuState s = fresh();

        long v = X87Convert.toInteger(s, 0x8000_0000_0000_0000L, 0x3FFF + 15, 16, X87Status.RC_NEAREST); // 32768

        assertAll(() -> assertEquals(0x8000, v), () -> assertEquals(X87Status.IE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void toInteger_minusTwoToThe63_fitsInt64() {
        CpuState s = fresh();

        long v = X87Convert.toInteger(s, 0x8000_0000_0000_0000L, 0xBFFF + 63, 64, X87Status.RC_NEAREST);

        assertAll(() -> assertEquals(Long.MIN_VALUE, v), () -> assertEquals(0, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void toBinary32_tinyValue_roundsToADenormalWithUnderflow() {
        CpuState s = fresh();

        int bits = X87Convert.toBinary32(s, 0xC000_0000_0000_0000L, 0x3FFF - 149); // 1.5 * 2^-149

        assertAll(() -> assertEquals(2, bits), // ties to even: 2 * 2^-149
                () -> assertEquals(X87Status.UE | X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void toBinary64_overflowTowardZero_givesTheLargestFinite() {
        CpuState s = fresh();
        s.fpuControl |= X87Status.RC_ZERO << 10;

        long bits = X87Convert.toBinary64(s, 0x8000_0000_0000_0000L, 0x3FFF + 1024);

        assertAll(() -> assertEquals(0x7FEF_FFFF_FFFF_FFFFL, bits),
                () -> assertEquals(X87Status.OE | X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS));
    }
}
