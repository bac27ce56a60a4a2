package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.CpuState;

import java.math.BigDecimal;

/**
 * IEEE 754 double-precision arithmetic as SSE2 performs it, on raw bit patterns: MXCSR rounding
 * control, DAZ and FTZ, exception flags (SDM Vol.1 11.5.2) and the x86 NaN rules, which differ
 * from Java's (SDM Vol.1 4.8.3.5 and Table 4-7: a NaN result is the first source operand's NaN,
 * else the second's, quieted; invalid operations give the negative "default NaN"). Java's
 * arithmetic is round-to-nearest; for the directed modes the exact error of the nearest result
 * (TwoSum, FMA residuals, BigDecimal near the subnormal range) tells which neighbour to take.
 * Flags go straight into {@code CpuState.mxcsr} (see {@link Mxcsr#begin}).
 */
final class Binary64 {

    static final long SIGN = Long.MIN_VALUE;
    static final long EXP = 0x7FF0_0000_0000_0000L;
    static final long FRAC = 0x000F_FFFF_FFFF_FFFFL;
    static final long QUIET = 1L << 51;
    /** The QNaN floating-point indefinite (SDM Vol.1 4.8.3.7). */
    static final long DEFAULT_NAN = 0xFFF8_0000_0000_0000L;
    /**
     * What {@link #finish} returns when the element raised an unmasked overflow or underflow: the
     * instruction faults, so the value is never written; its caller then sets #P from the exact
     * result ({@link UnboundedPrecision}). A QNaN, so a later step of the same instruction (DPPD's
     * sum) passes it on without raising anything.
     */
    static final long UNMASKED_RANGE = 0x7FF8_0000_0000_0DEFL;

    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    /** Below this exponent FMA residuals may underflow, so exactness is checked with BigDecimal. */
    private static final int RESIDUAL_EXP_MIN = -960;

    private Binary64() {
    }

    static boolean isNaN(long b) {
        return (b & ~SIGN) > EXP;
    }

    static boolean isSignaling(long b) {
        return isNaN(b) && (b & QUIET) == 0;
    }

    static boolean isDenormal(long b) {
        return (b & EXP) == 0 && (b & FRAC) != 0;
    }

    static double value(long b) {
        return Double.longBitsToDouble(b);
    }

    static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** DAZ (MXCSR bit 6): a denormal source becomes a zero of the same sign, without #D. */
    static long daz(CpuState s, long b) {
        return (s.mxcsr & Mxcsr.DAZ) != 0 && isDenormal(b) ? b & SIGN : b;
    }

    /** The NaN result when a source is a NaN: the first source's if it is one, else the second's, quieted; #I for an SNaN. */
    static long propagateNaN(CpuState s, long a, long b) {
        if (isSignaling(a) || isSignaling(b)) {
            s.mxcsr |= Mxcsr.IE;
        }
        return (isNaN(a) ? a : b) | QUIET;
    }

    static long invalid(CpuState s) {
        s.mxcsr |= Mxcsr.IE;
        return DEFAULT_NAN;
    }

    private static void denormalCheck(CpuState s, long a, long b) {
        if (isDenormal(a) || isDenormal(b)) {
            s.mxcsr |= Mxcsr.DE;
        }
    }

    /** ADDSD/SUBSD/MULSD/DIVSD on one element pair ({@code kind} is {@link #ADD}..{@link #DIV}). */
    static long arith(CpuState s, int kind, long a, long b) {
        return switch (kind) {
            case ADD -> add(s, a, b, false);
            case SUB -> add(s, a, b, true);
            case MUL -> mul(s, a, b);
            default -> div(s, a, b);
        };
    }

    /** True if neither operand is zero, denormal, infinite or NaN: none of the special rules apply. */
    private static boolean ordinary(long a, long b) {
        long ea = a & EXP, eb = b & EXP;
        return ea != 0 && ea != EXP && eb != 0 && eb != EXP;
    }

