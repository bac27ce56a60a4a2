package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.CpuState;

/**
 * FPREM and FPREM1 (SDM Vol.2): the exact remainder of ST(0) / ST(1), with the quotient
 * truncated (FPREM) or rounded to nearest-even (FPREM1). When the exponents differ by 64 or
 * more the reduction is partial: ST(0) is reduced by a multiple of ST(1) * 2^(D - N) and C2 is
 * set so that software loops; N is {@link #partialBits}. On completion C2 is clear and
 * the three low quotient bits go to C0 (Q2), C3 (Q1) and C1 (Q0). The remainder of two
 * values is always representable, so no rounding happens; the reduction runs bit by bit on the
 * 64-bit significands.
 */
final class PartialRemainder {

    /**
     * The processor-dependent reduction step N of a partial remainder (SDM: between 32 and 63):
     * 32 + (D mod 32), so that the remaining exponent difference D - N is a multiple of 32, as the
     * host processor the tests were recorded on does.
     */
    static int partialBits(int d) {
        return 32 + (d & 31);
    }

    private PartialRemainder() {
    }

    static void execute(CpuState s, boolean nearest) {
        // C2 = 0 ("reduction complete") also when no remainder is computed; C0 and C3 then stay, as on the host
        s.fpuStatus &= ~X87Status.C2;
        if (X87Stack.isEmpty(s, 0) || X87Stack.isEmpty(s, 1)) {
            X87Stack.underflow(s, 0);
            return;
        }
        long x = X87Stack.significand(s, 0), y = X87Stack.significand(s, 1);
        int xe = X87Stack.signExp(s, 0), ye = X87Stack.signExp(s, 1);
        if (Extended80.isUnsupported(x, xe) || Extended80.isUnsupported(y, ye)) {
            Extended80.invalid(s, 0);
            return;
        }
        if (Extended80.isNaN(x, xe) || Extended80.isNaN(y, ye)) {
            Extended80.propagateNaN(s, 0, x, xe, y, ye);
            return;
        }
        if (Extended80.isInfinity(x, xe) || Extended80.isZero(y, ye)) {
            Extended80.invalid(s, 0);
            return;
        }
        if ((Extended80.isDenormal(x, xe) || Extended80.isDenormal(y, ye)) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        if (Extended80.isZero(x, xe) || Extended80.isInfinity(y, ye)) {
            X87Status.setConditions(s, X87Status.CONDITION, 0);
            if (Extended80.isDenormal(x, xe) && !X87Status.masked(s, X87Status.UE)) {
                // a denormal dividend is a tiny result: unmasked #U delivers it normalized with the
                // exponent adjusted (SDM Vol.1 8.5.5), as the host does
                Rounding.roundToRegister(s, 0, Extended80.sign(xe), Extended80.unbiasedExponent(x, xe),
                        Extended80.normalized(x), 0, 64, X87Status.roundingControl(s));
                return;
            }
            // the dividend stays, a pseudo-denormal one normalized (exponent 0 becomes 1)
            Extended80.writeExact(s, 0, x, x < 0 && Extended80.exp(xe) == 0 ? xe + 1 : xe);
            return;
        }
        int ex = Extended80.unbiasedExponent(x, xe), ey = Extended80.unbiasedExponent(y, ye);
        long mx = Extended80.normalized(x), my = Extended80.normalized(y);
        int sign = Extended80.sign(xe);
        int d = ex - ey;
        if (d >= 64) {
            // partial: r = x - y * trunc(x / y / 2^(d-N)) * 2^(d-N), in units of 2^(ey - 63 + d - N)
            int n = partialBits(d);
            long r = reduce(mx, my, n);
            write(s, sign, r, ey + d - n);
            X87Status.setConditions(s, X87Status.CONDITION, X87Status.C2);
            return;
        }
        long r;
        int q;
        int unitExp;
        if (d < 0) {
            r = mx;
            q = 0;
            unitExp = ex;
            if (nearest && (d == -1 && Long.compareUnsigned(mx, my) > 0)) {
                // |x| > |y| / 2: the quotient rounds to 1 and the remainder changes sign
                r = (my << 1) - mx; // 2my - mx < 2^64 because mx > my
                q = 1;
                sign ^= 1;
            }
        } else {
            boolean ge = Long.compareUnsigned(mx, my) >= 0;
            r = ge ? mx - my : mx;
            q = ge ? 1 : 0;
            for (int k = 0; k < d; k++) {
                boolean carry = r < 0;
                r <<= 1;
                boolean bit = carry || Long.compareUnsigned(r, my) >= 0;
                if (bit) {
                    r -= my;
                }
                q = (q << 1) | (bit ? 1 : 0);
            }
            unitExp = ey;
            if (nearest && r != 0) {
                // compare the remainder with my / 2
                int cmp = r < 0 ? 1 : Long.compareUnsigned(r << 1, my);
                if (cmp > 0 || (cmp == 0 && (q & 1) != 0)) {
                    r = my - r;
                    q++;
                    sign ^= 1;
                }
            }
        }
        write(s, sign, r, unitExp);
        int c = ((q & 4) != 0 ? X87Status.C0 : 0) | ((q & 2) != 0 ? X87Status.C3 : 0)
                | ((q & 1) != 0 ? X87Status.C1 : 0);
        X87Status.setConditions(s, X87Status.CONDITION, c);
    }

    /** mx * 2^n mod my, for normalized significands. */
    private static long reduce(long mx, long my, int n) {
        long r = Long.compareUnsigned(mx, my) >= 0 ? mx - my : mx;
        for (int k = 0; k < n; k++) {
            boolean carry = r < 0;
            r <<= 1;
            if (carry || Long.compareUnsigned(r, my) >= 0) {
                r -= my;
            }
        }
        return r;
    }

    /** ST(0) = sign * r * 2^(unitExp - 63), exact. A zero remainder keeps the dividend's sign. */
    private static void write(CpuState s, int sign, long r, int unitExp) {
        if (r == 0) {
            Extended80.writeExact(s, 0, 0, Extended80.sign(X87Stack.signExp(s, 0)) << 15);
            return;
        }
        int n = Long.numberOfLeadingZeros(r);
        Rounding.roundToRegister(s, 0, sign, unitExp - n, r << n, 0, 64, X87Status.RC_NEAREST);
    }
}
