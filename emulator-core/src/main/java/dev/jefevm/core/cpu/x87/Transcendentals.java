package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;
import static dev.jefevm.core.cpu.x87.WideValues.ABOVE;
import static dev.jefevm.core.cpu.x87.WideValues.BELOW;
import static dev.jefevm.core.cpu.x87.WideValues.EXACT;
import static dev.jefevm.core.cpu.x87.WideValues.UNKNOWN;
import static dev.jefevm.core.cpu.x87.WideValues.toBig;
import static dev.jefevm.core.cpu.x87.WideValues.write;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import java.math.BigDecimal;

/**
 * F2XM1, FYL2X, FYL2XP1, FSIN, FCOS, FSINCOS, FPTAN and FPATAN (SDM Vol.2). Each result is
 * computed with {@link WideMath} and rounded once to 64 bits by the rounding control
 * ({@link WideValues}; precision control does not apply, SDM Vol.1 8.1.5.2). Arguments of FSIN,
 * FCOS, FSINCOS and FPTAN are reduced with the processors' 66-bit pi, so large arguments come out
 * as on hardware; |x| >= 2^63 sets C2 and leaves ST(0) unchanged. Special operands follow the
 * SDM's tables for each instruction; where the SDM calls a result undefined (F2XM1 outside
 * [-1, 1], FYL2XP1 at x <= -1) or leaves flags to the implementation (exact logarithms still
 * report #P), the behaviour of the processor the host-oracle vectors were recorded on is followed.
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
                // 2^1 - 1 = 1 and 2^-1 - 1 = -1/2: the recording processor computes them as inexact
                // values just below 1 and just beyond -1/2, which its rounding then resolves
                boolean negative = Extended80.sign(xe) != 0;
                write(s, 0, negative ? new BigDecimal("-0.5") : ONE, negative ? ABOVE : BELOW);
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
        if ((!plusOne && xs != 0 && !xZero) || (plusOne && xs != 0 && xInf)) {
            finish(s, Extended80.invalid(s, 1)); // log of a negative number (or of -inf + 1): #IA before #D
            return;
        }
        boolean zeroDivide = !plusOne && xZero && !yZero && !yInf;
        if (!zeroDivide && (Extended80.isDenormal(x, xe) || Extended80.isDenormal(y, ye))
                && X87Status.raise(s, X87Status.DE)) {
            return; // log2(0) * y is #Z only, without #D for a denormal y (as recorded on the host)
        }
        if (plusOne && xs != 0 && !xZero && !xInf && Extended80.unbiasedExponent(x, xe) >= 0) {
            // x <= -1 is outside FYL2XP1's domain (undefined, SDM); the recording processor returns x with #P
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
                // the recording processor reports even exact logarithms inexact (and so tiny ones underflowing)
                s.fpuStatus &= ~X87Status.C1;
                boolean tiny = Extended80.isDenormal(X87Stack.significand(s, 1), X87Stack.signExp(s, 1));
                X87Status.raise(s, X87Status.PE | (tiny ? X87Status.UE : 0));
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

    /** ln(v) for v > 0: v = m * 2^k with m in [1, 2), the exponent k estimated from the decimal exponent. */
    private static BigDecimal lnOf(BigDecimal v) {
        int dexp = v.precision() - v.scale() - 1;
        double lead = v.movePointLeft(dexp).doubleValue();
        int k = (int) Math.floor(Math.log(lead) / Math.log(2) + dexp * 3.321928094887362);
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal m = v.multiply(two.pow(-k, WideMath.MC), WideMath.MC);
        while (m.compareTo(two) >= 0) {
            m = m.divide(two);
            k++;
        }
        while (m.compareTo(ONE) < 0) {
            m = m.multiply(two);
            k--;
        }
        return WideMath.ln(m, k);
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
        boolean pushes = insn.op == Op.FSINCOS || insn.op == Op.FPTAN;
        s.fpuStatus &= ~X87Status.C2; // C2 reports only an out-of-range operand, on every path (as on the host)
        if (X87Stack.isEmpty(s, 0)) {
            if (!X87Stack.underflow(s, 0) && pushes) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (pushes && X87Stack.full(s)) {
            // masked stack overflow: the argument too becomes the indefinite (as recorded on the host)
            if (!X87Stack.overflow(s)) {
                X87Stack.set(s, 1, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        long x = X87Stack.significand(s, 0);
        int xe = X87Stack.signExp(s, 0);
        if (Extended80.isUnsupported(x, xe) || Extended80.isInfinity(x, xe)) {
            if (!Extended80.invalid(s, 0) && pushes) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (Extended80.isNaN(x, xe)) {
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
            // out of range: the operand stays (SDM Vol.2 FSIN); the host also clears C1
            s.fpuStatus = (s.fpuStatus | X87Status.C2) & ~X87Status.C1;
            return;
        }
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
            case FCOS -> write(s, 0, cos, Extended80.isZero(x, xe) ? EXACT : BELOW);
            case FSINCOS -> {
                writeSigned(s, 0, sin, x, xe);
                int flags = s.fpuStatus;
                boolean up = (flags & X87Status.C1) != 0;
                X87Stack.decrementTop(s);
                write(s, 0, cos, Extended80.isZero(x, xe) ? EXACT : BELOW);
                if (up) {
                    s.fpuStatus |= X87Status.C1;
                }
            }
            default -> { // FPTAN
                if (Extended80.isZero(x, xe)) {
                    Extended80.writeExact(s, 0, x, xe);
                } else {
                    // tan(x) = sin(x) when cos(x) rounds to 1: keep sin(x) exact so the tail decides
                    write(s, 0, cos.compareTo(ONE) == 0 ? sin : sin.divide(cos, WideMath.MC), ABOVE);
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