    /**
     * The result of an ordinary operation when {@link Mxcsr#allowsFastPath} allows skipping
     * exception detection and the result is normal; else 0, which is never a normal number's
     * bits, meaning "take the full path".
     */
    private static long fastResult(CpuState s, double r) {
        if (!Mxcsr.allowsFastPath(s)) {
            return 0;
        }
        long rb = Double.doubleToRawLongBits(r);
        long e = rb & EXP;
        return e != 0 && e != EXP ? rb : 0;
    }

    // The operations keep their common path small (so the JIT inlines it) and their rare cases in helpers.

    static long add(CpuState s, long a, long b, boolean subtract) {
        if (!ordinary(a, b)) {
            a = daz(s, a);
            b = daz(s, b);
            if (isNaN(a) || isNaN(b)) {
                return propagateNaN(s, a, b);
            }
            if ((a & ~SIGN) == EXP && (b & ~SIGN) == EXP && ((a ^ b) < 0) != subtract) {
                return invalid(s); // inf - inf
            }
            denormalCheck(s, a, b);
        }
        double x = value(a);
        double y = subtract ? -value(b) : value(b);
        double r = x + y;
        if (ordinary(a, b)) {
            long fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = 0;
        if (!Double.isInfinite(r)) {
            double bv = r - x;
            double err = (x - (r - bv)) + (y - bv); // TwoSum: exact rounding error
            sgn = (int) Math.signum(err);
            if (r == 0 && sgn == 0) {
                r = exactZeroSum(s, x, y, r);
            }
        }
        long result = finish(s, r, sgn, !Double.isInfinite(x) && !Double.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.sumInexact(x, y, 53));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            // scaling by 2^128 is exact and moves the result away from the subnormal range
            return boundaryUnderflow(s, result, add(s, scale(a), scale(b), subtract));
        }
        return result;
    }

    /** IEEE 754 6.3: an exact zero sum of operands with different signs is -0 when rounding down. */
    private static double exactZeroSum(CpuState s, double x, double y, double r) {
        return Mxcsr.roundingMode(s) == Mxcsr.RC_DOWN && !(bits(x) == 0 && bits(y) == 0) ? -0.0 : r;
    }

    static long mul(CpuState s, long a, long b) {
        if (!ordinary(a, b)) {
            a = daz(s, a);
            b = daz(s, b);
            if (isNaN(a) || isNaN(b)) {
                return propagateNaN(s, a, b);
            }
            if (((a & ~SIGN) == 0 && (b & ~SIGN) == EXP) || ((a & ~SIGN) == EXP && (b & ~SIGN) == 0)) {
                return invalid(s); // 0 * inf
            }
            denormalCheck(s, a, b);
        }
        double x = value(a), y = value(b);
        double r = x * y;
        if (ordinary(a, b)) {
            long fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = 0;
        if (x != 0 && y != 0 && !Double.isInfinite(x) && !Double.isInfinite(y) && !Double.isInfinite(r)) {
            sgn = r != 0 && Math.getExponent(r) > RESIDUAL_EXP_MIN ? (int) Math.signum(Math.fma(x, y, -r))
                    : new BigDecimal(x).multiply(new BigDecimal(y)).compareTo(new BigDecimal(r));
        }
        long result = finish(s, r, sgn, !Double.isInfinite(x) && !Double.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.productInexact(x, y, 53));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            return boundaryUnderflow(s, result, Math.abs(x) < Math.abs(y) ? mul(s, scale(a), b) : mul(s, a, scale(b)));
        }
        return result;
    }

    static long div(CpuState s, long a, long b) {
        if (!ordinary(a, b)) {
            a = daz(s, a);
            b = daz(s, b);
            if (isNaN(a) || isNaN(b)) {
                return propagateNaN(s, a, b);
            }
            long ma = a & ~SIGN, mb = b & ~SIGN;
            if ((ma == 0 && mb == 0) || (ma == EXP && mb == EXP)) {
                return invalid(s); // 0/0, inf/inf
            }
            if (mb == 0 && ma != EXP) {
                s.mxcsr |= Mxcsr.ZE;
                return ((a ^ b) & SIGN) | EXP;
            }
            denormalCheck(s, a, b);
        }
        double x = value(a), y = value(b);
        double r = x / y;
        if (ordinary(a, b)) {
            long fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = 0;
        if (x != 0 && !Double.isInfinite(x) && !Double.isInfinite(y) && !Double.isInfinite(r)) {
            sgn = divisionErrorSign(x, y, r);
        }
        long result = finish(s, r, sgn, !Double.isInfinite(x) && !Double.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.quotientInexact(x, y, 53));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            return boundaryUnderflow(s, result, div(s, scale(a), b));
        }
        return result;
    }

