package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.X87Status.C0;
import static dev.jefevm.core.cpu.x87.X87Status.C1;
import static dev.jefevm.core.cpu.x87.X87Status.C2;
import static dev.jefevm.core.cpu.x87.X87Status.C3;
import static dev.jefevm.core.cpu.x87.X87Status.CONDITION;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * x87 comparisons and classification (SDM Vol.2 FCOM/FUCOM/FICOM, FCOMI/FUCOMI, FTST, FXAM).
 * FCOM-style results go to C3, C2, C0 (greater 000, less 001, equal 100, unordered 111) with
 * C1 cleared; FCOMI-style results go to ZF, PF, CF with OF, SF and AF cleared (C1 kept). The ordered
 * forms (FCOM, FICOM, FCOMI, FTST) signal #IA for any NaN, the unordered forms only for SNaNs;
 * both for unsupported formats. After an unmasked #IA or #D the result is still reported
 * ("unordered" for #IA) but nothing is popped, as the processor the tests were recorded on does.
 */
final class X87Compare {

    private static final int GREATER = 0, LESS = 1, EQUAL = 2, UNORDERED = 3;

    private X87Compare() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        Op op = insn.op;
        switch (op) {
            case FTST -> compareWith(s, -1, 0, 0, false, false, false, 0);
            case FXAM -> examine(s);
            case FCOMPP, FUCOMPP -> compareWith(s, 1, 0, 0, false, op == Op.FUCOMPP, false, 2);
            case FCOMI, FCOMIP, FUCOMI, FUCOMIP -> compareWith(s, insn.reg1, 0, 0, false,
                    op == Op.FUCOMI || op == Op.FUCOMIP, true, op == Op.FCOMIP || op == Op.FUCOMIP ? 1 : 0);
            default -> {
                boolean unordered = op == Op.FUCOM || op == Op.FUCOMP;
                int pops = op == Op.FCOMP || op == Op.FICOMP || op == Op.FUCOMP ? 1 : 0;
                if (insn.kind0 == Instruction.K_MEM) {
                    memory(cpu, insn, pops);
                } else {
                    compareWith(s, insn.reg0, 0, 0, false, unordered, false, pops);
                }
            }
        }
    }

    private static void memory(Cpu cpu, Instruction insn, int pops) {
        long ea = Operands.effectiveAddress(cpu, insn);
        Mmu m = cpu.mmu;
        long sig;
        int se;
        boolean denormal = false;
        if (insn.op == Op.FICOM || insn.op == Op.FICOMP) {
            long v = insn.opSize == 2 ? (short) m.read16(ea) : m.read32(ea);
            sig = X87Convert.integerSignificand(v);
            se = X87Convert.integerSignExp(v);
        } else if (insn.opSize == 4) {
            int bits = m.read32(ea);
            sig = X87Convert.binary32Significand(bits);
            se = X87Convert.binary32SignExp(bits);
            denormal = X87Convert.binary32IsDenormal(bits);
        } else {
            long bits = m.read64(ea);
            sig = X87Convert.binary64Significand(bits);
            se = X87Convert.binary64SignExp(bits);
            denormal = X87Convert.binary64IsDenormal(bits);
        }
        compareWith(cpu.state, -1, sig, se, denormal, false, false, pops);
    }

    /**
     * Compares ST(0) with ST(i), or with (sig, se) when {@code i} is -1, and pops {@code pops}
     * times unless an unmasked exception was raised.
     */
    private static void compareWith(CpuState s, int i, long sig, int se, boolean memoryDenormal,
                                    boolean unordered, boolean eflags, int pops) {
        int result;
        boolean aborted = false;
        int c1 = s.fpuStatus & C1;
        boolean underflow = X87Stack.isEmpty(s, 0) || (i >= 0 && X87Stack.isEmpty(s, i));
        if (underflow) {
            aborted = X87Stack.underflow(s, -1);
            result = UNORDERED;
        } else {
            long a = X87Stack.significand(s, 0);
            int ae = X87Stack.signExp(s, 0);
            if (i >= 0) {
                sig = X87Stack.significand(s, i);
                se = X87Stack.signExp(s, i);
            }
            boolean nan = Extended80.isNaN(a, ae) || Extended80.isNaN(sig, se);
            boolean unsupported = Extended80.isUnsupported(a, ae) || Extended80.isUnsupported(sig, se);
            if (nan || unsupported) {
                boolean signal = unsupported || !unordered || Extended80.isSignaling(a, ae)
                        || Extended80.isSignaling(sig, se);
                aborted = signal && X87Status.raise(s, X87Status.IE);
                result = UNORDERED;
            } else {
                if (memoryDenormal || Extended80.isDenormal(a, ae) || Extended80.isDenormal(sig, se)) {
                    aborted = X87Status.raise(s, X87Status.DE);
                }
                int c = Extended80.compareOrdered(a, ae, sig, se);
                result = c > 0 ? GREATER : c < 0 ? LESS : EQUAL;
            }
        }
        if (eflags) {
            long f = Flags.get(s) & ~(CpuState.ZF | CpuState.PF | CpuState.CF | CpuState.OF | CpuState.SF
                    | CpuState.AF);
            f |= switch (result) {
                case LESS -> CpuState.CF;
                case EQUAL -> CpuState.ZF;
                case UNORDERED -> CpuState.ZF | CpuState.PF | CpuState.CF;
                default -> 0;
            };
            Flags.set(s, f);
            if (!underflow) {
                // only a stack underflow clears C1: the host keeps it otherwise (Intel documents "set to 0")
                s.fpuStatus |= c1;
            }
        } else {
            int c = switch (result) {
                case LESS -> C0;
                case EQUAL -> C3;
                case UNORDERED -> C3 | C2 | C0;
                default -> 0;
            };
            X87Status.setConditions(s, CONDITION, c);
        }
        if (aborted) {
            return; // after an unmasked #IA or #D the result is still reported, but nothing is popped (as on the host)
        }
        for (int k = 0; k < pops; k++) {
            X87Stack.pop(s);
        }
    }

    /** FXAM: the class of ST(0) in C3, C2, C0 and its sign in C1 (SDM Vol.2 FXAM). */
    private static void examine(CpuState s) {
        int p = X87Stack.phys(s, 0);
        long sig = s.fpuMantissa[p];
        int se = s.fpuExponent[p];
        int c;
        if (X87Stack.isEmpty(s, 0)) {
            c = C3 | C0;
        } else if (Extended80.isUnsupported(sig, se)) {
            c = 0;
        } else if (Extended80.isNaN(sig, se)) {
            c = C0;
        } else if (Extended80.isInfinity(sig, se)) {
            c = C2 | C0;
        } else if (Extended80.isZero(sig, se)) {
            c = C3;
        } else if (Extended80.isDenormal(sig, se)) {
            c = C3 | C2;
        } else {
            c = C2;
        }
        if (Extended80.sign(se) != 0) {
            c |= C1;
        }
        X87Status.setConditions(s, CONDITION, c);
    }
}
