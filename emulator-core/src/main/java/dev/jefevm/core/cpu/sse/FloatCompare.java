package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE/SSE2 floating-point compares (SDM Vol.2 CMPPS/CMPSS/CMPPD/CMPSD with imm8 predicates 0-7,
 * and COMISS/COMISD/UCOMISS/UCOMISD). CMPxx writes an all-ones or all-zeros mask per element;
 * (U)COMIS set ZF, PF, CF (unordered 111, less 001, equal 100, greater 000) and clear OF, SF, AF.
 * COMIS signals #I for any NaN, UCOMIS only for an SNaN.
 */
final class FloatCompare {

    private static final long LOW32 = 0xFFFF_FFFFL;

    private FloatCompare() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long[] x = s.xmm;
        int d = insn.reg0 << 1;
        int p = (int) insn.imm & 7;
        switch (insn.op) {
            case CMPSS -> {
                int b = XmmOperands.source32(cpu, insn);
                int old = Mxcsr.begin(s);
                boolean r = Binary32.compare(s, p, (int) x[d], b);
                Mxcsr.end(s, old);
                x[d] = (x[d] & ~LOW32) | (r ? LOW32 : 0);
            }
            case CMPSD_XMM -> {
                long b = XmmOperands.source64(cpu, insn);
                int old = Mxcsr.begin(s);
                boolean r = Binary64.compare(s, p, x[d], b);
                Mxcsr.end(s, old);
                x[d] = r ? -1L : 0;
            }
            case CMPPS -> {
                long bLo = XmmOperands.sourceLow(cpu, insn, true);
                long bHi = XmmOperands.sourceHigh(cpu, insn);
                long aLo = x[d], aHi = x[d + 1];
                int old = Mxcsr.begin(s);
                long lo = mask32(s, p, aLo, bLo);
                long hi = mask32(s, p, aHi, bHi);
                Mxcsr.end(s, old);
                x[d] = lo;
                x[d + 1] = hi;
            }
            case CMPPD -> {
                long bLo = XmmOperands.sourceLow(cpu, insn, true);
                long bHi = XmmOperands.sourceHigh(cpu, insn);
                int old = Mxcsr.begin(s);
                boolean lo = Binary64.compare(s, p, x[d], bLo);
                boolean hi = Binary64.compare(s, p, x[d + 1], bHi);
                Mxcsr.end(s, old);
                x[d] = lo ? -1L : 0;
                x[d + 1] = hi ? -1L : 0;
            }
            case UCOMISS, COMISS -> {
                int b = XmmOperands.source32(cpu, insn);
                int a = (int) x[d];
                int old = Mxcsr.begin(s);
                a = Binary32.daz(s, a);
                b = Binary32.daz(s, b);
                boolean unordered = Binary32.isNaN(a) || Binary32.isNaN(b);
                signalUnordered(s, insn.op == Op.COMISS, unordered,
                        Binary32.isSignaling(a) || Binary32.isSignaling(b),
                        Binary32.isDenormal(a) || Binary32.isDenormal(b));
                Mxcsr.end(s, old);
                float fa = Binary32.value(a), fb = Binary32.value(b);
                setFlags(s, unordered, fa < fb, fa == fb);
            }
            default -> { // UCOMISD, COMISD
                long b = XmmOperands.source64(cpu, insn);
                long a = x[d];
                int old = Mxcsr.begin(s);
                a = Binary64.daz(s, a);
                b = Binary64.daz(s, b);
                boolean unordered = Binary64.isNaN(a) || Binary64.isNaN(b);
                signalUnordered(s, insn.op == Op.COMISD, unordered,
                        Binary64.isSignaling(a) || Binary64.isSignaling(b),
                        Binary64.isDenormal(a) || Binary64.isDenormal(b));
                Mxcsr.end(s, old);
                double da = Binary64.value(a), db = Binary64.value(b);
                setFlags(s, unordered, da < db, da == db);
            }
        }
    }

    private static long mask32(CpuState s, int p, long a, long b) {
        boolean lo = Binary32.compare(s, p, (int) a, (int) b);
        boolean hi = Binary32.compare(s, p, (int) (a >>> 32), (int) (b >>> 32));
        return (lo ? LOW32 : 0) | (hi ? ~LOW32 : 0);
    }

    private static void signalUnordered(CpuState s, boolean signalQuiet, boolean unordered, boolean signaling,
                                        boolean denormal) {
        if (unordered) {
            if (signalQuiet || signaling) {
                s.mxcsr |= Mxcsr.IE;
            }
        } else if (denormal) {
            s.mxcsr |= Mxcsr.DE;
        }
    }

    private static void setFlags(CpuState s, boolean unordered, boolean less, boolean equal) {
        long f;
        if (unordered) {
            f = CpuState.ZF | CpuState.PF | CpuState.CF;
        } else if (less) {
            f = CpuState.CF;
        } else if (equal) {
            f = CpuState.ZF;
        } else {
            f = 0;
        }
        Flags.setArith(s, f);
    }
}
