package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.CpuState;

/**
 * Double-extended arithmetic (SDM Vol.1 4.2.2 and 8.3) on integers: a value is a 64-bit
 * significand with an explicit integer bit and a 16-bit sign+exponent (bias 16383), exactly as
 * the registers hold it. Intermediate results are exact 128-bit significands (bits below bit 0
 * folded into a sticky bit) rounded once, to the precision control's 24/53/64 bits and the
 * rounding control of the control word, with the extended exponent range (SDM Vol.1 8.1.5.2).
 * Operations write their result straight into ST(i) and signal exceptions through
 * {@link X87Status}; an unmasked invalid, denormal or divide-by-zero exception leaves the
 * destination unchanged, while unmasked overflow and underflow deliver the result with its
 * exponent adjusted by 24576 (SDM Vol.1 8.5.4, 8.5.5). Nothing here allocates.
 */
public final class Extended80 {

    public static final int BIAS = 16383, MAX_EXP = 0x7FFF;
    public static final long INTEGER_BIT = 1L << 63, QUIET_BIT = 1L << 62;
    /** The real indefinite QNaN (SDM Vol.1 4.8.3.7): sign 1, exponent all ones, significand C000...0. */
    public static final long INDEFINITE_SIG = 0xC000_0000_0000_0000L;
    public static final int INDEFINITE_SE = 0xFFFF;
    /** Exponent bias adjustment for unmasked overflow/underflow results (SDM Vol.1 8.5.4). */
    static final int WRAP = 24576;
    /** Tininess is detected after rounding with an unbounded exponent, as for SSE (SDM Vol.1 4.9.1.5). */
    static final boolean TINY_AFTER_ROUNDING = true;

    private Extended80() {
    }

    // ---------------- classification (SDM Vol.1 Table 8-3 / 4.2.2) ----------------

    static int exp(int se) {
        return se & MAX_EXP;
    }

    static int sign(int se) {
        return (se >>> 15) & 1;
    }

    public static boolean isNaN(long sig, int se) {
        return exp(se) == MAX_EXP && sig < 0 && (sig << 1) != 0;
    }

    public static boolean isSignaling(long sig, int se) {
        return isNaN(sig, se) && (sig & QUIET_BIT) == 0;
    }

    public static boolean isInfinity(long sig, int se) {
        return exp(se) == MAX_EXP && sig == INTEGER_BIT;
    }

    public static boolean isZero(long sig, int se) {
        return exp(se) == 0 && sig == 0;
    }

    /** Denormals and pseudo-denormals (exponent 0, non-zero significand). */
    public static boolean isDenormal(long sig, int se) {
        return exp(se) == 0 && sig != 0;
    }

    /** Unnormals, pseudo-NaNs and pseudo-infinities: integer bit clear with a non-zero exponent (SDM Vol.1 8.2.2). */
    public static boolean isUnsupported(long sig, int se) {
        return exp(se) != 0 && sig >= 0;
    }

    /** Unbiased exponent of a finite non-zero value once its significand is normalized. */
    static int unbiasedExponent(long sig, int se) {
        int e = exp(se);
        return e == 0 ? 1 - BIAS - Long.numberOfLeadingZeros(sig) : e - BIAS;
    }

    static long normalized(long sig) {
        return sig << Long.numberOfLeadingZeros(sig);
    }

    // ---------------- rounding ----------------

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

    /** Writes a value that needs no rounding (zero, infinity, NaN, a copy) and clears C1. */
    static void writeExact(CpuState s, int i, long sig, int se) {
        X87Stack.set(s, i, sig, se);
        s.fpuStatus &= ~X87Status.C1;
    }

    // ---------------- exception responses ----------------

    /** #IA: the masked response writes the real indefinite to ST(i). Returns true if unmasked. */
    static boolean invalid(CpuState s, int i) {
        if (X87Status.raise(s, X87Status.IE)) {
            return true;
        }
        writeExact(s, i, INDEFINITE_SIG, INDEFINITE_SE);
        return false;
    }

    /**
     * The NaN result of a two-operand operation with at least one NaN (SDM Vol.1 Table 4-7, x87
     * column): a QNaN beats an SNaN, of two NaNs of the same kind the larger significand wins;
     * an SNaN signals #IA and is quieted.
     */
    static void propagateNaN(CpuState s, int i, long aSig, int aSe, long bSig, int bSe) {
        boolean aNaN = isNaN(aSig, aSe), bNaN = isNaN(bSig, bSe);
        boolean aQuiet = aNaN && (aSig & QUIET_BIT) != 0, bQuiet = bNaN && (bSig & QUIET_BIT) != 0;
        if ((aNaN && !aQuiet) || (bNaN && !bQuiet)) {
            if (X87Status.raise(s, X87Status.IE)) {
                return;
            }
        }
        boolean pickA;
        if (aNaN && bNaN) {
            if (aQuiet != bQuiet) {
                pickA = aQuiet;
            } else {
                int cmp = Long.compareUnsigned(aSig & ~QUIET_BIT, bSig & ~QUIET_BIT);
                pickA = cmp > 0 || (cmp == 0 && sign(aSe) == 0);
            }
        } else {
            pickA = aNaN;
        }
        if (pickA) {
            writeExact(s, i, aSig | QUIET_BIT, aSe);
        } else {
            writeExact(s, i, bSig | QUIET_BIT, bSe);
        }
    }

