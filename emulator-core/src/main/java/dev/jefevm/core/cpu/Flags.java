package dev.jefevm.core.cpu;

/**
 * RFLAGS with lazily evaluated arithmetic flags (SDM Vol.1 3.4.3). An instruction that sets
 * the arithmetic flags only records what it did ({@code CpuState.lazyOp}, operand size,
 * operands and result); a flag is computed when something reads it (Jcc, SETcc, PUSHF, ...).
 *
 * <p>Operations: {@link #ADD}/{@link #SUB} ({@code lazyDst} op {@code lazySrc} = {@code lazyResult}),
 * {@link #ADC}/{@link #SBB} (carry-in in bit 0 of {@code lazyFlags}), {@link #INC}/{@link #DEC}
 * (CF preserved in {@code lazyFlags}), {@link #RESULT} (CF, OF and AF given in
 * {@code lazyFlags}; ZF, SF and PF derived from the result: logic ops, shifts, multiplies) and
 * {@link #MATERIALIZED} (all six in {@code lazyFlags}). Every recorder must store the result
 * already truncated to the operand size (ZF tests it against 0 directly).
 */
public final class Flags {

    public static final int MATERIALIZED = 0, ADD = 1, ADC = 2, SUB = 3, SBB = 4, INC = 5, DEC = 6, RESULT = 7;

    private static final long ARITH = CpuState.ARITH_FLAGS;
    /** RFLAGS bits that exist (SDM Vol.1 3.4.3): everything else reads as 0, bit 1 as 1. */
    private static final long DEFINED = 0x3F_7FD5L;

    private Flags() {
    }

    /** The full RFLAGS value. */
    public static long get(CpuState s) {
        return (s.rflagsControl & ~ARITH) | arith(s) | 2;
    }

    /** Sets all of RFLAGS (no privilege checks: POPF/IRET apply their own rules first). */
    public static void set(CpuState s, long rflags) {
        s.rflagsControl = (rflags & DEFINED & ~ARITH) | 2;
        s.lazyOp = MATERIALIZED;
        s.lazyFlags = rflags & ARITH;
    }

    /** Replaces the six arithmetic flags with {@code flags & ARITH_FLAGS}. */
    public static void setArith(CpuState s, long flags) {
        s.lazyOp = MATERIALIZED;
        s.lazyFlags = flags & ARITH;
    }

    /** Materializes the arithmetic flags, then changes only those in {@code which} to {@code values}. */
    public static void update(CpuState s, long which, long values) {
        long f = arith(s);
        s.lazyOp = MATERIALIZED;
        s.lazyFlags = (f & ~which) | (values & which);
    }

    /** Records a result whose CF, OF and AF are {@code cfOfAf} and whose ZF, SF, PF follow from {@code result}. */
    public static void result(CpuState s, int size, long result, long cfOfAf) {
        s.lazyOp = RESULT;
        s.lazySize = size;
        s.lazyResult = result & mask(size);
        s.lazyFlags = cfOfAf;
    }

    /** The six arithmetic flags as RFLAGS bits. */
    public static long arith(CpuState s) {
        if (s.lazyOp == MATERIALIZED) {
            return s.lazyFlags;
        }
        long f = 0;
        if (cf(s)) f |= CpuState.CF;
        if (pf(s)) f |= CpuState.PF;
        if (af(s)) f |= CpuState.AF;
        if (zf(s)) f |= CpuState.ZF;
        if (sf(s)) f |= CpuState.SF;
        if (of(s)) f |= CpuState.OF;
        return f;
    }

    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size << 3)) - 1;
    }

    public static long signBit(int size) {
        return 1L << ((size << 3) - 1);
    }

    /** CF as 0 or 1; cheap when the last operation already keeps CF in {@code lazyFlags}. */
    public static long carryBit(CpuState s) {
        int op = s.lazyOp;
        if (op == MATERIALIZED || op >= INC) {
            return s.lazyFlags & CpuState.CF;
        }
        return cf(s) ? 1 : 0;
    }

    public static boolean cf(CpuState s) {
        long m = mask(s.lazySize);
        return switch (s.lazyOp) {
            case ADD -> Long.compareUnsigned(s.lazyResult & m, s.lazyDst & m) < 0;
            case ADC -> (s.lazyFlags & 1) != 0
                    ? Long.compareUnsigned(s.lazyResult & m, s.lazyDst & m) <= 0
                    : Long.compareUnsigned(s.lazyResult & m, s.lazyDst & m) < 0;
            case SUB -> Long.compareUnsigned(s.lazyDst & m, s.lazySrc & m) < 0;
            case SBB -> (s.lazyFlags & 1) != 0
                    ? Long.compareUnsigned(s.lazyDst & m, s.lazySrc & m) <= 0
                    : Long.compareUnsigned(s.lazyDst & m, s.lazySrc & m) < 0;
            default -> (s.lazyFlags & CpuState.CF) != 0; // INC, DEC, RESULT, MATERIALIZED
        };
    }

    public static boolean zf(CpuState s) {
        if (s.lazyOp == MATERIALIZED) {
            return (s.lazyFlags & CpuState.ZF) != 0;
        }
        return s.lazyResult == 0; // results are recorded truncated to the operand size
    }

    public static boolean sf(CpuState s) {
        if (s.lazyOp == MATERIALIZED) {
            return (s.lazyFlags & CpuState.SF) != 0;
        }
        return (s.lazyResult & signBit(s.lazySize)) != 0;
    }

    public static boolean pf(CpuState s) {
        if (s.lazyOp == MATERIALIZED) {
            return (s.lazyFlags & CpuState.PF) != 0;
        }
        return (Long.bitCount(s.lazyResult & 0xFF) & 1) == 0;
    }

    public static boolean af(CpuState s) {
        return switch (s.lazyOp) {
            case ADD, ADC, SUB, SBB, INC, DEC -> ((s.lazyDst ^ s.lazySrc ^ s.lazyResult) & 0x10) != 0;
            default -> (s.lazyFlags & CpuState.AF) != 0;
        };
    }

    public static boolean of(CpuState s) {
        long sign = signBit(s.lazySize);
        return switch (s.lazyOp) {
            case ADD, ADC, INC -> ((s.lazyDst ^ s.lazyResult) & (s.lazySrc ^ s.lazyResult) & sign) != 0;
            case SUB, SBB, DEC -> ((s.lazyDst ^ s.lazySrc) & (s.lazyDst ^ s.lazyResult) & sign) != 0;
            default -> (s.lazyFlags & CpuState.OF) != 0;
        };
    }

    /** Evaluates condition code {@code cc} (SDM Vol.1 B.1: O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G). */
    public static boolean condition(CpuState s, int cc) {
        boolean r = switch (cc >>> 1) {
            case 0 -> of(s);
            case 1 -> cf(s);
            case 2 -> zf(s);
            case 3 -> cf(s) || zf(s);
            case 4 -> sf(s);
            case 5 -> pf(s);
            case 6 -> sf(s) != of(s);
            default -> zf(s) || sf(s) != of(s);
        };
        return r ^ ((cc & 1) != 0);
    }
}
