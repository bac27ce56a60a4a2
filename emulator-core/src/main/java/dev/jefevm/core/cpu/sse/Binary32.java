package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.CpuState;

/**
 * IEEE 754 single-precision arithmetic as SSE performs it, on raw bit patterns; the
 * single-precision twin of {@link Binary64} (same NaN, rounding, DAZ/FTZ and flag rules). Exact
 * errors come from double arithmetic, where products of floats are exact and sums, quotients
 * and square-root residuals keep their sign.
 */
final class Binary32 {

    static final int SIGN = 0x8000_0000;
    static final int EXP = 0x7F80_0000;
    static final int FRAC = 0x007F_FFFF;
    static final int QUIET = 1 << 22;
    /** The QNaN floating-point indefinite (SDM Vol.1 4.8.3.7). */
    static final int DEFAULT_NAN = 0xFFC0_0000;
    /** As {@link Binary64#UNMASKED_RANGE}: the unwritten result of an element with an unmasked #O or #U. */
    static final int UNMASKED_RANGE = 0x7FC0_0DEF;

    private Binary32() {
    }

    static boolean isNaN(int b) {
        return (b & ~SIGN) > EXP;
    }

    static boolean isSignaling(int b) {
        return isNaN(b) && (b & QUIET) == 0;
    }

    static boolean isDenormal(int b) {
        return (b & EXP) == 0 && (b & FRAC) != 0;
    }

    static float value(int b) {
        return Float.intBitsToFloat(b);
    }

    static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    static int daz(CpuState s, int b) {
        return (s.mxcsr & Mxcsr.DAZ) != 0 && isDenormal(b) ? b & SIGN : b;
    }

    static int propagateNaN(CpuState s, int a, int b) {
        if (isSignaling(a) || isSignaling(b)) {
            s.mxcsr |= Mxcsr.IE;
        }
        return (isNaN(a) ? a : b) | QUIET;
    }

    static int invalid(CpuState s) {
        s.mxcsr |= Mxcsr.IE;
        return DEFAULT_NAN;
    }

    private static void denormalCheck(CpuState s, int a, int b) {
        if (isDenormal(a) || isDenormal(b)) {
            s.mxcsr |= Mxcsr.DE;
        }
    }

    /** ADDSS/SUBSS/MULSS/DIVSS on one element pair ({@code kind} as in {@link Binary64}). */
    static int arith(CpuState s, int kind, int a, int b) {
        return switch (kind) {
            case Binary64.ADD -> add(s, a, b, false);
            case Binary64.SUB -> add(s, a, b, true);
            case Binary64.MUL -> mul(s, a, b);
            default -> div(s, a, b);
        };
    }

    /** True if neither operand is zero, denormal, infinite or NaN: none of the special rules apply. */
    private static boolean ordinary(int a, int b) {
        int ea = a & EXP, eb = b & EXP;
        return ea != 0 && ea != EXP && eb != 0 && eb != EXP;
    }

    /**
     * The result of an ordinary operation when {@link Mxcsr#allowsFastPath} allows skipping
     * exception detection and the result is normal; else 0, which is never a normal number's
     * bits, meaning "take the full path".
     */
    private static int fastResult(CpuState s, float r) {
        if (!Mxcsr.allowsFastPath(s)) {
            return 0;
        }
        int rb = Float.floatToRawIntBits(r);
        int e = rb & EXP;
        return e != 0 && e != EXP ? rb : 0;
    }

    // The operations keep their common path small (so the JIT inlines it) and their rare cases in helpers.

    static int add(CpuState s, int a, int b, boolean subtract) {
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
        float x = value(a);
        float y = subtract ? -value(b) : value(b);
        float r = x + y;
        if (ordinary(a, b)) {
            int fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = 0;
        if (!Float.isInfinite(r)) {
            double dx = x, dy = y;
            double sum = dx + dy;
            double bv = sum - dx;
            double err = (dx - (sum - bv)) + (dy - bv); // exact: sum + err = x + y
            double diff = sum - r;
            sgn = (int) Math.signum(diff != 0 ? diff : err);
            if (r == 0 && sgn == 0) {
                r = exactZeroSum(s, x, y, r);
            }
        }
        int result = finish(s, r, sgn, !Float.isInfinite(x) && !Float.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.sumInexact(x, y, 24));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            // scaling by 2^64 is exact and moves the result away from the subnormal range
            return boundaryUnderflow(s, result, add(s, scale(a), scale(b), subtract));
        }
        return result;
    }