    /**
     * The checks shared by the arithmetic operations, in priority order: unsupported formats and
     * NaNs (#IA), then denormal operands (#D). Returns true if the operation is finished (a NaN
     * or indefinite written, or an unmasked exception).
     */
    static boolean screen(CpuState s, int i, long aSig, int aSe, long bSig, int bSe) {
        if (isUnsupported(aSig, aSe) || isUnsupported(bSig, bSe)) {
            invalid(s, i);
            return true;
        }
        if (isNaN(aSig, aSe) || isNaN(bSig, bSe)) {
            propagateNaN(s, i, aSig, aSe, bSig, bSe);
            return true;
        }
        if (isDenormal(aSig, aSe) || isDenormal(bSig, bSe)) {
            return X87Status.raise(s, X87Status.DE);
        }
        return false;
    }

    // ---------------- arithmetic ----------------

    /** ST(i) = a + b, or a - b when {@code subtract} (SDM Vol.2 FADD/FSUB). */
    static void add(CpuState s, int i, long aSig, int aSe, long bSig, int bSe, boolean subtract) {
        if (screen(s, i, aSig, aSe, bSig, bSe)) {
            return;
        }
        if (subtract) {
            bSe ^= 0x8000;
        }
        boolean aInf = isInfinity(aSig, aSe), bInf = isInfinity(bSig, bSe);
        if (aInf || bInf) {
            if (aInf && bInf && sign(aSe) != sign(bSe)) {
                invalid(s, i);
            } else {
                writeExact(s, i, INTEGER_BIT, aInf ? aSe : bSe);
            }
            return;
        }
        boolean aZero = isZero(aSig, aSe), bZero = isZero(bSig, bSe);
        if (aZero && bZero) {
            int sign = sign(aSe) == sign(bSe) ? sign(aSe) : (X87Status.roundingControl(s) == X87Status.RC_DOWN ? 1 : 0);
            writeExact(s, i, 0, sign << 15);
            return;
        }
        if (aZero || bZero) {
            long v = aZero ? bSig : aSig;
            int vse = aZero ? bSe : aSe;
            roundToRegister(s, i, sign(vse), unbiasedExponent(v, vse), normalized(v), 0);
            return;
        }
        int ea = unbiasedExponent(aSig, aSe), eb = unbiasedExponent(bSig, bSe);
        long ma = normalized(aSig), mb = normalized(bSig);
        int sa = sign(aSe), sb = sign(bSe);
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
            int te = ea; ea = eb; eb = te;
            long tm = ma; ma = mb; mb = tm;
            int ts = sa; sa = sb; sb = ts;
        }
        int d = ea - eb;
        long bh, bl;
        if (d == 0) {
            bh = mb;
            bl = 0;
        } else if (d < 64) {
            bh = mb >>> d;
            bl = mb << (64 - d);
        } else if (d == 64) {
            bh = 0;
            bl = mb;
        } else if (d < 128) {
            bh = 0;
            bl = (mb >>> (d - 64)) | ((mb << (128 - d)) != 0 ? 1 : 0);
        } else {
            bh = 0;
            bl = 1;
        }
        long hi, lo;
        if (sa == sb) {
            lo = bl;
            hi = ma + bh;
            if (Long.compareUnsigned(hi, ma) < 0) {
                lo = (lo >>> 1) | (hi << 63) | (lo & 1);
                hi = (hi >>> 1) | INTEGER_BIT;
                ea++;
            }
        } else {
            lo = -bl;
            hi = ma - bh - (bl != 0 ? 1 : 0);
            if (hi == 0 && lo == 0) {
                writeExact(s, i, 0, X87Status.roundingControl(s) == X87Status.RC_DOWN ? 0x8000 : 0);
                return;
            }
            if (hi == 0) {
                hi = lo;
                lo = 0;
                ea -= 64;
            }
            int n = Long.numberOfLeadingZeros(hi);
            if (n > 0) {
                hi = (hi << n) | (lo >>> (64 - n));
                lo <<= n;
                ea -= n;
            }
        }
        roundToRegister(s, i, sa, ea, hi, lo);
    }

    /** ST(i) = a * b (SDM Vol.2 FMUL). */
    static void multiply(CpuState s, int i, long aSig, int aSe, long bSig, int bSe) {
        if (screen(s, i, aSig, aSe, bSig, bSe)) {
            return;
        }
        int sign = sign(aSe) ^ sign(bSe);
        boolean aInf = isInfinity(aSig, aSe), bInf = isInfinity(bSig, bSe);
        boolean aZero = isZero(aSig, aSe), bZero = isZero(bSig, bSe);
        if (aInf || bInf) {
            if (aZero || bZero) {
                invalid(s, i);
            } else {
                writeExact(s, i, INTEGER_BIT, (sign << 15) | MAX_EXP);
            }
            return;
        }
        if (aZero || bZero) {
            writeExact(s, i, 0, sign << 15);
            return;
        }
        long ma = normalized(aSig), mb = normalized(bSig);
        int e = unbiasedExponent(aSig, aSe) + unbiasedExponent(bSig, bSe);
        long hi = Math.unsignedMultiplyHigh(ma, mb);
        long lo = ma * mb;
        if (hi >= 0) {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
        } else {
            e++;
        }
        roundToRegister(s, i, sign, e, hi, lo);
    }

    /** ST(i) = a / b (SDM Vol.2 FDIV): bit-serial division of the normalized significands. */
    static void divide(CpuState s, int i, long aSig, int aSe, long bSig, int bSe) {
        if (isZero(bSig, bSe) && isDenormal(aSig, aSe)) {
            // a finite dividend over zero is #Z only: no #D for a denormal dividend (as recorded on the host)
            if (!X87Status.raise(s, X87Status.ZE)) {
                writeExact(s, i, INTEGER_BIT, ((sign(aSe) ^ sign(bSe)) << 15) | MAX_EXP);
            }
            return;
        }
        if (screen(s, i, aSig, aSe, bSig, bSe)) {
            return;
        }
        int sign = sign(aSe) ^ sign(bSe);
        boolean aInf = isInfinity(aSig, aSe), bInf = isInfinity(bSig, bSe);
        boolean aZero = isZero(aSig, aSe), bZero = isZero(bSig, bSe);
        if ((aInf && bInf) || (aZero && bZero)) {
            invalid(s, i);
            return;
        }
        if (aInf || bZero) {
            if (bZero && X87Status.raise(s, X87Status.ZE)) {
                return;
            }
            writeExact(s, i, INTEGER_BIT, (sign << 15) | MAX_EXP);
            return;
        }
        if (aZero || bInf) {
            writeExact(s, i, 0, sign << 15);
            return;
        }
        long ma = normalized(aSig), b = normalized(bSig);
        int e = unbiasedExponent(aSig, aSe) - unbiasedExponent(bSig, bSe);
        boolean top;
        long r;
        if (Long.compareUnsigned(ma, b) >= 0) {
            top = false;
            r = ma;
        } else {
            top = true; // the dividend doubled: 2^64 + (ma << 1)
            r = ma << 1;
            e--;
        }
        long q = 0;
        for (int k = 0; k < 64; k++) {
            boolean ge = top || Long.compareUnsigned(r, b) >= 0;
            if (ge) {
                r -= b;
            }
            q = (q << 1) | (ge ? 1 : 0);
            if (k < 63) {
                top = r < 0;
                r <<= 1;
            }
        }
        boolean t2 = r < 0;
        long r2 = r << 1;
        boolean halfOrMore = t2 || Long.compareUnsigned(r2, b) >= 0;
        boolean exactHalf = !t2 && r2 == b;
        long lo = (halfOrMore ? INTEGER_BIT : 0) | (r != 0 && !exactHalf ? 1 : 0);
        roundToRegister(s, i, sign, e, q, lo);
    }

    /** Signed comparison result of two non-NaN, supported values: -1, 0 or 1 (+0 equals -0). */
    static int compareOrdered(long aSig, int aSe, long bSig, int bSe) {
        boolean aZero = aSig == 0 && exp(aSe) == 0, bZero = bSig == 0 && exp(bSe) == 0;
        if (aZero && bZero) {
            return 0;
        }
        int sa = aZero ? sign(bSe) ^ 1 : sign(aSe);
        int sb = bZero ? sign(aSe) ^ 1 : sign(bSe);
        if (aZero) {
            return sb == 0 ? -1 : 1;
        }
        if (bZero) {
            return sa == 0 ? 1 : -1;
        }
        if (sa != sb) {
            return sa == 0 ? 1 : -1;
        }
        int ea = exp(aSe) == MAX_EXP ? Integer.MAX_VALUE : unbiasedExponent(aSig, aSe);
        int eb = exp(bSe) == MAX_EXP ? Integer.MAX_VALUE : unbiasedExponent(bSig, bSe);
        int mag = ea != eb ? Integer.compare(ea, eb) : Long.compareUnsigned(normalized(aSig), normalized(bSig));
        return sa == 0 ? mag : -mag;
    }
}
