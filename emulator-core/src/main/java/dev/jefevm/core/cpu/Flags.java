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
        return carryBit(s.lazyOp, s.lazySize, s.lazyDst, s.lazySrc, s.lazyResult, s.lazyFlags);
    }

    public static boolean cf(CpuState s) {
        return cf(s.lazyOp, s.lazySize, s.lazyDst, s.lazySrc, s.lazyResult, s.lazyFlags);
    }

    public static boolean zf(CpuState s) {
        return zf(s.lazyOp, s.lazyResult, s.lazyFlags);
    }

    public static boolean sf(CpuState s) {
        return sf(s.lazyOp, s.lazySize, s.lazyResult, s.lazyFlags);
    }

    public static boolean pf(CpuState s) {
        return pf(s.lazyOp, s.lazyResult, s.lazyFlags);
    }

    public static boolean af(CpuState s) {
        return af(s.lazyOp, s.lazyDst, s.lazySrc, s.lazyResult, s.lazyFlags);
    }

    public static boolean of(CpuState s) {
        return of(s.lazyOp, s.lazySize, s.lazyDst, s.lazySrc, s.lazyResult, s.lazyFlags);
    }

    /** Evaluates condition code {@code cc} (SDM Vol.1 B.1: O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G). */
    public static boolean condition(CpuState s, int cc) {
        return condition(s.lazyOp, s.lazySize, s.lazyDst, s.lazySrc, s.lazyResult, s.lazyFlags, cc);
    }

    // The same over a record held elsewhere (a compiled unit keeps it in JVM locals): operation,
    // size, destination, source, result and flags word as in CpuState's lazy fields.

    public static long carryBit(int op, int size, long dst, long src, long result, long flags) {
        if (op == MATERIALIZED || op >= INC) {
            return flags & CpuState.CF;
        }
        return cf(op, size, dst, src, result, flags) ? 1 : 0;
    }

    public static boolean cf(int op, int size, long dst, long src, long result, long flags) {
        long m = mask(size);
        return switch (op) {
            case ADD -> Long.compareUnsigned(result & m, dst & m) < 0;
            case ADC -> (flags & 1) != 0
                    ? Long.compareUnsigned(result & m, dst & m) <= 0
                    : Long.compareUnsigned(result & m, dst & m) < 0;
            case SUB -> Long.compareUnsigned(dst & m, src & m) < 0;
            case SBB -> (flags & 1) != 0
                    ? Long.compareUnsigned(dst & m, src & m) <= 0
                    : Long.compareUnsigned(dst & m, src & m) < 0;
            default -> (flags & CpuState.CF) != 0; // INC, DEC, RESULT, MATERIALIZED
        };
    }

    public static boolean zf(int op, long result, long flags) {
        if (op == MATERIALIZED) {
            return (flags & CpuState.ZF) != 0;
        }
        return result == 0; // results are recorded truncated to the operand size
    }

    public static boolean sf(int op, int size, long result, long flags) {
        if (op == MATERIALIZED) {
            return (flags & CpuState.SF) != 0;
        }
        return (result & signBit(size)) != 0;
    }

    public static boolean pf(int op, long result, long flags) {
        if (op == MATERIALIZED) {
            return (flags & CpuState.PF) != 0;
        }
        return (Long.bitCount(result & 0xFF) & 1) == 0;
    }

    public static boolean af(int op, long dst, long src, long result, long flags) {
        return switch (op) {
            case ADD, ADC, SUB, SBB, INC, DEC -> ((dst ^ src ^ result) & 0x10) != 0;
            default -> (flags & CpuState.AF) != 0;
        };
    }

    public static boolean of(int op, int size, long dst, long src, long result, long flags) {
        long sign = signBit(size);
        return switch (op) {
            case ADD, ADC, INC -> ((dst ^ result) & (src ^ result) & sign) != 0;
            case SUB, SBB, DEC -> ((dst ^ src) & (dst ^ result) & sign) != 0;
            default -> (flags & CpuState.OF) != 0;
        };
    }

    public static boolean condition(int op, int size, long dst, long src, long result, long flags, int cc) {
        boolean r = switch (cc >>> 1) {
            case 0 -> of(op, size, dst, src, result, flags);
            case 1 -> cf(op, size, dst, src, result, flags);
            case 2 -> zf(op, result, flags);
            case 3 -> cf(op, size, dst, src, result, flags) || zf(op, result, flags);
            case 4 -> sf(op, size, result, flags);
            case 5 -> pf(op, result, flags);
            case 6 -> sf(op, size, result, flags) != of(op, size, dst, src, result, flags);
            default -> zf(op, result, flags) || sf(op, size, result, flags) != of(op, size, dst, src, result, flags);
        };
        return r ^ ((cc & 1) != 0);
    }
}