    /** IEEE 754 6.3: an exact zero sum of operands with different signs is -0 when rounding down. */
    private static float exactZeroSum(CpuState s, float x, float y, float r) {
        return Mxcsr.roundingMode(s) == Mxcsr.RC_DOWN && !(bits(x) == 0 && bits(y) == 0) ? -0.0f : r;
    }

    static int mul(CpuState s, int a, int b) {
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
        float x = value(a), y = value(b);
        double p = (double) x * y; // exact: 24 x 24 bits
        float r = (float) p;
        if (ordinary(a, b)) {
            int fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = Float.isInfinite(r) ? 0 : p == r ? 0 : p > r ? 1 : -1;
        int result = finish(s, r, sgn, !Float.isInfinite(x) && !Float.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.productInexact(x, y, 24));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            return boundaryUnderflow(s, result, Math.abs(x) < Math.abs(y) ? mul(s, scale(a), b) : mul(s, a, scale(b)));
        }
        return result;
    }

    static int div(CpuState s, int a, int b) {
        if (!ordinary(a, b)) {
            a = daz(s, a);
            b = daz(s, b);
            if (isNaN(a) || isNaN(b)) {
                return propagateNaN(s, a, b);
            }
            int ma = a & ~SIGN, mb = b & ~SIGN;
            if ((ma == 0 && mb == 0) || (ma == EXP && mb == EXP)) {
                return invalid(s); // 0/0, inf/inf
            }
            if (mb == 0 && ma != EXP) {
                s.mxcsr |= Mxcsr.ZE;
                return ((a ^ b) & SIGN) | EXP;
            }
            denormalCheck(s, a, b);
        }
        float x = value(a), y = value(b);
        float r = x / y;
        if (ordinary(a, b)) {
            int fast = fastResult(s, r);
            if (fast != 0) {
                return fast;
            }
        }
        int sgn = 0;
        if (!Float.isInfinite(x) && !Float.isInfinite(y) && !Float.isInfinite(r)) {
            double rem = Math.fma(-(double) r, y, x);
            sgn = (int) (Math.signum(rem) * Math.signum(y));
        }
        int result = finish(s, r, sgn, !Float.isInfinite(x) && !Float.isInfinite(y));
        if (result == UNMASKED_RANGE) {
            return precisionOfUnmasked(s, UnboundedPrecision.quotientInexact(x, y, 24));
        }
        if (sgn != 0 && (result & ~SIGN) == MIN_NORMAL_BITS) {
            return boundaryUnderflow(s, result, div(s, scale(a), b));
        }
        return result;
    }

    private static final int MIN_NORMAL_BITS = 0x0080_0000;
    private static final float SCALE = 0x1p64f;

    private static int scale(int b) {
        return bits(value(b) * SCALE);
    }

    /**
     * x86 detects tininess after rounding to 24 bits with an unbounded exponent (SDM Vol.1
     * 4.9.1.5), so a result that rounds up to the smallest normal number on the subnormal grid may
     * still be tiny; {@code scaled} is the same operation computed 2^64 times larger.
     */
    static int boundaryUnderflow(CpuState s, int result, int scaled) {
        if (Math.abs(value(scaled)) >= Float.MIN_NORMAL * SCALE) {
            return result;
        }
        s.mxcsr |= Mxcsr.UE;
        if ((s.mxcsr & Mxcsr.UM) != 0 && (s.mxcsr & Mxcsr.FTZ) != 0) {
            return result & SIGN;
        }
        return result;
    }

    static int sqrt(CpuState s, int a) {
        a = daz(s, a);
        if (isNaN(a)) {
            return propagateNaN(s, a, a);
        }
        float x = value(a);
        if (x == 0 || x == Float.POSITIVE_INFINITY) {
            return a;
        }
        if (x < 0) {
            return invalid(s);
        }
        denormalCheck(s, a, a);
        float r = (float) Math.sqrt(x); // double rounding is innocuous for sqrt: 53 >= 2*24+2
        int sgn = (int) Math.signum(Math.fma(-(double) r, r, x));
        return finish(s, r, sgn, true);
    }