    /** The sign of x/y - r: from the FMA remainder, exact unless it could underflow (then BigDecimal). */
    private static int divisionErrorSign(double x, double y, double r) {
        double rem;
        if (r != 0 && Math.getExponent(r) > RESIDUAL_EXP_MIN && Math.getExponent(x) > RESIDUAL_EXP_MIN) {
            rem = Math.fma(-r, y, x);
        } else {
            rem = new BigDecimal(x).subtract(new BigDecimal(r).multiply(new BigDecimal(y))).signum();
        }
        return (int) (Math.signum(rem) * Math.signum(y));
    }

    private static final long MIN_NORMAL_BITS = 0x0010_0000_0000_0000L;
    private static final double SCALE = 0x1p128;

    private static long scale(long b) {
        return bits(value(b) * SCALE);
    }

    /**
     * x86 detects tininess after rounding to 53 bits with an unbounded exponent (SDM Vol.1
     * 4.9.1.5), so a result that rounds up to the smallest normal number on the subnormal grid may
     * still be tiny; {@code scaled} is the same operation computed 2^128 times larger.
     */
    private static long boundaryUnderflow(CpuState s, long result, long scaled) {
        if (Math.abs(value(scaled)) >= Double.MIN_NORMAL * SCALE) {
            return result;
        }
        s.mxcsr |= Mxcsr.UE;
        if ((s.mxcsr & Mxcsr.UM) != 0 && (s.mxcsr & Mxcsr.FTZ) != 0) {
            return result & SIGN;
        }
        return result;
    }

    /** SQRTSD on one element: #I and the default NaN for negative non-zero sources. */
    static long sqrt(CpuState s, long a) {
        a = daz(s, a);
        if (isNaN(a)) {
            return propagateNaN(s, a, a);
        }
        double x = value(a);
        if (x == 0 || x == Double.POSITIVE_INFINITY) {
            return a;
        }
        if (x < 0) {
            return invalid(s);
        }
        denormalCheck(s, a, a);
        double r = Math.sqrt(x);
        int sgn;
        if (Math.getExponent(x) > RESIDUAL_EXP_MIN) {
            sgn = (int) Math.signum(Math.fma(-r, r, x));
        } else {
            BigDecimal rb = new BigDecimal(r);
            sgn = new BigDecimal(x).compareTo(rb.multiply(rb));
        }
        return finish(s, r, sgn, true);
    }

    /** MINSD ({@code max} false) or MAXSD: the second source unless the first is strictly smaller (larger); NaNs give the second source and #I. */
    static long minMax(CpuState s, boolean max, long a, long b) {
        a = daz(s, a);
        b = daz(s, b);
        if (isNaN(a) || isNaN(b)) {
            s.mxcsr |= Mxcsr.IE;
            return b;
        }
        denormalCheck(s, a, b);
        double x = value(a), y = value(b);
        return (max ? x > y : x < y) ? a : b;
    }

    /** CMPSD predicate 0-7 (EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD): #I for any NaN on LT/LE/NLT/NLE, else only for an SNaN. */
    static boolean compare(CpuState s, int predicate, long a, long b) {
        a = daz(s, a);
        b = daz(s, b);
        boolean unordered = isNaN(a) || isNaN(b);
        if (unordered) {
            if ((predicate & 3) == 1 || (predicate & 3) == 2 || isSignaling(a) || isSignaling(b)) {
                s.mxcsr |= Mxcsr.IE;
            }
        } else {
            denormalCheck(s, a, b);
        }
        double x = value(a), y = value(b);
        return switch (predicate & 7) {
            case 0 -> x == y;
            case 1 -> x < y;
            case 2 -> x <= y;
            case 3 -> unordered;
            case 4 -> x != y;
            case 5 -> !(x < y);
            case 6 -> !(x <= y);
            default -> !unordered;
        };
    }

