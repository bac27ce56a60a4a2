package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.BIAS;
import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.MAX_EXP;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;
import java.math.BigInteger;

/**
 * x87 basic arithmetic (SDM Vol.1 8.3.5-8.3.6 and Vol.2): FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR in
 * their register, popping, m32fp/m64fp and m16int/m32int forms, and FCHS, FABS, FSQRT,
 * FRNDINT, FSCALE, FXTRACT, FPREM and FPREM1. Operand forms come from X87OpcodeMap: a memory
 * form works on ST(0) and the memory value, a register form on operand 0 (destination) and
 * operand 1. An empty operand register is a stack underflow.
 */
final class X87Arithmetic {

    private static final int ADD = 0, SUB = 1, SUBR = 2, MUL = 3, DIV = 4, DIVR = 5;

    private X87Arithmetic() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case FADD, FIADD -> binary(cpu, insn, ADD, false);
            case FADDP -> binary(cpu, insn, ADD, true);
            case FSUB, FISUB -> binary(cpu, insn, SUB, false);
            case FSUBP -> binary(cpu, insn, SUB, true);
            case FSUBR, FISUBR -> binary(cpu, insn, SUBR, false);
            case FSUBRP -> binary(cpu, insn, SUBR, true);
            case FMUL, FIMUL -> binary(cpu, insn, MUL, false);
            case FMULP -> binary(cpu, insn, MUL, true);
            case FDIV, FIDIV -> binary(cpu, insn, DIV, false);
            case FDIVP -> binary(cpu, insn, DIV, true);
            case FDIVR, FIDIVR -> binary(cpu, insn, DIVR, false);
            case FDIVRP -> binary(cpu, insn, DIVR, true);
            case FCHS -> changeSign(s, true);
            case FABS -> changeSign(s, false);
            case FSQRT -> sqrt(s);
            case FRNDINT -> roundToInteger(s);
            case FSCALE -> scale(s);
            case FXTRACT -> extract(s);
            case FPREM -> PartialRemainder.execute(s, false);
            case FPREM1 -> PartialRemainder.execute(s, true);
            default -> throw CpuFault.ud(); // not reached: X87Executor dispatches only the operations above
        }
    }

    private static void binary(Cpu cpu, Instruction insn, int kind, boolean pop) {
        CpuState s = cpu.state;
        int dst;
        long srcSig;
        int srcSe;
        boolean memoryDenormal = false;
        if (insn.kind0 == Instruction.K_MEM) {
            dst = 0;
            long ea = Operands.effectiveAddress(cpu, insn);
            Mmu m = cpu.mmu;
            boolean integer = isIntegerForm(insn.op);
            if (integer) {
                long v = insn.opSize == 2 ? (short) m.read16(ea) : m.read32(ea);
                srcSig = X87Convert.integerSignificand(v);
                srcSe = X87Convert.integerSignExp(v);
            } else if (insn.opSize == 4) {
                int bits = m.read32(ea);
                srcSig = X87Convert.binary32Significand(bits);
                srcSe = X87Convert.binary32SignExp(bits);
                memoryDenormal = X87Convert.binary32IsDenormal(bits);
            } else {
                long bits = m.read64(ea);
                srcSig = X87Convert.binary64Significand(bits);
                srcSe = X87Convert.binary64SignExp(bits);
                memoryDenormal = X87Convert.binary64IsDenormal(bits);
            }
            if (X87Stack.isEmpty(s, 0)) {
                X87Stack.underflow(s, 0);
                return;
            }
        } else {
            dst = insn.reg0;
            int src = insn.reg1;
            if (X87Stack.isEmpty(s, dst) || X87Stack.isEmpty(s, src)) {
                if (!X87Stack.underflow(s, dst) && pop) {
                    X87Stack.pop(s);
                }
                return;
            }
            srcSig = X87Stack.significand(s, src);
            srcSe = X87Stack.signExp(s, src);
        }
        long dSig = X87Stack.significand(s, dst);
        int dSe = X87Stack.signExp(s, dst);
        // a denormal dividend over zero is #Z only (see ExtendedArithmetic.divide), also from memory
        boolean overZero = kind == DIVR && Extended80.isZero(dSig, dSe);
        if (memoryDenormal && !overZero && !Extended80.isNaN(dSig, dSe) && !Extended80.isUnsupported(dSig, dSe)
                && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        switch (kind) {
            case ADD -> ExtendedArithmetic.add(s, dst, dSig, dSe, srcSig, srcSe, false);
            case SUB -> ExtendedArithmetic.add(s, dst, dSig, dSe, srcSig, srcSe, true);
            case SUBR -> ExtendedArithmetic.add(s, dst, srcSig, srcSe, dSig, dSe, true);
            case MUL -> ExtendedArithmetic.multiply(s, dst, dSig, dSe, srcSig, srcSe);
            case DIV -> ExtendedArithmetic.divide(s, dst, dSig, dSe, srcSig, srcSe);
            default -> ExtendedArithmetic.divide(s, dst, srcSig, srcSe, dSig, dSe);
        }
        if (pop && !X87Status.preComputationFault(s)) {
            X87Stack.pop(s);
        }
    }

    private static boolean isIntegerForm(Op op) {
        return switch (op) {
            case FIADD, FISUB, FISUBR, FIMUL, FIDIV, FIDIVR -> true;
            default -> false;
        };
    }

    /** FCHS / FABS: sign bit only, no exceptions but stack underflow (SDM Vol.2 FCHS, FABS). */
    private static void changeSign(CpuState s, boolean negate) {
        if (X87Stack.isEmpty(s, 0)) {
            X87Stack.underflow(s, 0);
            return;
        }
        int se = X87Stack.signExp(s, 0);
        Extended80.writeExact(s, 0, X87Stack.significand(s, 0), negate ? se ^ 0x8000 : se & 0x7FFF);
    }

    /**
     * The common screening of one-operand operations on ST(0): underflow, unsupported formats,
     * NaNs. Returns true if finished.
     */
    static boolean screenUnary(CpuState s) {
        if (X87Stack.isEmpty(s, 0)) {
            X87Stack.underflow(s, 0);
            return true;
        }
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        if (Extended80.isUnsupported(sig, se)) {
            Extended80.invalid(s, 0);
            return true;
        }
        if (Extended80.isNaN(sig, se)) {
            Extended80.propagateNaN(s, 0, sig, se, sig, se);
            return true;
        }
        return false;
    }

    private static void sqrt(CpuState s) {
        if (screenUnary(s)) {
            return;
        }
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        if (Extended80.isZero(sig, se)) {
            Extended80.writeExact(s, 0, sig, se);
            return;
        }
        if (Extended80.sign(se) != 0) {
            Extended80.invalid(s, 0);
            return;
        }
        if (Extended80.isInfinity(sig, se)) {
            Extended80.writeExact(s, 0, sig, se);
            return;
        }
        if (Extended80.isDenormal(sig, se) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        // value = m * 2^(e-63); scale m by 2^k with (e - 63 - k) even so the root's exponent is whole
        int e = Extended80.unbiasedExponent(sig, se);
        int k = 130 + ((e + 1) & 1);
        BigInteger n = new BigInteger(Long.toUnsignedString(Extended80.normalized(sig))).shiftLeft(k);
        BigInteger r = n.sqrt();
        boolean sticky = !r.multiply(r).equals(n);
        int bits = r.bitLength();
        BigInteger aligned = r.shiftLeft(128 - bits);
        long hi = aligned.shiftRight(64).longValue();
        long lo = aligned.longValue() | (sticky ? 1 : 0);
        Rounding.roundToRegister(s, 0, 0, (e - 63 - k) / 2 + bits - 1, hi, lo);
    }

    /** FRNDINT: round to an integer by the rounding control (precision control does not apply). */
    private static void roundToInteger(CpuState s) {
        if (screenUnary(s)) {
            return;
        }
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        if (Extended80.isInfinity(sig, se) || Extended80.isZero(sig, se)) {
            Extended80.writeExact(s, 0, sig, se);
            return;
        }
        if (Extended80.isDenormal(sig, se) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        int e = Extended80.unbiasedExponent(sig, se);
        if (e >= 63) {
            Extended80.writeExact(s, 0, sig, se);
            return;
        }
        int sign = Extended80.sign(se);
        long mag = X87Convert.truncatedMagnitude(sig, se);
        int fraction = X87Convert.fractionClass(sig, se);
        boolean up = X87Convert.roundsUp(mag, fraction, X87Status.roundingControl(s), sign);
        long r = up ? mag + 1 : mag;
        if (r == 0) {
            X87Stack.set(s, 0, 0, sign << 15);
        } else {
            X87Stack.set(s, 0, r << Long.numberOfLeadingZeros(r),
                    (sign << 15) | (63 - Long.numberOfLeadingZeros(r) + BIAS));
        }
        X87Status.setC1(s, up);
        if (fraction != 0) {
            X87Status.raise(s, X87Status.PE);
        }
    }

    /** FSCALE: ST(0) * 2^trunc(ST(1)) (SDM Vol.2 FSCALE, Table 3-46). */
    private static void scale(CpuState s) {
        if (X87Stack.isEmpty(s, 0) || X87Stack.isEmpty(s, 1)) {
            X87Stack.underflow(s, 0);
            return;
        }
        long a = X87Stack.significand(s, 0), b = X87Stack.significand(s, 1);
        int ae = X87Stack.signExp(s, 0), be = X87Stack.signExp(s, 1);
        if (Extended80.isUnsupported(a, ae) || Extended80.isUnsupported(b, be)) {
            Extended80.invalid(s, 0);
            return;
        }
        if (Extended80.isNaN(a, ae) || Extended80.isNaN(b, be)) {
            Extended80.propagateNaN(s, 0, a, ae, b, be);
            return;
        }
        if ((Extended80.isDenormal(a, ae) || Extended80.isDenormal(b, be)) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        boolean aZero = Extended80.isZero(a, ae), aInf = Extended80.isInfinity(a, ae);
        if (Extended80.isInfinity(b, be)) {
            boolean down = Extended80.sign(be) != 0;
            if ((aZero && !down) || (aInf && down)) {
                Extended80.invalid(s, 0);
            } else if (aZero || aInf) {
                Extended80.writeExact(s, 0, a, ae);
            } else {
                Extended80.writeExact(s, 0, down ? 0 : INTEGER_BIT, (ae & 0x8000) | (down ? 0 : MAX_EXP));
            }
            return;
        }
        if (aZero || aInf) {
            Extended80.writeExact(s, 0, a, ae);
            return;
        }
        long n = 0;
        if (!Extended80.isZero(b, be)) {
            long mag = X87Convert.truncatedMagnitude(b, be);
            n = mag == -1 || Long.compareUnsigned(mag, 1 << 20) > 0 ? 1 << 20 : mag; // beyond any exponent range
            if (Extended80.sign(be) != 0) {
                n = -n;
            }
        }
        // precision control does not apply to FSCALE (SDM Vol.1 8.1.5.2). An unmasked overflow or
        // underflow delivers the exponent-adjusted result (SDM Vol.1 8.5.4, 8.5.5) when the adjustment
        // brings it into range; beyond that the host delivers infinity or zero
        int sign = Extended80.sign(ae);
        int exp = Extended80.unbiasedExponent(a, ae) + (int) n;
        int biased = exp + BIAS;
        if (biased - Rounding.WRAP >= MAX_EXP && !X87Status.masked(s, X87Status.OE)) {
            X87Stack.set(s, 0, INTEGER_BIT, sign << 15 | MAX_EXP);
            X87Status.setC1(s, true);
            X87Status.raise(s, X87Status.OE | X87Status.PE);
            return;
        }
        if (biased + Rounding.WRAP < 1 && !X87Status.masked(s, X87Status.UE)) {
            X87Stack.set(s, 0, 0, sign << 15);
            X87Status.setC1(s, false);
            X87Status.raise(s, X87Status.UE | X87Status.PE);
            return;
        }
        Rounding.roundToRegister(s, 0, sign, exp, Extended80.normalized(a), 0, 64, X87Status.roundingControl(s));
    }

    /** FXTRACT: ST(0) becomes the unbiased exponent, then the significand (exponent 0) is pushed. */
    private static void extract(CpuState s) {
        if (X87Stack.isEmpty(s, 0)) {
            // masked underflow: both halves are the indefinite; a full stack is not reported (as on the host)
            if (!X87Stack.underflow(s, 0)) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (X87Stack.full(s)) {
            if (!X87Stack.overflow(s)) {
                X87Stack.set(s, 1, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        s.fpuStatus &= ~X87Status.C1;
        if (Extended80.isUnsupported(sig, se)) {
            if (!X87Status.raise(s, X87Status.IE)) {
                X87Stack.set(s, 0, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (Extended80.isNaN(sig, se)) {
            if (Extended80.isSignaling(sig, se) && X87Status.raise(s, X87Status.IE)) {
                return;
            }
            X87Stack.set(s, 0, sig | Extended80.QUIET_BIT, se);
            X87Stack.push(s, sig | Extended80.QUIET_BIT, se);
            return;
        }
        if (Extended80.isZero(sig, se)) {
            if (X87Status.raise(s, X87Status.ZE)) {
                return;
            }
            X87Stack.set(s, 0, INTEGER_BIT, 0xFFFF); // -infinity
            X87Stack.push(s, sig, se);
            return;
        }
        if (Extended80.isInfinity(sig, se)) {
            X87Stack.set(s, 0, INTEGER_BIT, MAX_EXP);
            X87Stack.push(s, sig, se);
            return;
        }
        if (Extended80.isDenormal(sig, se) && X87Status.raise(s, X87Status.DE)) {
            return;
        }
        int e = Extended80.unbiasedExponent(sig, se);
        X87Stack.set(s, 0, X87Convert.integerSignificand(e), X87Convert.integerSignExp(e));
        X87Stack.push(s, Extended80.normalized(sig), (se & 0x8000) | BIAS);
    }
}
