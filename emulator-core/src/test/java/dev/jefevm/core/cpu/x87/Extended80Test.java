package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rounding and special operands of the integer-based extended-precision arithmetic (SDM Vol.1 4.8, 8.5). */
class Extended80Test {

    private static final long ONE = 0x8000_0000_0000_0000L;
    private final CpuState s = new CpuState();

    @BeforeEach
    void init() {
        X87Control.init(s);
        X87Stack.setTop(s, 0);
    }

    private void control(int pc, int rc) {
        s.fpuControl = 0x7F | pc << 8 | rc << 10;
    }

    private String st0() {
        return String.format("%04x%016x", X87Stack.signExp(s, 0), X87Stack.significand(s, 0));
    }

    @Test
    void divide_oneByThree_roundsByTheRoundingControl() {
        control(3, X87Status.RC_NEAREST);
        ExtendedArithmetic.divide(s, 0, ONE, 0x3FFF, 0xC000_0000_0000_0000L, 0x4000);
        String nearest = st0();
        control(3, X87Status.RC_UP);
        ExtendedArithmetic.divide(s, 0, ONE, 0x3FFF, 0xC000_0000_0000_0000L, 0x4000);

        assertAll(() -> assertEquals("3ffdaaaaaaaaaaaaaaab", nearest),
                () -> assertEquals("3ffdaaaaaaaaaaaaaaab", st0()),
                () -> assertEquals(X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS),
                () -> assertEquals(X87Status.C1, s.fpuStatus & X87Status.C1));
    }

    @Test
    void divide_oneByThreeTowardZero_truncatesAndClearsC1() {
        control(3, X87Status.RC_ZERO);

        ExtendedArithmetic.divide(s, 0, ONE, 0x3FFF, 0xC000_0000_0000_0000L, 0x4000);

        assertAll(() -> assertEquals("3ffdaaaaaaaaaaaaaaaa", st0()), () -> assertEquals(0, s.fpuStatus & X87Status.C1));
    }

    @Test
    void add_withSinglePrecisionControl_roundsTheSignificandTo24Bits() {
        control(0, X87Status.RC_NEAREST);

        ExtendedArithmetic.add(s, 0, ONE, 0x3FFF, ONE, 0x3FFF - 30, false); // 1 + 2^-30

        assertAll(() -> assertEquals("3fff8000000000000000", st0()),
                () -> assertEquals(X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void subtract_equalValues_givesPlusZeroExceptWhenRoundingDown() {
        control(3, X87Status.RC_NEAREST);
        ExtendedArithmetic.add(s, 0, ONE, 0x3FFF, ONE, 0x3FFF, true);
        String nearest = st0();
        control(3, X87Status.RC_DOWN);
        ExtendedArithmetic.add(s, 0, ONE, 0x3FFF, ONE, 0x3FFF, true);

        assertAll(() -> assertEquals("00000000000000000000", nearest), () -> assertEquals("80000000000000000000", st0()));
    }

    @Test
    void multiply_overflowMasked_givesInfinityWithOverflowAndPrecision() {
        control(3, X87Status.RC_NEAREST);

        ExtendedArithmetic.multiply(s, 0, ONE, 0x7FFE, ONE, 0x4000);

        assertAll(() -> assertEquals("7fff8000000000000000", st0()),
                () -> assertEquals(X87Status.OE | X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS),
                () -> assertEquals(X87Status.C1, s.fpuStatus & X87Status.C1));
    }

    @Test
    void multiply_overflowUnmasked_deliversTheResultWithItsExponentWrapped() {
        s.fpuControl = 0x037F & ~X87Status.OE;

        ExtendedArithmetic.multiply(s, 0, ONE, 0x7FFE, ONE, 0x4000); // 2^16384

        assertAll(() -> assertEquals(String.format("%04x8000000000000000", 0x7FFF - Rounding.WRAP), st0()),
                () -> assertEquals(X87Status.OE | X87Status.ES | X87Status.B,
                        s.fpuStatus & (X87Status.EXCEPTIONS | X87Status.ES | X87Status.B)));
    }

    @Test
    void multiply_tinyInexactResult_isDenormalWithUnderflow() {
        control(3, X87Status.RC_NEAREST);

        ExtendedArithmetic.multiply(s, 0, 0xC000_0000_0000_0001L, 0x0001, ONE, 0x3FFE); // (1.5 + 2^-63) * 2^-16382 / 2

        assertAll(() -> assertEquals("00006000000000000000", st0()),
                () -> assertEquals(X87Status.UE | X87Status.PE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void add_infinityMinusInfinity_givesRealIndefiniteWithInvalid() {
        ExtendedArithmetic.add(s, 0, ONE, 0x7FFF, ONE, 0x7FFF, true);

        assertAll(() -> assertEquals("ffffc000000000000000", st0()),
                () -> assertEquals(X87Status.IE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void add_twoQuietNaNs_givesTheLargerSignificand() {
        ExtendedArithmetic.add(s, 0, 0xC000_0000_0000_0001L, 0x7FFF, 0xC000_0000_0000_0002L, 0xFFFF, false);

        assertAll(() -> assertEquals("ffffc000000000000002", st0()), () -> assertEquals(0, s.fpuStatus & X87Status.IE));
    }

    @Test
    void add_signalingAndQuietNaN_givesTheQuietOneAndSignalsInvalid() {
        ExtendedArithmetic.add(s, 0, 0xA000_0000_0000_0000L, 0x7FFF, 0xC000_0000_0000_0001L, 0x7FFF, false);

        assertAll(() -> assertEquals("7fffc000000000000001", st0()),
                () -> assertEquals(X87Status.IE, s.fpuStatus & X87Status.IE));
    }

    @Test
    void divide_finiteByZero_givesInfinityWithZeroDivide() {
        ExtendedArithmetic.divide(s, 0, ONE, 0xBFFF, 0, 0);

        assertAll(() -> assertEquals("ffff8000000000000000", st0()),
                () -> assertEquals(X87Status.ZE, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void divide_byZeroUnmasked_leavesTheDestination() {
        s.fpuControl = 0x037F & ~X87Status.ZE;
        X87Stack.set(s, 0, ONE, 0x3FFF);

        ExtendedArithmetic.divide(s, 0, ONE, 0x3FFF, 0, 0);

        assertAll(() -> assertEquals("3fff8000000000000000", st0()),
                () -> assertEquals(X87Status.ES, s.fpuStatus & X87Status.ES));
    }

    @Test
    void compareOrdered_zerosOfBothSignsAreEqualAndDenormalsOrdered() {
        assertAll(() -> assertEquals(0, Extended80.compareOrdered(0, 0, 0, 0x8000)),
                () -> assertEquals(-1, Extended80.compareOrdered(1, 0, 2, 0)),
                () -> assertEquals(1, Extended80.compareOrdered(ONE, 0, 0x7FFF_FFFF_FFFF_FFFFL, 0)),
                () -> assertEquals(-1, Extended80.compareOrdered(ONE, 0xBFFF, 0, 0)));
    }
}