    static int minMax(CpuState s, boolean max, int a, int b) {
        a = daz(s, a);
        b = daz(s, b);
        if (isNaN(a) || isNaN(b)) {
            s.mxcsr |= Mxcsr.IE;
            return b;
        }
        denormalCheck(s, a, b);
        float x = value(a), y = value(b);
        return (max ? x > y : x < y) ? a : b;
    }

    static boolean compare(CpuState s, int predicate, int a, int b) {
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
        float x = value(a), y = value(b);
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
     * RCPSS/RCPPS: 1/x. The SDM only bounds the error (|relative error| <= 1.5 * 2^-12); this
     * returns the correctly rounded reciprocal, so results are within the bound but not bit-equal
     * to any particular processor's table. Denormal sources count as zero and tiny results flush
     * to zero, as the SDM says; no MXCSR flags are raised.
     */
    static int reciprocal(int a) {
        if (isNaN(a)) {
            return a | QUIET;
        }
        if ((a & EXP) == 0) {
            return (a & SIGN) | EXP; // zero or denormal: signed infinity
        }
        float r = 1.0f / value(a);
        return flushTiny(bits(r));
    }

    /** RSQRTSS/RSQRTPS: 1/sqrt(x), correctly rounded (within the SDM's 1.5 * 2^-12 bound; see {@link #reciprocal}). */
    static int reciprocalSqrt(int a) {
        if (isNaN(a)) {
            return a | QUIET;
        }
        if ((a & EXP) == 0) {
            return (a & SIGN) | EXP;
        }
        if ((a & SIGN) != 0) {
            return DEFAULT_NAN;
        }
        return bits((float) (1.0 / Math.sqrt(value(a))));
    }

    private static int flushTiny(int b) {
        return (b & EXP) == 0 ? b & SIGN : b;
    }

    static int finish(CpuState s, float r, int sgn, boolean finiteOperands) {
        int e = bits(r) & EXP;
        if (e != 0 && e != EXP && (sgn == 0 || (s.mxcsr & (3 << Mxcsr.RC_SHIFT)) == 0)) {
            if (sgn != 0) {
                s.mxcsr |= Mxcsr.PE; // a normal result, exact or rounded to nearest: nothing else to do
            }
            return bits(r);
        }
        return finishSpecial(s, r, sgn, finiteOperands);
    }

    private static int finishSpecial(CpuState s, float r, int sgn, boolean finiteOperands) {
        int rc = Mxcsr.roundingMode(s);
        if (Float.isInfinite(r)) {
            return finiteOperands ? overflowed(s, rc, r > 0) : bits(r);
        }
        if (sgn != 0) {
            r = directed(rc, r, sgn);
            if (Float.isInfinite(r)) {
                return overflowed(s, rc, r > 0);
            }
        }
        if (Math.abs(r) < Float.MIN_NORMAL && (r != 0 || sgn != 0)) {
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
    private static int overflowed(CpuState s, int rc, boolean positive) {
        if ((s.mxcsr & Mxcsr.OM) == 0) {
            s.mxcsr |= Mxcsr.OE;
            return UNMASKED_RANGE;
        }
        s.mxcsr |= Mxcsr.OE | Mxcsr.PE;
        return bits(overflow(rc, positive));
    }

    /** Completes an element that raised an unmasked #O or #U: #P if the unbounded-exponent result is inexact. */
    static int precisionOfUnmasked(CpuState s, boolean inexact) {
        if (inexact) {
            s.mxcsr |= Mxcsr.PE;
        }
        return UNMASKED_RANGE;
    }

    static float overflow(int rc, boolean positive) {
        return switch (rc) {
            case Mxcsr.RC_NEAREST -> positive ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            case Mxcsr.RC_DOWN -> positive ? Float.MAX_VALUE : Float.NEGATIVE_INFINITY;
            case Mxcsr.RC_UP -> positive ? Float.POSITIVE_INFINITY : -Float.MAX_VALUE;
            default -> positive ? Float.MAX_VALUE : -Float.MAX_VALUE;
        };
    }

    static float directed(int rc, float r, int sgn) {
        return switch (rc) {
            case Mxcsr.RC_DOWN -> sgn < 0 ? Math.nextDown(r) : r;
            case Mxcsr.RC_UP -> sgn > 0 ? Math.nextUp(r) : r;
            case Mxcsr.RC_ZERO -> sgn < 0 && r > 0 ? Math.nextDown(r) : sgn > 0 && r < 0 ? Math.nextUp(r) : r;
            default -> r;
        };
    }
}
