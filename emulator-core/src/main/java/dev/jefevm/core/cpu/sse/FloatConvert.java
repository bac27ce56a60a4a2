package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE/SSE2 conversions (SDM Vol.1 11.4.6; Vol.2 CVTxx2xx): between signed integers and floats,
 * and between single and double precision. Rounding follows MXCSR.RC, the CVTT forms truncate;
 * a NaN or a value out of the destination's range gives #I and the "integer indefinite"
 * 0x80000000 / 0x8000000000000000 (SDM Vol.1 4.8.3.7). Narrowing a NaN keeps its sign and the
 * top of its payload; widening one appends zeros; both quiet it.
 */
final class FloatConvert {

    private static final long LOW32 = 0xFFFF_FFFFL;
    private static final int INDEFINITE32 = 0x8000_0000;

    private FloatConvert() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        Op op = insn.op;
        int old;
        switch (op) {
            case CVTSI2SS, CVTSI2SD -> {
                int size = insn.opSize == 8 ? 8 : 4;
                long v = insn.kind1 == Instruction.K_GPR ? Operands.readGpr(s, insn.reg1, size)
                        : Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
                if (size == 4) {
                    v = (int) v;
                }
                int d = insn.reg0 << 1;
                old = Mxcsr.begin(s);
                if (op == Op.CVTSI2SS) {
                    int r = longToSingle(s, v);
                    Mxcsr.end(s, old);
                    x[d] = (x[d] & ~LOW32) | (r & LOW32);
                } else {
                    long r = longToDouble(s, v);
                    Mxcsr.end(s, old);
                    x[d] = r;
                }
            }
            case CVTSS2SI, CVTTSS2SI -> {
                int a = Binary32.daz(s, XmmOperands.source32(cpu, insn));
                int size = insn.opSize == 8 ? 8 : 4;
                old = Mxcsr.begin(s);
                long r = toInteger(s, Binary32.value(a), Binary32.isNaN(a), size, op == Op.CVTTSS2SI);
                Mxcsr.end(s, old);
                Operands.writeGpr(s, insn.reg0, size, r);
            }
            case CVTSD2SI, CVTTSD2SI -> {
                long a = Binary64.daz(s, XmmOperands.source64(cpu, insn));
                int size = insn.opSize == 8 ? 8 : 4;
                old = Mxcsr.begin(s);
                long r = toInteger(s, Binary64.value(a), Binary64.isNaN(a), size, op == Op.CVTTSD2SI);
                Mxcsr.end(s, old);
                Operands.writeGpr(s, insn.reg0, size, r);
            }
            case CVTSS2SD -> {
                int a = XmmOperands.source32(cpu, insn);
                old = Mxcsr.begin(s);
                long r = singleToDouble(s, a);
                Mxcsr.end(s, old);
                x[insn.reg0 << 1] = r;
            }
            case CVTSD2SS -> {
                long a = XmmOperands.source64(cpu, insn);
                int d = insn.reg0 << 1;
                old = Mxcsr.begin(s);
                int r = doubleToSingle(s, a);
                Mxcsr.end(s, old);
                x[d] = (x[d] & ~LOW32) | (r & LOW32);
            }
            case CVTPS2PD -> {
                long a = XmmOperands.source64(cpu, insn);
                old = Mxcsr.begin(s);
                long lo = singleToDouble(s, (int) a);
                long hi = singleToDouble(s, (int) (a >>> 32));
                Mxcsr.end(s, old);
                write(x, insn.reg0, lo, hi);
            }
            case CVTDQ2PD -> {
                long a = XmmOperands.source64(cpu, insn);
                write(x, insn.reg0, Binary64.bits((int) a), Binary64.bits((int) (a >>> 32)));
            }
            default -> packed128(cpu, insn, op);
        }
    }

    /** The conversions with an aligned {@code xmm/m128} source. */
    private static void packed128(Cpu cpu, Instruction insn, Op op) {
        CpuState s = cpu.state;
        long bLo = XmmOperands.sourceLow(cpu, insn, true);
        long bHi = XmmOperands.sourceHigh(cpu, insn);
        int old = Mxcsr.begin(s);
        long lo, hi;
        switch (op) {
            case CVTPD2PS -> {
                lo = (doubleToSingle(s, bLo) & LOW32) | (long) doubleToSingle(s, bHi) << 32;
                hi = 0;
            }
            case CVTPD2DQ, CVTTPD2DQ -> {
                lo = doublesToDwords(s, bLo, bHi, op == Op.CVTTPD2DQ);
                hi = 0;
            }
            case CVTDQ2PS -> {
                lo = dwordsToSingles(s, bLo);
                hi = dwordsToSingles(s, bHi);
            }
            default -> { // CVTPS2DQ, CVTTPS2DQ
                boolean t = op == Op.CVTTPS2DQ;
                lo = singlesToDwords(s, bLo, t);
                hi = singlesToDwords(s, bHi, t);
            }
        }
        Mxcsr.end(s, old);
        write(s.xmm, insn.reg0, lo, hi);
    }

    private static void write(long[] x, int reg, long lo, long hi) {
        x[reg << 1] = lo;
        x[(reg << 1) + 1] = hi;
    }

    /** Two signed doublewords (a quadword) to two singles (CVTDQ2PS, CVTPI2PS). */
    static long dwordsToSingles(CpuState s, long q) {
        return (longToSingle(s, (int) q) & LOW32) | (long) longToSingle(s, (int) (q >>> 32)) << 32;
    }

    /** Two doubles to two signed doublewords (CVTPD2DQ, CVTPD2PI), {@code lo} into the low one. */
    static long doublesToDwords(CpuState s, long lo, long hi, boolean truncate) {
        long a0 = Binary64.daz(s, lo), a1 = Binary64.daz(s, hi);
        return (toInteger(s, Binary64.value(a0), Binary64.isNaN(a0), 4, truncate) & LOW32)
                | toInteger(s, Binary64.value(a1), Binary64.isNaN(a1), 4, truncate) << 32;
    }

    /** Two singles (a quadword) to two signed doublewords (CVTPS2DQ, CVTPS2PI). */
    static long singlesToDwords(CpuState s, long q, boolean truncate) {
        int a0 = Binary32.daz(s, (int) q), a1 = Binary32.daz(s, (int) (q >>> 32));
        return (toInteger(s, Binary32.value(a0), Binary32.isNaN(a0), 4, truncate) & LOW32)
                | toInteger(s, Binary32.value(a1), Binary32.isNaN(a1), 4, truncate) << 32;
    }

    /**
     * Rounds {@code v} to a signed integer of {@code size} bytes (MXCSR.RC, or toward zero when
     * {@code truncate}); NaN and out-of-range values raise #I and give the integer indefinite.
     */
    static long toInteger(CpuState s, double v, boolean nan, int size, boolean truncate) {
        long indefinite = size == 8 ? Long.MIN_VALUE : INDEFINITE32 & LOW32;
        if (nan) {
            s.mxcsr |= Mxcsr.IE;
            return indefinite;
        }
        int rc = truncate ? Mxcsr.RC_ZERO : Mxcsr.roundingMode(s);
        double r = switch (rc) {
            case Mxcsr.RC_NEAREST -> Math.rint(v);
            case Mxcsr.RC_DOWN -> Math.floor(v);
            case Mxcsr.RC_UP -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
        boolean outOfRange = size == 8 ? r < -0x1p63 || r >= 0x1p63 : r < -0x1p31 || r >= 0x1p31;
        if (outOfRange) {
            s.mxcsr |= Mxcsr.IE;
            return indefinite;
        }
        if (r != v) {
            s.mxcsr |= Mxcsr.PE;
        }
        long result = (long) r;
        return size == 8 ? result : result & LOW32;
    }

    /** A signed integer to single precision under MXCSR.RC; #P when inexact. */
    static int longToSingle(CpuState s, long v) {
        float r = v; // JLS 5.1.2: round to nearest
        int sgn = r >= 0x1p63f ? -1 : Long.compare(v, (long) r); // (long) saturates only at +2^63
        return Binary32.finish(s, r, sgn, true);
    }

    /** A signed integer to double precision under MXCSR.RC; #P when inexact. */
    static long longToDouble(CpuState s, long v) {
        double r = v;
        int sgn = r >= 0x1p63 ? -1 : Long.compare(v, (long) r);
        return Binary64.finish(s, r, sgn, true);
    }

    /** CVTSS2SD on one element: exact, except that an SNaN raises #I and NaNs are quieted. */
    static long singleToDouble(CpuState s, int a) {
        a = Binary32.daz(s, a);
        if (Binary32.isNaN(a)) {
            if (Binary32.isSignaling(a)) {
                s.mxcsr |= Mxcsr.IE;
            }
            return ((long) (a & Binary32.SIGN) << 32) | Binary64.EXP | Binary64.QUIET
                    | (long) (a & Binary32.FRAC) << 29;
        }
        if (Binary32.isDenormal(a)) {
            s.mxcsr |= Mxcsr.DE;
        }
        return Binary64.bits(Binary32.value(a));
    }

    /** CVTSD2SS on one element, rounded under MXCSR.RC with overflow, underflow and precision flags. */
    static int doubleToSingle(CpuState s, long a) {
        a = Binary64.daz(s, a);
        if (Binary64.isNaN(a)) {
            if (Binary64.isSignaling(a)) {
                s.mxcsr |= Mxcsr.IE;
            }
            return (int) (a >>> 32) & Binary32.SIGN | Binary32.EXP | Binary32.QUIET
                    | (int) ((a & Binary64.FRAC) >>> 29);
        }
        if (Binary64.isDenormal(a)) {
            s.mxcsr |= Mxcsr.DE;
        }
        double d = Binary64.value(a);
        float r = (float) d;
        int sgn = Float.isInfinite(r) ? 0 : d == r ? 0 : d > r ? 1 : -1;
        int result = Binary32.finish(s, r, sgn, !Double.isInfinite(d));
        if (result == Binary32.UNMASKED_RANGE) {
            return Binary32.precisionOfUnmasked(s, UnboundedPrecision.valueInexact(d, 24));
        }
        if (sgn != 0 && (result & ~Binary32.SIGN) == Float.floatToRawIntBits(Float.MIN_NORMAL)) {
            return Binary32.boundaryUnderflow(s, result, doubleToSingle(s, Binary64.bits(d * 0x1p64)));
        }
        return result;
    }
}
