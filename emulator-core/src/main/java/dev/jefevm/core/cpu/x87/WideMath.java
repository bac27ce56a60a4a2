package dev.jefevm.core.cpu.x87;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * High-precision real functions for the x87 transcendental instructions: exp, ln and their
 * near-zero forms, sin, cos and atan on {@link BigDecimal} with {@value #DIGITS} significant
 * digits (about 230 bits), so that one final rounding to 64 bits is correct except for
 * arguments whose exact result lies within about 2^-160 of a rounding boundary. Only the rare
 * transcendental instructions use it; it allocates freely.
 */
final class WideMath {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    static final int DIGITS = 70;
    static final MathContext MC = new MathContext(DIGITS, RoundingMode.HALF_EVEN);
    /** Enough digits of pi to reduce arguments up to 2^63 and keep {@link #DIGITS} digits. */
    private static final MathContext PI_MC = new MathContext(DIGITS + 40, RoundingMode.HALF_EVEN);
    static final BigDecimal PI = machinPi();
    static final BigDecimal HALF_PI = PI.divide(BigDecimal.valueOf(2), PI_MC);
    static final BigDecimal LN2 = lnSeries(BigDecimal.valueOf(2));
    private WideMath() {
    }

    /** pi = 16 atan(1/5) - 4 atan(1/239). */
    private static BigDecimal machinPi() {
        BigDecimal a = atanInverse(5), b = atanInverse(239);
        return a.multiply(BigDecimal.valueOf(16)).subtract(b.multiply(BigDecimal.valueOf(4))).round(PI_MC);
    }

    private static BigDecimal atanInverse(int n) {
        BigDecimal x = BigDecimal.ONE.divide(BigDecimal.valueOf(n), PI_MC);
        BigDecimal x2 = x.multiply(x, PI_MC);
        BigDecimal term = x, sum = x;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(PI_MC.getPrecision() + 5);
        for (int k = 1; term.abs().compareTo(eps) > 0; k++) {
            term = term.multiply(x2, PI_MC).negate();
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * k + 1), PI_MC), PI_MC);
        }
        return sum;
    }

    /** e^x - 1 by its Taylor series, for |x| up to about 1 (no cancellation near 0). */
    static BigDecimal expm1(BigDecimal x) {
        BigDecimal term = x, sum = x;
        for (int k = 2; k < 400; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(DIGITS + 2)) < 0) {
                break;
            }
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** 2 atanh(z) = ln((1 + z) / (1 - z)), for |z| well below 1. */
    static BigDecimal twoAtanh(BigDecimal z) {
        BigDecimal z2 = z.multiply(z, MC);
        BigDecimal term = z, sum = z;
        for (int k = 1; k < 2000; k++) {
            term = term.multiply(z2, MC);
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * k + 1), MC);
            if (add.signum() == 0 || add.abs().compareTo(sum.abs().movePointLeft(DIGITS + 2)) < 0) {
                break;
            }
            sum = sum.add(add, MC);
        }
        return sum.multiply(TWO, MC);
    }

    /** ln(m) for m in [1, 2]: 2 atanh((m - 1) / (m + 1)). */
    private static BigDecimal lnSeries(BigDecimal m) {
        return twoAtanh(m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC));
    }

    /** ln(m * 2^e) for m in [1, 2). */
    static BigDecimal ln(BigDecimal m, int e) {
        return lnSeries(m).add(LN2.multiply(BigDecimal.valueOf(e), MC), MC);
    }

    /** ln(1 + x) for |x| < 1/2, without cancellation: 2 atanh(x / (2 + x)). */
    static BigDecimal ln1p(BigDecimal x) {
        return twoAtanh(x.divide(TWO.add(x), MC));
    }

    /** sin(r) for |r| <= pi/4. */
    static BigDecimal sinSeries(BigDecimal r) {
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = r, sum = r;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), MC).negate();
            if (term.signum() == 0 || term.abs().compareTo(sum.abs().movePointLeft(DIGITS + 2)) < 0) {
                break;
            }
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** cos(r) for |r| <= pi/4. */
    static BigDecimal cosSeries(BigDecimal r) {
        BigDecimal r2 = r.multiply(r, MC);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(r2, MC).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), MC).negate();
            if (term.signum() == 0 || term.abs().compareTo(BigDecimal.ONE.movePointLeft(DIGITS + 2)) < 0) {
                break;
            }
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /**
     * The 66-bit pi both Intel and AMD processors reduce FSIN/FCOS/FSINCOS/FPTAN arguments with:
     * pi truncated to 66 significant bits (C90FDAA2 2168C234 C, SDM Vol.1 8.3.10 "Pi"). Using it
     * makes large arguments come out as the hardware computes them.
     */
    static final BigDecimal HALF_PI_66 = new BigDecimal(new BigInteger("C90FDAA22168C234", 16).shiftLeft(2)
            .or(BigInteger.valueOf(3))).divide(new BigDecimal(BigInteger.ONE.shiftLeft(65)));

    /**
     * Reduces x (exact) modulo the hardware's pi/2 ({@link #HALF_PI_66}), exactly: returns r in
     * about [-pi/4, pi/4] and stores the quadrant (the multiple of pi/2, mod 4) in
     * {@code quadrant[0]}.
     */
    static BigDecimal reduce(BigDecimal x, int[] quadrant) {
        BigDecimal q = x.divide(HALF_PI_66, PI_MC).setScale(0, RoundingMode.HALF_EVEN);
        quadrant[0] = q.toBigInteger().and(BigInteger.valueOf(3)).intValue();
        return x.subtract(q.multiply(HALF_PI_66));
    }

    /** atan(z) for any z: range-reduced to |z| <= 1, then halved twice, then the series. */
    static BigDecimal atan(BigDecimal z) {
        if (z.abs().compareTo(BigDecimal.ONE.movePointLeft(DIGITS / 2 + 2)) < 0) {
            return z; // atan(z) = z - z^3/3 ...: below this precision, z itself
        }
        boolean negative = z.signum() < 0;
        z = z.abs();
        boolean inverted = z.compareTo(BigDecimal.ONE) > 0;
        if (inverted) {
            z = BigDecimal.ONE.divide(z, MC);
        }
        // atan(z) = 2 atan(z / (1 + sqrt(1 + z^2)))
        for (int k = 0; k < 3; k++) {
            z = z.divide(BigDecimal.ONE.add(BigDecimal.ONE.add(z.multiply(z, MC)).sqrt(MC)), MC);
        }
        BigDecimal z2 = z.multiply(z, MC);
        BigDecimal term = z, sum = z;
        for (int k = 1; k < 400; k++) {
            term = term.multiply(z2, MC).negate();
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * k + 1), MC);
            if (add.signum() == 0 || add.abs().compareTo(sum.abs().movePointLeft(DIGITS + 2)) < 0) {
                break;
            }
            sum = sum.add(add, MC);
        }
        BigDecimal r = sum.multiply(BigDecimal.valueOf(8), MC);
        if (inverted) {
            r = HALF_PI.subtract(r, MC);
        }
        return negative ? r.negate() : r;
    }
}
