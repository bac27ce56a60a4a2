package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * F2XM1, FYL2X, FYL2XP1, FSIN, FCOS, FSINCOS, FPTAN and FPATAN (SDM Vol.2). Each result is
 * computed with {@link WideMath} and rounded once to 64 bits by the rounding control (precision
 * control does not apply, SDM Vol.1 8.1.5.2). Results that are exactly representable (log2 of
 * a power of two, 2^x - 1 at integers, ...) come out exact and without #P: a wide result within
 * 2^-40 ulp of a 64-bit value is taken to be that value. Arguments of FSIN, FCOS, FSINCOS and
 * FPTAN are reduced with a 360-bit pi, so large arguments get the mathematically correct result
 * where Intel hardware, reducing with a 66-bit pi, may differ; |x| >= 2^63 sets C2 and leaves
 * ST(0) unchanged. Special operands follow the SDM's tables for each instruction.
 */
final class Transcendentals {

    private static final BigDecimal ONE = BigDecimal.ONE;

    private Transcendentals() {
    }

    static void execute(CpuState s, Instruction insn) {
        switch (insn.op) {
            case F2XM1 -> f2xm1(s);
            case FYL2X -> fyl2x(s, false);
            case FYL2XP1 -> fyl2x(s, true);
            case FPATAN -> fpatan(s);
            default -> trig(s, insn);
        }
    }

    // ---------------- conversions ----------------

