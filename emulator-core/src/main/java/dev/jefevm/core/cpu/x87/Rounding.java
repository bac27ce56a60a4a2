package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.BIAS;
import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;

import dev.jefevm.core.cpu.CpuState;

/**
 * Rounding of exact intermediate results to the extended register format (SDM Vol.1 4.8 and
 * 8.1.5): a value is a sign, an unbiased exponent and a normalized 128-bit significand (bits
 * below bit 0 folded into a sticky bit), rounded once to the precision control's 24/53/64 bits
 * by the rounding control, with the extended exponent range (SDM Vol.1 8.1.5.2). Sets #P, #U,
 * #O and C1 (rounded up). Masked overflow gives infinity or the largest finite value, masked
 * underflow a denormal; unmasked overflow and underflow deliver the result with its exponent
 * adjusted by 24576 (SDM Vol.1 8.5.4, 8.5.5). Nothing here allocates.
 */
final class Rounding {

    /** Exponent bias adjustment for unmasked overflow/underflow results (SDM Vol.1 8.5.4). */
    static final int WRAP = 24576;
    /** Tininess is detected after rounding with an unbounded exponent, as for SSE (SDM Vol.1 4.9.1.5). */
    static final boolean TINY_AFTER_ROUNDING = true;

    private Rounding() {
    }

    /**
     * Rounds the top {@code prec} bits of {@code hi} with {@code lo} below it. Returns the
     * rounded significand; 0 means it carried out of bit 63 (the value is 2^64).
     */
    static long roundSignificand(long hi, long lo, int prec, int rc, int sign) {
        long mask = prec == 64 ? 0 : -1L >>> prec;
        long trunc = hi & ~mask;
        long discarded = hi & mask;
        if ((discarded | lo) == 0) {
            return trunc;
        }
        boolean up;
        switch (rc) {
            case X87Status.RC_NEAREST -> {
                long half = prec == 64 ? 0 : 1L << (63 - prec);
                int cmp;
                if (prec == 64) {
                    cmp = Long.compareUnsigned(lo, INTEGER_BIT);
                } else {
                    cmp = discarded != half ? Long.compareUnsigned(discarded, half) : (lo != 0 ? 1 : 0);
                }
                long ulp = mask + 1;
                up = cmp > 0 || (cmp == 0 && (trunc & ulp) != 0);
            }
            case X87Status.RC_DOWN -> up = sign != 0;
            case X87Status.RC_UP -> up = sign == 0;
            default -> up = false;
        }
        return up ? trunc + (mask + 1) : trunc;
    }

    private static boolean inexact(long hi, long lo, int prec) {
        long mask = prec == 64 ? 0 : -1L >>> prec;
        return ((hi & mask) | lo) != 0;
    }

    /**
     * Rounds sign * (hi:lo / 2^127) * 2^exp (hi normalized, bit 63 set) to the control word's
     * precision and rounding and writes it to ST(i).
     */
    static void roundToRegister(CpuState s, int i, int sign, int exp, long hi, long lo) {
        roundToRegister(s, i, sign, exp, hi, lo, X87Status.precision(s), X87Status.roundingControl(s));
    }

    static void roundToRegister(CpuState s, int i, int sign, int exp, long hi, long lo, int prec, int rc) {
        int biased = exp + BIAS;
        int flags = 0;
        if (biased < 1) {
            boolean tiny = true;
            if (TINY_AFTER_ROUNDING && biased == 0) {
                tiny = roundSignificand(hi, lo, prec, rc, sign) != 0;
            }
            if (!X87Status.masked(s, X87Status.UE)) {
                // unmasked underflow: normalized result, exponent wrapped up (SDM Vol.1 8.5.5)
                long r = roundSignificand(hi, lo, prec, rc, sign);
                boolean ex = inexact(hi, lo, prec);
                long trunc = hi & ~(prec == 64 ? 0 : -1L >>> prec);
                if (r == 0) {
                    r = INTEGER_BIT;
                    biased++;
                }
                if (tiny) {
                    biased += WRAP;
                    flags |= X87Status.UE;
                }
                finish(s, i, sign, biased, r, flags | (ex ? X87Status.PE : 0), ex && r != trunc);
                return;
            }
            int shift = 1 - biased;
            if (shift >= 128) {
                lo = (hi | lo) != 0 ? 1 : 0;
                hi = 0;
            } else if (shift >= 64) {
                long sticky = (lo != 0 || (shift > 64 && (hi << (128 - shift)) != 0)) ? 1 : 0;
                lo = (shift == 64 ? hi : hi >>> (shift - 64)) | sticky;
                hi = 0;
            } else {
                long sticky = (lo << (64 - shift)) != 0 ? 1 : 0;
                lo = (lo >>> shift) | (hi << (64 - shift)) | sticky;
                hi >>>= shift;
            }
            biased = 0;
            boolean ex = inexact(hi, lo, prec);
            long trunc = hi & ~(prec == 64 ? 0 : -1L >>> prec);
            long r = roundSignificand(hi, lo, prec, rc, sign);
            if (r < 0) {
                biased = 1; // rounded up to the smallest normal
            }
            if (ex) {
                flags |= X87Status.PE | (tiny ? X87Status.UE : 0);
            }
            finish(s, i, sign, biased, r, flags, ex && r != trunc);
            return;
        }
        boolean ex = inexact(hi, lo, prec);
        long trunc = hi & ~(prec == 64 ? 0 : -1L >>> prec);
        long r = roundSignificand(hi, lo, prec, rc, sign);
        boolean up = ex && r != trunc;
        if (r == 0) {
            r = INTEGER_BIT;
            biased++;
        }
        if (ex) {
            flags |= X87Status.PE;
        }
        if (biased >= MAX_EXP) {
            if (!X87Status.masked(s, X87Status.OE)) {
                finish(s, i, sign, biased - WRAP, r, flags | X87Status.OE, up);
                return;
            }
            boolean toInfinity = rc == X87Status.RC_NEAREST || (rc == X87Status.RC_UP && sign == 0)
                    || (rc == X87Status.RC_DOWN && sign != 0);
            long maxSig = prec == 64 ? -1L : ~(-1L >>> prec);
            finish(s, i, sign, toInfinity ? MAX_EXP : MAX_EXP - 1, toInfinity ? INTEGER_BIT : maxSig,
                    X87Status.OE | X87Status.PE, toInfinity);
            return;
        }
        finish(s, i, sign, biased, r, flags, up);
    }

    private static void finish(CpuState s, int i, int sign, int biased, long sig, int flags, boolean roundedUp) {
        X87Stack.set(s, i, sig, (sign << 15) | (biased & MAX_EXP));
        X87Status.setC1(s, roundedUp);
        if (flags != 0) {
            X87Status.raise(s, flags);
        }
    }
}
