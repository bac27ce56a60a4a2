package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.CpuState;

/**
 * The x87 register stack (SDM Vol.1 8.1.2): TOP in the status word, ST(i) mapped to physical
 * register (TOP + i) mod 8, and the tag of each physical register. CpuState keeps the abridged
 * tag byte of FXSAVE (bit i set = physical register i is not empty); the full two-bit tags of
 * FNSTENV/FNSAVE are computed from the register contents (SDM Vol.1 8.1.7).
 */
public final class X87Stack {

    public static final int TAG_VALID = 0, TAG_ZERO = 1, TAG_SPECIAL = 2, TAG_EMPTY = 3;

    private X87Stack() {
    }

    public static int top(CpuState s) {
        return (s.fpuStatus >>> X87Status.TOP_SHIFT) & 7;
    }

    public static void setTop(CpuState s, int top) {
        s.fpuStatus = (s.fpuStatus & ~X87Status.TOP_MASK) | ((top & 7) << X87Status.TOP_SHIFT);
    }

    /** The physical register holding ST(i). */
    public static int phys(CpuState s, int i) {
        return (top(s) + i) & 7;
    }

    public static boolean isEmpty(CpuState s, int i) {
        return (s.fpuTagWord & (1 << phys(s, i))) == 0;
    }

    /** Writes ST(i) and tags it as in use. */
    public static void set(CpuState s, int i, long significand, int signExp) {
        int p = phys(s, i);
        s.fpuMantissa[p] = significand;
        s.fpuExponent[p] = signExp & 0xFFFF;
        s.fpuTagWord |= 1 << p;
    }

    public static long significand(CpuState s, int i) {
        return s.fpuMantissa[phys(s, i)];
    }

    public static int signExp(CpuState s, int i) {
        return s.fpuExponent[phys(s, i)];
    }

    /** TOP - 1; the new ST(0) is not written. */
    public static void decrementTop(CpuState s) {
        setTop(s, top(s) - 1);
    }

    /** Marks ST(0) empty and increments TOP. */
    public static void pop(CpuState s) {
        s.fpuTagWord &= ~(1 << top(s));
        setTop(s, top(s) + 1);
    }

    /** Marks ST(i) empty without moving TOP (FFREE). */
    public static void free(CpuState s, int i) {
        s.fpuTagWord &= ~(1 << phys(s, i));
    }

    /** Pushes a value: TOP - 1, then ST(0) = value. The caller has checked ST(7) is empty. */
    public static void push(CpuState s, long significand, int signExp) {
        decrementTop(s);
        set(s, 0, significand, signExp);
    }

    /** The full 16-bit tag word of FNSTENV/FNSAVE, two bits per physical register. */
    public static int fullTagWord(CpuState s) {
        int tw = 0;
        for (int p = 0; p < 8; p++) {
            int tag;
            if ((s.fpuTagWord & (1 << p)) == 0) {
                tag = TAG_EMPTY;
            } else {
                tag = classTag(s.fpuMantissa[p], s.fpuExponent[p]);
            }
            tw |= tag << (2 * p);
        }
        return tw;
    }

    /** The tag a non-empty register gets from its contents (SDM Vol.1 8.1.7). */
    static int classTag(long sig, int se) {
        int exp = se & 0x7FFF;
        if (exp == 0) {
            return sig == 0 ? TAG_ZERO : TAG_SPECIAL;
        }
        if (exp == 0x7FFF || sig >= 0) { // NaN, infinity, or an unnormal (integer bit clear)
            return TAG_SPECIAL;
        }
        return TAG_VALID;
    }

    /** The abridged tag byte for a full tag word: empty (11) becomes 0, anything else 1. */
    public static int abridge(int fullTag) {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            if (((fullTag >>> (2 * p)) & 3) != TAG_EMPTY) {
                t |= 1 << p;
            }
        }
        return t;
    }

    /**
     * Stack underflow (#IS: IE and SF with C1 = 0, SDM Vol.1 8.5.1.1) for an operation whose
     * destination is ST(i); the masked response writes the real indefinite there. Pass -1 for
     * no register destination. Returns true if the exception is unmasked.
     */
    public static boolean underflow(CpuState s, int i) {
        s.fpuStatus &= ~X87Status.C1;
        if (X87Status.raise(s, X87Status.IE | X87Status.SF)) {
            return true;
        }
        if (i >= 0) {
            set(s, i, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
        }
        return false;
    }

    /**
     * Stack overflow on a push (#IS with C1 = 1): the masked response pushes the real
     * indefinite. Returns true if the exception is unmasked (nothing is pushed).
     */
    public static boolean overflow(CpuState s) {
        s.fpuStatus |= X87Status.C1;
        if (X87Status.raise(s, X87Status.IE | X87Status.SF)) {
            return true;
        }
        push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
        return false;
    }

    /** True if a push would overflow: ST(7) is in use. */
    public static boolean full(CpuState s) {
        return !isEmpty(s, 7);
    }
}
