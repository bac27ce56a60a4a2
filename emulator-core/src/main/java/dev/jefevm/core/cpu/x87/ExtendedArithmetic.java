package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;
import static dev.jefevm.core.cpu.x87.Extended80.invalid;
import static dev.jefevm.core.cpu.x87.Extended80.isDenormal;
import static dev.jefevm.core.cpu.x87.Extended80.isInfinity;
import static dev.jefevm.core.cpu.x87.Extended80.isZero;
import static dev.jefevm.core.cpu.x87.Extended80.normalized;
import static dev.jefevm.core.cpu.x87.Extended80.screen;
import static dev.jefevm.core.cpu.x87.Extended80.sign;
import static dev.jefevm.core.cpu.x87.Extended80.unbiasedExponent;
import static dev.jefevm.core.cpu.x87.Extended80.writeExact;

import dev.jefevm.core.cpu.CpuState;

/**
 * Addition, subtraction, multiplication and division of double-extended values on integers
 * (SDM Vol.2 FADD/FSUB/FMUL/FDIV): the exact result as a 128-bit significand (64x64-bit
 * products with Math.unsignedMultiplyHigh, quotients by bit-serial division), rounded once by
 * {@link Rounding} into ST(i). Special operands follow SDM Vol.1 Tables 8-10 to 8-12. Nothing
 * here allocates.
 */
final class ExtendedArithmetic {

    private ExtendedArithmetic() {
    }

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
            Rounding.roundToRegister(s, i, sign(vse), unbiasedExponent(v, vse), normalized(v), 0);
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
        Rounding.roundToRegister(s, i, sa, ea, hi, lo);
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
        Rounding.roundToRegister(s, i, sign, e, hi, lo);
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
            if (bZero && !aInf && X87Status.raise(s, X87Status.ZE)) { // infinity / 0 is an exact infinity
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
        Rounding.roundToRegister(s, i, sign, e, q, lo);
    }
}
