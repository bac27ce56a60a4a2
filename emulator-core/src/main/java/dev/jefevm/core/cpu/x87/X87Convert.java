package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.BIAS;
import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;
import static dev.jefevm.core.cpu.x87.Extended80.QUIET_BIT;

import dev.jefevm.core.cpu.CpuState;

/**
 * Conversions between the double-extended register format and the memory formats of the x87
 * (SDM Vol.1 8.2 and 4.2: binary32, binary64, 16/32/64-bit integers, 18-digit packed BCD).
 * Loads into the extended format are always exact, so a value is returned as two parts: its
 * significand ({@code *Significand}) and its sign+exponent ({@code *SignExp}). Stores round by
 * the rounding control only (precision control does not apply, SDM Vol.1 8.1.5.2) and signal
 * through {@link X87Status}; after an unmasked invalid, overflow or underflow exception the
 * caller stores nothing ({@link #aborted}).
 */
public final class X87Convert {

    /** The integer indefinite and the packed-BCD indefinite (SDM Vol.1 4.8.3.8, 4.7). */
    static final long BCD_INDEFINITE_LOW = 0xC000_0000_0000_0000L;
    static final int BCD_INDEFINITE_HIGH = 0xFFFF;

    private X87Convert() {
    }

    /** True if an unmasked exception other than precision was raised: the store must not happen. */
    static boolean aborted(CpuState s) {
        return (s.fpuStatus & ~s.fpuControl & (X87Status.IE | X87Status.DE | X87Status.ZE | X87Status.OE
                | X87Status.UE)) != 0;
    }

    // ---------------- binary32 / binary64 loads ----------------

    static long binary32Significand(int bits) {
        int e = (bits >>> 23) & 0xFF;
        long frac = bits & 0x7F_FFFFL;
        if (e == 0) {
            return frac == 0 ? 0 : frac << Long.numberOfLeadingZeros(frac);
        }
        return INTEGER_BIT | frac << 40;
    }

    static int binary32SignExp(int bits) {
        int sign = (bits >>> 31) << 15;
        int e = (bits >>> 23) & 0xFF;
        long frac = bits & 0x7F_FFFFL;
        if (e == 0) {
            return frac == 0 ? sign : sign | (-86 - Long.numberOfLeadingZeros(frac) + BIAS);
        }
        return sign | (e == 0xFF ? MAX_EXP : e - 127 + BIAS);
    }

    static boolean binary32IsDenormal(int bits) {
        return (bits & 0x7F80_0000) == 0 && (bits & 0x7F_FFFF) != 0;
    }

    static long binary64Significand(long bits) {
        int e = (int) (bits >>> 52) & 0x7FF;
        long frac = bits & 0xF_FFFF_FFFF_FFFFL;
        if (e == 0) {
            return frac == 0 ? 0 : frac << Long.numberOfLeadingZeros(frac);
        }
        return INTEGER_BIT | frac << 11;
    }

    static int binary64SignExp(long bits) {
        int sign = (int) (bits >>> 63) << 15;
        int e = (int) (bits >>> 52) & 0x7FF;
        long frac = bits & 0xF_FFFF_FFFF_FFFFL;
        if (e == 0) {
            return frac == 0 ? sign : sign | (-1011 - Long.numberOfLeadingZeros(frac) + BIAS);
        }
        return sign | (e == 0x7FF ? MAX_EXP : e - 1023 + BIAS);
    }

    static boolean binary64IsDenormal(long bits) {
        return (bits & 0x7FF0_0000_0000_0000L) == 0 && (bits & 0xF_FFFF_FFFF_FFFFL) != 0;
    }

    // ---------------- integer loads ----------------

    static long integerSignificand(long v) {
        long mag = v < 0 ? -v : v; // -2^63 stays 0x8000...: the right unsigned magnitude
        return mag == 0 ? 0 : mag << Long.numberOfLeadingZeros(mag);
    }

    static int integerSignExp(long v) {
        long mag = v < 0 ? -v : v;
        if (mag == 0) {
            return 0;
        }
        return (v < 0 ? 0x8000 : 0) | (63 - Long.numberOfLeadingZeros(mag) + BIAS);
    }

    // ---------------- stores to binary32 / binary64 ----------------

    /** FST m32fp: returns the bits to store. */
    static int toBinary32(CpuState s, long sig, int se) {
        return (int) toBinary(s, sig, se, 24, 8);
    }

    /** FST m64fp: returns the bits to store. */
    static long toBinary64(CpuState s, long sig, int se) {
        return toBinary(s, sig, se, 53, 11);
    }