    /** The value of a finite non-zero register value as a BigDecimal (exact for moderate exponents). */
    static BigDecimal toBig(long sig, int se) {
        long m = Extended80.normalized(sig);
        int e = Extended80.unbiasedExponent(sig, se) - 63;
        BigDecimal v = new BigDecimal(new BigInteger(Long.toUnsignedString(m)));
        if (e >= 0) {
            v = v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(e)));
        } else if (e > -600) {
            v = v.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
        } else {
            v = v.multiply(BigDecimal.valueOf(2).pow(e, WideMath.MC), WideMath.MC);
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
        Extended80.roundToRegister(s, i, sign, e, hi, lo, 64, X87Status.roundingControl(s));
    }

    /** a * 2^k, exactly. */
    private static BigDecimal scaled(BigDecimal a, int k) {
        if (k >= 0) {
            return a.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
        }
        return a.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-k)));
    }

    // ---------------- instructions ----------------

    /** F2XM1: ST(0) = 2^ST(0) - 1. */
    private static void f2xm1(CpuState s) {
        if (X87Arithmetic.screenUnary(s)) {
            return;
        }
        long x = X87Stack.significand(s, 0);
        int xe = X87Stack.signExp(s, 0);
        if (Extended80.isZero(x, xe)) {
            Extended80.writeExact(s, 0, x, xe);
            return;
        }
        if (Extended80.isInfinity(x, xe)) {
            Extended80.writeExact(s, 0, INTEGER_BIT, Extended80.sign(xe) != 0 ? 0xBFFF : MAX_EXP);
            return;
        }
        if (Extended80.isDenormal(x, xe) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        int e = Extended80.unbiasedExponent(x, xe);
        if (e >= 0) {
            if (Extended80.normalized(x) == INTEGER_BIT && e == 0) {
                // 2^1 - 1 = 1 and 2^-1 - 1 = -1/2, exactly
                Extended80.writeExact(s, 0, INTEGER_BIT, Extended80.sign(xe) != 0 ? 0xBFFE : Extended80.BIAS);
            } else {
                // outside [-1, 1] the result is undefined (SDM); the recording processor leaves ST(0) with #P
                s.fpuStatus &= ~X87Status.C1;
                X87Status.raise(s, X87Status.PE);
            }
            return;
        }
        write(s, 0, WideMath.expm1(toBig(x, xe).multiply(WideMath.LN2, WideMath.MC)), UNKNOWN);
    }

    /** FYL2X: ST(1) = ST(1) * log2(ST(0)), pop; FYL2XP1: ST(1) = ST(1) * log2(ST(0) + 1), pop. */
    private static void fyl2x(CpuState s, boolean plusOne) {
        if (X87Stack.isEmpty(s, 0) || X87Stack.isEmpty(s, 1)) {
            if (!X87Stack.underflow(s, 1)) {
                X87Stack.pop(s);
            }
            return;
        }
        long x = X87Stack.significand(s, 0), y = X87Stack.significand(s, 1);
        int xe = X87Stack.signExp(s, 0), ye = X87Stack.signExp(s, 1);
        if (Extended80.isUnsupported(x, xe) || Extended80.isUnsupported(y, ye)) {
            finish(s, Extended80.invalid(s, 1));
            return;
        }
        if (Extended80.isNaN(x, xe) || Extended80.isNaN(y, ye)) {
            Extended80.propagateNaN(s, 1, x, xe, y, ye);
            finish(s, X87Status.preComputationFault(s));
            return;
        }
        int xs = Extended80.sign(xe), ys = Extended80.sign(ye);
        boolean xZero = Extended80.isZero(x, xe), yZero = Extended80.isZero(y, ye);
        boolean xInf = Extended80.isInfinity(x, xe), yInf = Extended80.isInfinity(y, ye);
        if (!plusOne && xs != 0 && !xZero) {
            finish(s, Extended80.invalid(s, 1)); // log of a negative number: #IA before #D
            return;
        }
        if ((Extended80.isDenormal(x, xe) || Extended80.isDenormal(y, ye)) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        if (plusOne && !xZero && !xInf && Extended80.unbiasedExponent(x, xe) >= 0) {
            // |x| >= 1 is outside FYL2XP1's domain (undefined, SDM); the recording processor returns x with #P
            s.fpuStatus &= ~X87Status.C1;
            X87Stack.set(s, 1, x, xe);
            X87Status.raise(s, X87Status.PE);
            X87Stack.pop(s);
            return;
        }
        // the logarithm's sign class: -1 negative, 0 zero, 1 positive, and whether it is infinite
        int logSign;
        boolean logInf = false;
        int powerOfTwo = Integer.MIN_VALUE;
        BigDecimal log = null;
        if (!plusOne) {
            if (xs != 0 && !xZero) {
                finish(s, Extended80.invalid(s, 1));
                return;
            }
            if (xZero) {
                logSign = -1;
                logInf = true;
            } else if (xInf) {
                logSign = 1;
                logInf = true;
            } else {
                int e = Extended80.unbiasedExponent(x, xe);
                if (Extended80.normalized(x) == INTEGER_BIT) {
                    powerOfTwo = e; // log2(2^e) = e exactly
                    log = BigDecimal.valueOf(e);
                } else {
                    log = WideMath.ln(toBig(Extended80.normalized(x), 0x3FFF), e);
                }
                logSign = log.signum();
            }
        } else {
            if (xInf) {
                // outside FYL2XP1's domain: take the limits of log2(1 + x)
                if (xs != 0) {
                    finish(s, Extended80.invalid(s, 1));
                    return;
                }
                logSign = 1;
                logInf = true;
            } else if (xZero) {
                logSign = 0;
            } else {
                BigDecimal xv = toBig(x, xe);
                if (xv.compareTo(ONE.negate()) <= 0) {
                    finish(s, Extended80.invalid(s, 1));
                    return;
                }
                BigDecimal sum = xv.add(ONE);
                int k = powerOfTwoExponent(sum);
                if (k != Integer.MIN_VALUE) {
                    powerOfTwo = k;
                    log = BigDecimal.valueOf(k);
                } else {
                    log = xv.abs().compareTo(new BigDecimal("0.5")) < 0 ? WideMath.ln1p(xv) : lnOf(sum);
                }
                logSign = log.signum();
            }
        }
        int sign = (ys ^ (logSign < 0 ? 1 : 0));
        if (logInf || yInf) {
            if ((logInf && yZero) || (yInf && logSign == 0)) {
                finish(s, Extended80.invalid(s, 1));
                return;
            }
            if (logInf && xZero && !yInf && X87Status.raise(s, X87Status.ZE)) {
                return;
            }
            Extended80.writeExact(s, 1, INTEGER_BIT, (sign << 15) | MAX_EXP);
        } else if (logSign == 0 || yZero) {
            int zeroSign = logSign == 0 ? ys ^ (plusOne ? xs : 0) : sign;
            Extended80.writeExact(s, 1, 0, zeroSign << 15);
        } else {
            if (powerOfTwo != Integer.MIN_VALUE) {
                write(s, 1, toBig(y, ye).multiply(BigDecimal.valueOf(powerOfTwo)), EXACT);
            } else {
                write(s, 1, log.divide(WideMath.LN2, WideMath.MC).multiply(toBig(y, ye), WideMath.MC), UNKNOWN);
            }
        }
        X87Stack.pop(s);
    }

    /** k if v = 2^k exactly, else Integer.MIN_VALUE. */
    private static int powerOfTwoExponent(BigDecimal v) {
        if (v.signum() <= 0) {
            return Integer.MIN_VALUE;
        }
        BigDecimal two = BigDecimal.valueOf(2);
        int k = 0;
        while (v.compareTo(ONE) < 0 && k > -70) {
            v = v.multiply(two);
            k--;
        }
        return v.compareTo(ONE) == 0 ? k : Integer.MIN_VALUE;
    }

    private static BigDecimal lnOf(BigDecimal v) {
        int e = 0;
        BigDecimal two = BigDecimal.valueOf(2);
        while (v.compareTo(two) >= 0) {
            v = v.divide(two);
            e++;
        }
        while (v.compareTo(ONE) < 0) {
            v = v.multiply(two);
            e--;
        }
        return WideMath.ln(v, e);
    }

    /** Pops after a two-operand instruction unless an unmasked exception aborted it. */
    private static void finish(CpuState s, boolean unmasked) {
        if (!unmasked) {
            X87Stack.pop(s);
        }
    }

    /** FPATAN: ST(1) = atan(ST(1) / ST(0)) with the quadrant of (ST(0), ST(1)), pop. */
    private static void fpatan(CpuState s) {
        if (X87Stack.isEmpty(s, 0) || X87Stack.isEmpty(s, 1)) {
            if (!X87Stack.underflow(s, 1)) {
                X87Stack.pop(s);
            }
            return;
        }
        long x = X87Stack.significand(s, 0), y = X87Stack.significand(s, 1);
        int xe = X87Stack.signExp(s, 0), ye = X87Stack.signExp(s, 1);
        if (Extended80.isUnsupported(x, xe) || Extended80.isUnsupported(y, ye)) {
            finish(s, Extended80.invalid(s, 1));
            return;
        }
        if (Extended80.isNaN(x, xe) || Extended80.isNaN(y, ye)) {
            Extended80.propagateNaN(s, 1, x, xe, y, ye);
            finish(s, X87Status.preComputationFault(s));
            return;
        }
        if ((Extended80.isDenormal(x, xe) || Extended80.isDenormal(y, ye)) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        int xs = Extended80.sign(xe), ys = Extended80.sign(ye);
        boolean xZero = Extended80.isZero(x, xe), yZero = Extended80.isZero(y, ye);
        boolean xInf = Extended80.isInfinity(x, xe), yInf = Extended80.isInfinity(y, ye);
        BigDecimal r;
        if (yZero) {
            if (xs == 0) {
                Extended80.writeExact(s, 1, 0, ys << 15);
                X87Stack.pop(s);
                return;
            }
            r = WideMath.PI;
        } else if (xZero) {
            r = WideMath.HALF_PI;
        } else if (yInf && xInf) {
            r = WideMath.PI.divide(BigDecimal.valueOf(4), WideMath.MC);
            if (xs != 0) {
                r = r.multiply(BigDecimal.valueOf(3));
            }
        } else if (yInf) {
            r = WideMath.HALF_PI;
        } else if (xInf) {
            if (xs == 0) {
                Extended80.writeExact(s, 1, 0, ys << 15);
                X87Stack.pop(s);
                return;
            }
            r = WideMath.PI;
        } else {
            BigDecimal yv = toBig(y, ye).abs(), xv = toBig(x, xe).abs();
            r = WideMath.atan(yv.divide(xv, WideMath.MC));
            if (xs != 0) {
                r = WideMath.PI.subtract(r, WideMath.MC);
            }
        }
        write(s, 1, ys != 0 ? r.negate() : r, xInf || yInf || xZero || yZero ? UNKNOWN : BELOW);
        X87Stack.pop(s);
    }

    /** FSIN, FCOS, FSINCOS, FPTAN. */
    private static void trig(CpuState s, Instruction insn) {
        boolean pushes = insn.op == dev.jefevm.core.cpu.decode.Op.FSINCOS
                || insn.op == dev.jefevm.core.cpu.decode.Op.FPTAN;
        if (X87Stack.isEmpty(s, 0)) {
            if (!X87Stack.underflow(s, 0) && pushes) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (pushes && X87Stack.full(s)) {
            X87Stack.overflow(s);
            return;
        }
        long x = X87Stack.significand(s, 0);
        int xe = X87Stack.signExp(s, 0);
        if (Extended80.isUnsupported(x, xe) || Extended80.isInfinity(x, xe)) {
            s.fpuStatus &= ~X87Status.C2;
            if (!Extended80.invalid(s, 0) && pushes) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (Extended80.isNaN(x, xe)) {
            s.fpuStatus &= ~X87Status.C2;
            Extended80.propagateNaN(s, 0, x, xe, x, xe);
            if (pushes && !X87Status.preComputationFault(s)) {
                X87Stack.push(s, X87Stack.significand(s, 0), X87Stack.signExp(s, 0));
            }
            return;
        }
        if (Extended80.isDenormal(x, xe) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        if (!Extended80.isZero(x, xe) && Extended80.unbiasedExponent(x, xe) >= 63) {
            s.fpuStatus |= X87Status.C2; // out of range: the operand stays (SDM Vol.2 FSIN)
            return;
        }
        s.fpuStatus &= ~X87Status.C2;
        BigDecimal sin, cos;
        if (Extended80.isZero(x, xe)) {
            sin = BigDecimal.ZERO;
            cos = ONE;
        } else {
            int[] quadrant = new int[1];
            BigDecimal r = WideMath.reduce(toBig(x, xe), quadrant);
            BigDecimal sr = WideMath.sinSeries(r), cr = WideMath.cosSeries(r);
            switch (quadrant[0]) {
                case 0 -> { sin = sr; cos = cr; }
                case 1 -> { sin = cr; cos = sr.negate(); }
                case 2 -> { sin = sr.negate(); cos = cr.negate(); }
                default -> { sin = cr.negate(); cos = sr; }
            }
        }
        switch (insn.op) {
            case FSIN -> writeSigned(s, 0, sin, x, xe);
            case FCOS -> write(s, 0, cos, BELOW);
            case FSINCOS -> {
                writeSigned(s, 0, sin, x, xe);
                int flags = s.fpuStatus;
                boolean up = (flags & X87Status.C1) != 0;
                X87Stack.decrementTop(s);
                write(s, 0, cos, BELOW);
                if (up) {
                    s.fpuStatus |= X87Status.C1;
                }
            }
            default -> { // FPTAN
                if (Extended80.isZero(x, xe)) {
                    Extended80.writeExact(s, 0, x, xe);
                } else {
                    write(s, 0, sin.divide(cos, WideMath.MC), ABOVE);
                }
                boolean up = (s.fpuStatus & X87Status.C1) != 0;
                X87Stack.push(s, INTEGER_BIT, Extended80.BIAS);
                if (up) {
                    s.fpuStatus |= X87Status.C1;
                }
            }
        }
    }

    /** Writes sin(x), keeping the sign of a zero argument. */
    private static void writeSigned(CpuState s, int i, BigDecimal v, long x, int xe) {
        if (Extended80.isZero(x, xe)) {
            Extended80.writeExact(s, i, x, xe);
        } else {
            write(s, i, v, BELOW);
        }
    }
}
