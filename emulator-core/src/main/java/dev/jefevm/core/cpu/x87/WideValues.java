package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;

import dev.jefevm.core.cpu.CpuState;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Conversions between register values and the {@link BigDecimal}s of {@link WideMath}: a finite
 * register value converts exactly; a wide result is rounded once to 64 bits by the rounding
 * control into a register. A wide result approximates an irrational value, so its exact position
 * relative to a representable number is unknown only when the approximation itself is
 * representable; the caller then says on which side the true value lies (sin(x) for tiny x is
 * just below x, tan(x) just above). Used only by the rare transcendental instructions.
 */
final class WideValues {

    private WideValues() {
    }

    /** The value of a finite non-zero register value as a BigDecimal (exact for moderate exponents). */
    static BigDecimal toBig(long sig, int se) {
        long m = Extended80.normalized(sig);
        int e = Extended80.unbiasedExponent(sig, se) - 63;
        BigDecimal v = new BigDecimal(new BigInteger(Long.toUnsignedString(m)));
        if (e >= 0) {
            v = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(e)));
        } else {
            v = v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e))); // exact: a terminating decimal
        }
        return Extended80.sign(se) != 0 ? v.negate() : v;
    }

    /** Where the exact result lies relative to a wide approximation that happens to be a 64-bit value. */
    static final int EXACT = 2, BELOW = -1, ABOVE = 1, UNKNOWN = 0;

    /**
     * Rounds a result to 64 bits by the rounding control into ST(i). {@code v} is exact when
     * {@code tail} is {@link #EXACT}; otherwise it approximates an irrational value, which is
     * taken to be just below or above it in magnitude ({@link #BELOW}, {@link #ABOVE}) when the
     * approximation itself has no bits beyond 64 (as sin(x) for tiny x), else just above.
     */
    static void write(CpuState s, int i, BigDecimal v, int tail) {
        if (v.signum() == 0) {
            Extended80.writeExact(s, i, 0, 0);
            return;
        }
        int sign = v.signum() < 0 ? 1 : 0;
        BigDecimal a = v.abs();
        int dexp = a.precision() - a.scale() - 1;
        double lead = a.movePointLeft(dexp).doubleValue();
        int e = (int) Math.floor(Math.log(lead) / Math.log(2) + dexp * 3.321928094887362);
        BigDecimal t = scaled(a, 127 - e);
        BigInteger n = t.toBigInteger();
        while (n.bitLength() > 128) {
            e++;
            t = scaled(a, 127 - e);
            n = t.toBigInteger();
        }
        while (n.bitLength() < 128) {
            e--;
            t = scaled(a, 127 - e);
            n = t.toBigInteger();
        }
        boolean remainder = t.compareTo(new BigDecimal(n)) != 0;
        long hi = n.shiftRight(64).longValue();
        long lo = n.longValue();
        if (tail != EXACT) {
            if (lo == 0 && !remainder && tail == BELOW) {
                hi--; // just below hi:0 in magnitude
                lo = -1;
                if (hi >= 0) {
                    hi = (hi << 1) | 1;
                    e--;
                }
            } else {
                lo |= 1;
            }
        } else if (remainder) {
            lo |= 1;
        }
        Rounding.roundToRegister(s, i, sign, e, hi, lo, 64, X87Status.roundingControl(s));
    }

    /** a * 2^k, exactly. */
    private static BigDecimal scaled(BigDecimal a, int k) {
        if (k >= 0) {
            return a.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
        }
        return a.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
    }
}