    /**
     * Rounds a round-to-nearest result {@code r} whose exact value lies on side {@code sgn} of it
     * to MXCSR.RC, and raises #P, #O, #U with FTZ as SDM Vol.1 11.5.2.3-4 describe (tininess
     * after rounding; a masked underflow is flagged only when also inexact).
     */
    static long finish(CpuState s, double r, int sgn, boolean finiteOperands) {
        long e = bits(r) & EXP;
        if (e != 0 && e != EXP && (sgn == 0 || (s.mxcsr & (3 << Mxcsr.RC_SHIFT)) == 0)) {
            if (sgn != 0) {
                s.mxcsr |= Mxcsr.PE; // a normal result, exact or rounded to nearest: nothing else to do
            }
            return bits(r);
        }
        return finishSpecial(s, r, sgn, finiteOperands);
    }

    private static long finishSpecial(CpuState s, double r, int sgn, boolean finiteOperands) {
        int rc = Mxcsr.roundingMode(s);
        if (Double.isInfinite(r)) {
            return finiteOperands ? overflowed(s, rc, r > 0) : bits(r);
        }
        if (sgn != 0) {
            r = directed(rc, r, sgn);
            if (Double.isInfinite(r)) {
                return overflowed(s, rc, r > 0);
            }
        }
        if (Math.abs(r) < Double.MIN_NORMAL && (r != 0 || sgn != 0)) {
            if ((s.mxcsr & Mxcsr.UM) == 0) {
                s.mxcsr |= Mxcsr.UE; // unmasked: tiny even when exact; #P is the caller's (SDM Vol.1 4.9.1.5)
                return UNMASKED_RANGE;
            }
            if (sgn != 0) {
                s.mxcsr |= Mxcsr.UE | Mxcsr.PE; // masked: flagged only when also inexact
            }
            if ((s.mxcsr & Mxcsr.FTZ) != 0) {
                s.mxcsr |= Mxcsr.UE | Mxcsr.PE;
                return bits(r) & SIGN;
            }
            return bits(r);
        }
        if (sgn != 0) {
            s.mxcsr |= Mxcsr.PE;
        }
        return bits(r);
    }

    /** Overflow (SDM Vol.1 4.9.1.4): masked, the rounding mode's result and #O with #P; unmasked, #O alone and no result. */
    private static long overflowed(CpuState s, int rc, boolean positive) {
        if ((s.mxcsr & Mxcsr.OM) == 0) {
            s.mxcsr |= Mxcsr.OE;
            return UNMASKED_RANGE;
        }
        s.mxcsr |= Mxcsr.OE | Mxcsr.PE;
        return bits(overflow(rc, positive));
    }

    /** Completes an element that raised an unmasked #O or #U: #P if the unbounded-exponent result is inexact. */
    static long precisionOfUnmasked(CpuState s, boolean inexact) {
        if (inexact) {
            s.mxcsr |= Mxcsr.PE;
        }
        return UNMASKED_RANGE;
    }

    /** The result of an overflow under rounding mode {@code rc} (SDM Vol.1 Table 4-10). */
    static double overflow(int rc, boolean positive) {
        return switch (rc) {
            case Mxcsr.RC_NEAREST -> positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case Mxcsr.RC_DOWN -> positive ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
            case Mxcsr.RC_UP -> positive ? Double.POSITIVE_INFINITY : -Double.MAX_VALUE;
            default -> positive ? Double.MAX_VALUE : -Double.MAX_VALUE;
        };
    }

    /** Moves a nearest-rounded {@code r} to its other neighbour when the directed mode asks for the side the exact value is on. */
    static double directed(int rc, double r, int sgn) {
        return switch (rc) {
            case Mxcsr.RC_DOWN -> sgn < 0 ? Math.nextDown(r) : r;
            case Mxcsr.RC_UP -> sgn > 0 ? Math.nextUp(r) : r;
            case Mxcsr.RC_ZERO -> sgn < 0 && r > 0 ? Math.nextDown(r) : sgn > 0 && r < 0 ? Math.nextUp(r) : r;
            default -> r;
        };
    }
}
