package dev.jefevm.conformance;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where the x87 comparison is not bit for bit: the transcendental instructions
 * F2XM1, FYL2X, FYL2XP1, FSIN, FCOS, FSINCOS, FPTAN and FPATAN. The SDM promises only that
 * their results are within one unit in the last place of the 64-bit significand (SDM Vol.1
 * 8.3.10, "Transcendental Instruction Accuracy"), so Intel, AMD and JefeVM may round the last
 * bit differently; C1, which reports that rounding direction, is then not comparable either.
 * For a case whose last instruction is one of them, each ST(i) may differ from the host's by
 * one ulp (same sign, adjacent encodings) and C1 is ignored. Every difference accepted this way
 * is counted for the report.
 */
public final class X87Tolerance {

    /** The second byte of the tolerant operations, all D9 register forms (SDM Vol.2 Table A-8). */
    private static final int[] TOLERANT_D9 = {
        0xF0, // F2XM1
        0xF1, // FYL2X
        0xF2, // FPTAN
        0xF3, // FPATAN
        0xF9, // FYL2XP1
        0xFB, // FSINCOS
        0xFE, // FSIN
        0xFF, // FCOS
    };

    /** The status-word bit C1 (SDM Vol.1 8.1.3.3). */
    public static final int C1 = 0x200;

    private static final AtomicLong TOLERATED = new AtomicLong();

    private X87Tolerance() {
    }

    /** True if {@code c} is an x87 case whose last instruction is a transcendental one. */
    public static boolean appliesTo(CpuCase c) {
        byte[] code = c.code();
        if (c.family() != Family.X87 || code.length < 2 || (code[code.length - 2] & 0xFF) != 0xD9) {
            return false;
        }
        int second = code[code.length - 1] & 0xFF;
        for (int t : TOLERANT_D9) {
            if (t == second) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if two 80-bit registers are equal or one ulp apart: same sign, and significands that
     * are neighbours when the exponent is taken as the significand's high part (so that
     * 0002_ffffffffffffffff and 0003_8000000000000000 are neighbours too).
     */
    public static boolean withinOneUlp(long hostSig, int hostSe, long jefeSig, int jefeSe) {
        if ((hostSe & 0x8000) != (jefeSe & 0x8000)) {
            return hostSig == jefeSig && hostSe == jefeSe;
        }
        return ordinal(hostSig, hostSe).subtract(ordinal(jefeSig, jefeSe)).abs().compareTo(BigInteger.ONE) <= 0;
    }

    /**
     * The magnitude's position among 80-bit encodings: (exponent - 1) * 2^63 + significand, with
     * a zero exponent (denormals) weighted like exponent 1, where the scale is the same.
     */
    private static BigInteger ordinal(long sig, int se) {
        int exp = se & 0x7FFF;
        BigInteger s = new BigInteger(Long.toUnsignedString(sig));
        return exp == 0 ? s : BigInteger.valueOf(exp - 1).shiftLeft(63).add(s);
    }

    /** Counts one difference accepted by this rule. */
    static void recordTolerated() {
        TOLERATED.incrementAndGet();
    }

    /** How many differences this rule has accepted in this JVM. */
    public static long tolerated() {
        return TOLERATED.get();
    }
}
