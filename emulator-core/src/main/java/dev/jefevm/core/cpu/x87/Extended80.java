package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.CpuState;

/**
 * The double-extended format (SDM Vol.1 4.2.2 and 8.2.2) as the registers hold it: a 64-bit
 * significand with an explicit integer bit and a 16-bit sign+exponent (bias 16383). This class
 * classifies values, writes exact results, and gives the shared exception responses: the real
 * indefinite for #IA, NaN propagation, and the operand screening every arithmetic operation
 * starts with. Rounding is in {@link Rounding}, the basic operations in
 * {@link ExtendedArithmetic}. Nothing here allocates.
 */
public final class Extended80 {

    public static final int BIAS = 16383, MAX_EXP = 0x7FFF;
    public static final long INTEGER_BIT = 1L << 63, QUIET_BIT = 1L << 62;
    /** The real indefinite QNaN (SDM Vol.1 4.8.3.7): sign 1, exponent all ones, significand C000...0. */
    public static final long INDEFINITE_SIG = 0xC000_0000_0000_0000L;
    public static final int INDEFINITE_SE = 0xFFFF;

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

    /** Writes a value that needs no rounding (zero, infinity, NaN, a copy) and clears C1. */
    static void writeExact(CpuState s, int i, long sig, int se) {
        X87Stack.set(s, i, sig, se);
        s.fpuStatus &= ~X87Status.C1;
    }

    // ---------------- results and exception responses ----------------

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
