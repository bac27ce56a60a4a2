package dev.jefevm.core.cpu.sse;

import java.math.BigInteger;

/**
 * The precision exception of an element that raised an unmasked overflow or underflow. SSE then
 * delivers no result (the instruction faults with #XM, SDM Vol.1 11.5.1), and #P reports only
 * whether the exact result, rounded to the destination's significand with an unbounded exponent,
 * is inexact: the response the SDM gives for unmasked numeric overflow and underflow (Vol.1
 * 4.9.1.4, 4.9.1.5), which the host follows bit for bit (MAX+MAX with OM clear sets OE alone,
 * MAX*MAX sets OE and PE). Operands are exact doubles (singles widen exactly); this runs only on
 * that rare faulting path, so it works on exact integers.
 */
final class UnboundedPrecision {

    private UnboundedPrecision() {
    }

    /** True if {@code x + y} needs more than {@code precision} significand bits. */
    static boolean sumInexact(double x, double y, int precision) {
        long mx = significand(x), my = significand(y);
        int ex = exponent(x), ey = exponent(y);
        int e = Math.min(ex, ey);
        BigInteger sum = BigInteger.valueOf(mx).shiftLeft(ex - e).add(BigInteger.valueOf(my).shiftLeft(ey - e));
        return inexact(sum, precision);
    }

    /** True if {@code x * y} needs more than {@code precision} significand bits. */
    static boolean productInexact(double x, double y, int precision) {
        return inexact(BigInteger.valueOf(significand(x)).multiply(BigInteger.valueOf(significand(y))), precision);
    }

    /** True if {@code x / y} ({@code y} not zero) is not a binary fraction of at most {@code precision} significant bits. */
    static boolean quotientInexact(double x, double y, int precision) {
        BigInteger[] qr = oddPart(BigInteger.valueOf(significand(x)))
                .divideAndRemainder(oddPart(BigInteger.valueOf(significand(y))));
        return qr[1].signum() != 0 || inexact(qr[0], precision);
    }

    /** True if {@code v} needs more than {@code precision} significand bits (a double narrowed to single). */
    static boolean valueInexact(double v, int precision) {
        return inexact(BigInteger.valueOf(significand(v)), precision);
    }

    /** The signed integer significand m with v = m * 2^exponent(v). */
    private static long significand(double v) {
        long bits = Double.doubleToRawLongBits(v);
        long m = bits & 0x000F_FFFF_FFFF_FFFFL;
        if ((bits & 0x7FF0_0000_0000_0000L) != 0) {
            m |= 1L << 52;
        }
        return bits < 0 ? -m : m;
    }

    private static int exponent(double v) {
        int biased = (int) (Double.doubleToRawLongBits(v) >>> 52) & 0x7FF;
        return Math.max(biased, 1) - 1075;
    }

    private static BigInteger oddPart(BigInteger m) {
        return m.signum() == 0 ? m : m.shiftRight(m.getLowestSetBit());
    }

    private static boolean inexact(BigInteger m, int precision) {
        return oddPart(m.abs()).bitLength() > precision;
    }
}