    private static long toBinary(CpuState s, long sig, int se, int prec, int expBits) {
        int fracBits = prec - 1;
        int emax = (1 << (expBits - 1)) - 1;
        int emin = 1 - emax;
        long sign = (long) Extended80.sign(se) << (fracBits + expBits);
        long expAll = ((1L << expBits) - 1) << fracBits;
        s.fpuStatus &= ~X87Status.C1;
        if (Extended80.isUnsupported(sig, se)) {
            X87Status.raise(s, X87Status.IE);
            return (1L << (fracBits + expBits)) | expAll | (1L << (fracBits - 1));
        }
        if (Extended80.isNaN(sig, se)) {
            if ((sig & QUIET_BIT) == 0) {
                X87Status.raise(s, X87Status.IE);
            }
            return sign | expAll | ((sig | QUIET_BIT) << 1 >>> (64 - fracBits));
        }
        if (Extended80.isInfinity(sig, se)) {
            return sign | expAll;
        }
        if (Extended80.isZero(sig, se)) {
            return sign;
        }
        int sgn = Extended80.sign(se);
        int e = Extended80.unbiasedExponent(sig, se);
        long hi = Extended80.normalized(sig), lo = 0;
        int rc = X87Status.roundingControl(s);
        long mask = -1L >>> prec;
        if (e < emin) {
            boolean tiny = !Rounding.TINY_AFTER_ROUNDING || e < emin - 1
                    || Rounding.roundSignificand(hi, 0, prec, rc, sgn) != 0;
            if (tiny && !X87Status.masked(s, X87Status.UE)) {
                X87Status.raise(s, X87Status.UE);
                return 0;
            }
            int shift = emin - e;
            if (shift >= 64) {
                lo = 1;
                hi = 0;
            } else {
                lo = hi << (64 - shift);
                hi >>>= shift;
            }
            long trunc = hi & ~mask;
            boolean inexact = ((hi & mask) | lo) != 0;
            long r = Rounding.roundSignificand(hi, lo, prec, rc, sgn);
            long field = r < 0 ? 1 : 0;
            if (inexact) {
                X87Status.setC1(s, r != trunc);
                X87Status.raise(s, X87Status.PE | (tiny ? X87Status.UE : 0));
            }
            return sign | field << fracBits | ((r << 1) >>> (64 - fracBits));
        }
        long trunc = hi & ~mask;
        boolean inexact = (hi & mask) != 0;
        long r = Rounding.roundSignificand(hi, lo, prec, rc, sgn);
        if (r == 0) {
            r = INTEGER_BIT;
            e++;
        }
        if (e > emax) {
            if (!X87Status.masked(s, X87Status.OE)) {
                X87Status.raise(s, X87Status.OE);
                return 0;
            }
            boolean toInfinity = rc == X87Status.RC_NEAREST || (rc == X87Status.RC_UP && sgn == 0)
                    || (rc == X87Status.RC_DOWN && sgn != 0);
            X87Status.setC1(s, toInfinity);
            X87Status.raise(s, X87Status.OE | X87Status.PE);
            return toInfinity ? sign | expAll : sign | (expAll - (1L << fracBits)) | ((1L << fracBits) - 1);
        }
        if (inexact) {
            X87Status.setC1(s, r != trunc);
            X87Status.raise(s, X87Status.PE);
        }
        return sign | (long) (e + emax) << fracBits | ((r << 1) >>> (64 - fracBits));
    }

    // ---------------- rounding to an integer ----------------

    /**
     * The magnitude of a finite value with its fraction dropped, or -1 if it is 2^64 or more.
     */
    static long truncatedMagnitude(long sig, int se) {
        if (Extended80.isZero(sig, se)) {
            return 0;
        }
        int e = Extended80.unbiasedExponent(sig, se);
        if (e < 0) {
            return 0;
        }
        if (e > 63) {
            return -1;
        }
        return Extended80.normalized(sig) >>> (63 - e);
    }

    /** The dropped fraction: 0 none, 1 below one half, 2 exactly one half, 3 above one half. */
    static int fractionClass(long sig, int se) {
        if (Extended80.isZero(sig, se)) {
            return 0;
        }
        int e = Extended80.unbiasedExponent(sig, se);
        if (e >= 63) {
            return 0;
        }
        long m = Extended80.normalized(sig);
        long frac;
        if (e >= 0) {
            frac = m << (e + 1);
        } else if (e == -1) {
            frac = m;
        } else {
            return 1;
        }
        if (frac == 0) {
            return 0;
        }
        return frac == INTEGER_BIT ? 2 : Long.compareUnsigned(frac, INTEGER_BIT) < 0 ? 1 : 3;
    }

    /** Whether rounding the truncated magnitude {@code mag} goes up one, for a fraction class and mode. */
    static boolean roundsUp(long mag, int fraction, int rc, int sign) {
        if (fraction == 0) {
            return false;
        }
        return switch (rc) {
            case X87Status.RC_NEAREST -> fraction == 3 || (fraction == 2 && (mag & 1) != 0);
            case X87Status.RC_DOWN -> sign != 0;
            case X87Status.RC_UP -> sign == 0;
            default -> false;
        };
    }

    /**
     * FIST/FISTP/FISTTP: the {@code bits}-wide two's-complement integer, rounded by {@code rc}; the
     * integer indefinite (most negative value) with #IA for NaNs, infinities, unsupported
     * formats and values out of range (SDM Vol.2 FIST).
     */
    static long toInteger(CpuState s, long sig, int se, int bits, int rc) {
        long indefinite = 1L << (bits - 1);
        s.fpuStatus &= ~X87Status.C1;
        if (Extended80.exp(se) == MAX_EXP || Extended80.isUnsupported(sig, se)) {
            X87Status.raise(s, X87Status.IE);
            return indefinite;
        }
        int sign = Extended80.sign(se);
        long mag = truncatedMagnitude(sig, se);
        int fraction = fractionClass(sig, se);
        boolean up = roundsUp(mag, fraction, rc, sign);
        if (mag == -1) {
            X87Status.raise(s, X87Status.IE);
            return indefinite;
        }
        long r = up ? mag + 1 : mag;
        long limit = sign != 0 ? indefinite : indefinite - 1; // |min| = 2^(bits-1), max = 2^(bits-1)-1
        if (Long.compareUnsigned(r, limit) > 0 || (up && r == 0)) {
            X87Status.raise(s, X87Status.IE);
            return indefinite;
        }
        if (fraction != 0) {
            X87Status.setC1(s, up);
            X87Status.raise(s, X87Status.PE);
        }
        return sign != 0 ? -r : r;
    }
}
