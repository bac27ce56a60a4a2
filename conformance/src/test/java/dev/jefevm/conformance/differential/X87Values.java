package dev.jefevm.conformance.differential;

import java.util.Random;

/**
 * x87 operand values that find bugs, in each memory format (SDM Vol.1 4.2.2, 4.7, Table 4-3):
 * signed zeros, denormals and pseudo-denormals, the smallest and largest normals, infinities,
 * quiet and signalling NaNs, the real indefinite, unsupported 80-bit encodings (unnormals,
 * pseudo-NaNs, pseudo-infinities), small integers and halves (rounding ties), and random
 * values near one and across the whole exponent range.
 */
final class X87Values {

    private static final long INTEGER_BIT = 0x8000_0000_0000_0000L;

    private X87Values() {
    }

    /** An 80-bit value as {significand, sign+exponent}. */
    static long[] extended(Random r) {
        long sign = r.nextBoolean() ? 0x8000 : 0;
        long m = INTEGER_BIT | r.nextLong();
        long e;
        switch (r.nextInt(16)) {
            case 0 -> { // zero
                m = 0;
                e = 0;
            }
            case 1 -> { // denormal
                m = r.nextLong() >>> 1 >>> r.nextInt(63);
                m = m == 0 ? 1 : m;
                e = 0;
            }
            case 2 -> { // pseudo-denormal: exponent 0 with the integer bit set
                e = 0;
            }
            case 3 -> { // infinity
                m = INTEGER_BIT;
                e = 0x7FFF;
            }
            case 4 -> { // QNaN, SNaN or the indefinite
                m = switch (r.nextInt(3)) {
                    case 0 -> 0xC000_0000_0000_0000L;
                    case 1 -> 0xC000_0000_0000_0000L | r.nextLong();
                    default -> INTEGER_BIT | (r.nextLong() >>> 2 | 1);
                };
                e = 0x7FFF;
            }
            case 5 -> { // largest and smallest normals and their neighbours
                m = r.nextBoolean() ? -1L : INTEGER_BIT | r.nextInt(2);
                e = Values.pick(r, 1, 2, 0x7FFE, 0x7FFD);
            }
            case 6 -> { // unsupported: unnormal, pseudo-NaN, pseudo-infinity
                m = r.nextLong() >>> 1;
                e = r.nextBoolean() ? 0x7FFF : 1 + r.nextInt(0x7FFE);
            }
            case 7, 8 -> { // a small integer or half-integer (exact conversions, rounding ties)
                long n = 1 + r.nextInt(1 << 12);
                int shift = Long.numberOfLeadingZeros(n);
                m = n << shift;
                e = 0x3FFF + 63 - shift - (r.nextInt(3) == 0 ? 1 : 0);
            }
            case 9 -> { // a large integer near the int16/int32/int64 limits
                int bits = Values.pick(r, 15, 16, 31, 32, 63, 64, 18 * 4);
                e = 0x3FFF + bits - 1 - r.nextInt(2);
                if (r.nextBoolean()) {
                    m = -1L;
                }
            }
            case 10, 11, 12 -> e = 0x3FFF + r.nextInt(130) - 65; // near one
            case 13 -> e = 0x3FFF + r.nextInt(32) - 16; // within the int range of FIST and FSCALE
            default -> e = 1 + r.nextInt(0x7FFE); // anywhere
        }
        if (r.nextInt(6) == 0) {
            m &= -1L << Values.pick(r, 11, 40); // exactly representable in binary64 / binary32 precision
        }
        return new long[] {m, sign | e};
    }

    /** A binary32 bit pattern. */
    static long binary32(Random r) {
        int sign = r.nextBoolean() ? 0x8000_0000 : 0;
        int bits = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(0x7F_FFFF); // denormal
            case 2 -> 0x7F80_0000; // infinity
            case 3 -> 0x7FC0_0000 | r.nextInt(0x40_0000); // QNaN
            case 4 -> 0x7F80_0000 | 1 + r.nextInt(0x3F_FFFF); // SNaN
            case 5 -> Values.pick(r, 0x7F7F_FFFF, 0x0080_0000, 0x3F80_0000, 0x3F00_0000, 0x4B00_0000);
            case 6 -> Float.floatToRawIntBits(r.nextInt(100_000));
            default -> r.nextInt() & 0x7FFF_FFFF;
        };
        return (sign | bits) & 0xFFFF_FFFFL;
    }

    /** A binary64 bit pattern. */
    static long binary64(Random r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        long bits = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1 + (r.nextLong() >>> 12); // denormal
            case 2 -> 0x7FF0_0000_0000_0000L; // infinity
            case 3 -> 0x7FF8_0000_0000_0000L | r.nextLong() >>> 13; // QNaN
            case 4 -> 0x7FF0_0000_0000_0000L | 1 + (r.nextLong() >>> 14); // SNaN
            case 5 -> Values.pick(r, new Long[] {0x7FEF_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
                0x3FF0_0000_0000_0000L, 0x3FE0_0000_0000_0000L, 0x4330_0000_0000_0000L});
            case 6 -> Double.doubleToRawLongBits(r.nextInt(1_000_000));
            case 7 -> 0x3FF0_0000_0000_0000L + (r.nextLong() >> 8); // near one
            default -> r.nextLong() & Long.MAX_VALUE;
        };
        return sign | bits;
    }

    /**
     * An 80-bit packed BCD value {low 8 bytes, high 2 bytes} (SDM Vol.1 4.7): 18 valid digits and
     * a sign byte, sometimes only a few digits, sometimes with the ignored sign-byte bits set.
     */
    static long[] bcd(Random r) {
        int digits = r.nextInt(3) == 0 ? r.nextInt(4) : 18;
        long lo = 0, hi = 0;
        for (int d = 0; d < digits; d++) {
            long digit = r.nextInt(10);
            if (d < 16) {
                lo |= digit << (4 * d);
            } else {
                hi |= digit << (4 * (d - 16));
            }
        }
        hi |= r.nextBoolean() ? 0x8000 : 0;
        if (r.nextInt(10) == 0) {
            hi |= 0x7F00; // sign-byte bits 6:0, which FBLD ignores
        }
        return new long[] {lo, hi};
    }
}
