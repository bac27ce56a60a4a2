package dev.jefevm.core.cpu.x87;

import static dev.jefevm.core.cpu.x87.Extended80.INTEGER_BIT;
import static dev.jefevm.core.cpu.x87.Extended80.QUIET_BIT;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * x87 data transfers (SDM Vol.1 8.3.3, Vol.2 FLD/FST/FILD/FIST/FISTTP/FBLD/FBSTP/FXCH/FCMOVcc
 * and the constant loads). Loads push after checking for stack overflow; stores check every
 * destination byte before changing any state so that a page fault leaves the FPU untouched.
 * FLD and FSTP of the 80-bit format and between registers copy bits exactly and never signal.
 */
final class X87Transfers {

    /**
     * The constants of FLD1 ... FLDZ as 128-bit truncated significands and unbiased exponents;
     * they are rounded to 64 bits by the rounding control only (SDM Vol.1 8.3.7).
     */
    private static final long PI_HI = 0xC90F_DAA2_2168_C234L, PI_LO = 0xC4C6_628B_80DC_1CD1L;
    private static final long L2T_HI = 0xD49A_784B_CD1B_8AFEL, L2T_LO = 0x492B_F6FF_4DAF_DB4CL;
    private static final long L2E_HI = 0xB8AA_3B29_5C17_F0BBL, L2E_LO = 0xBE87_FED0_691D_3E89L;
    private static final long LG2_HI = 0x9A20_9A84_FBCF_F798L, LG2_LO = 0x8F89_59AC_0B7C_9178L;
    private static final long LN2_HI = 0xB172_17F7_D1CF_79ABL, LN2_LO = 0xC9E3_B398_03F2_F6AFL;

    /** The FPU opcode (FOP) of FSTP1 ST(i), the D9 D8+i alias of FSTP, with i masked off. */
    private static final int FSTP1_OPCODE = 0x1D8;

    private X87Transfers() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        switch (insn.op) {
            case FLD -> {
                if (insn.kind0 == Instruction.K_MEM) {
                    loadMemory(cpu, insn);
                } else {
                    loadRegister(s, insn.reg0);
                }
            }
            case FST, FSTP -> {
                boolean pop = insn.op == Op.FSTP;
                if (insn.kind0 == Instruction.K_MEM) {
                    storeMemory(cpu, insn, pop);
                } else {
                    storeRegister(s, insn.reg0, pop, ((int) insn.imm & 0x7F8) == FSTP1_OPCODE);
                }
            }
            case FILD -> loadInteger(cpu, insn);
            case FIST -> storeInteger(cpu, insn, false, X87Status.roundingControl(s));
            case FISTP -> storeInteger(cpu, insn, true, X87Status.roundingControl(s));
            case FISTTP -> storeInteger(cpu, insn, true, X87Status.RC_ZERO);
            case FBLD -> loadBcd(cpu, insn);
            case FBSTP -> storeBcd(cpu, insn);
            case FLD1 -> pushExact(s, INTEGER_BIT, Extended80.BIAS);
            case FLDZ -> pushExact(s, 0, 0);
            case FLDPI -> pushConstant(s, PI_HI, PI_LO, 1);
            case FLDL2T -> pushConstant(s, L2T_HI, L2T_LO, 1);
            case FLDL2E -> pushConstant(s, L2E_HI, L2E_LO, 0);
            case FLDLG2 -> pushConstant(s, LG2_HI, LG2_LO, -2);
            case FLDLN2 -> pushConstant(s, LN2_HI, LN2_LO, -1);
            case FXCH -> exchange(s, insn.reg0);
            default -> conditionalMove(s, insn); // FCMOVCC
        }
    }

    private static void pushExact(CpuState s, long sig, int se) {
        if (X87Stack.full(s)) {
            X87Stack.overflow(s);
            return;
        }
        s.fpuStatus &= ~X87Status.C1;
        X87Stack.push(s, sig, se);
    }

    private static void pushConstant(CpuState s, long hi, long lo, int exp) {
        long sig = Rounding.roundSignificand(hi, lo, 64, X87Status.roundingControl(s), 0);
        pushExact(s, sig, exp + Extended80.BIAS);
    }

    private static void loadRegister(CpuState s, int i) {
        // an empty source is reported before a full stack (C1 = 0), as the host does
        if (X87Stack.isEmpty(s, i)) {
            if (!X87Stack.underflow(s, -1)) {
                X87Stack.push(s, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            return;
        }
        if (X87Stack.full(s)) {
            X87Stack.overflow(s);
            return;
        }
        pushExact(s, X87Stack.significand(s, i), X87Stack.signExp(s, i));
    }

    private static void loadMemory(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        Mmu m = cpu.mmu;
        long sig;
        int se;
        boolean denormal = false;
        switch (insn.opSize) {
            case 4 -> {
                int bits = m.read32(ea);
                sig = X87Convert.binary32Significand(bits);
                se = X87Convert.binary32SignExp(bits);
                denormal = X87Convert.binary32IsDenormal(bits);
            }
            case 8 -> {
                long bits = m.read64(ea);
                sig = X87Convert.binary64Significand(bits);
                se = X87Convert.binary64SignExp(bits);
                denormal = X87Convert.binary64IsDenormal(bits);
            }
            default -> {
                sig = m.read64(ea);
                se = m.read16(ea + 8) & 0xFFFF;
                pushExact(s, sig, se); // m80: copied as is, never signals (SDM Vol.2 FLD)
                return;
            }
        }
        if (X87Stack.full(s)) {
            X87Stack.overflow(s);
            return;
        }
        if (Extended80.isSignaling(sig, se)) {
            if (X87Status.raise(s, X87Status.IE)) {
                return;
            }
            sig |= QUIET_BIT;
        } else if (denormal) {
            X87Status.raise(s, X87Status.DE); // the load completes even when #D is unmasked (as recorded on the host)
        }
        pushExact(s, sig, se);
    }

    private static void storeRegister(CpuState s, int i, boolean pop, boolean alias) {
        if (X87Stack.isEmpty(s, 0)) {
            if (alias) {
                // the undocumented FSTP1 (D9 D8+i) on an empty ST(0): no stack fault, ST(i) untouched,
                // just the pop (as the host does)
                s.fpuStatus &= ~X87Status.C1;
                X87Stack.pop(s);
                return;
            }
            if (X87Stack.underflow(s, i)) {
                return;
            }
        } else {
            s.fpuStatus &= ~X87Status.C1;
            X87Stack.set(s, i, X87Stack.significand(s, 0), X87Stack.signExp(s, 0));
        }
        if (pop) {
            X87Stack.pop(s);
        }
    }

    private static void storeMemory(Cpu cpu, Instruction insn, boolean pop) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        Mmu m = cpu.mmu;
        int size = insn.opSize;
        m.probeWrite(ea, size);
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        if (X87Stack.isEmpty(s, 0)) {
            if (X87Stack.underflow(s, -1)) {
                return;
            }
            sig = Extended80.INDEFINITE_SIG;
            se = Extended80.INDEFINITE_SE;
        }
        switch (size) {
            case 4 -> {
                int bits = X87Convert.toBinary32(s, sig, se);
                if (X87Convert.aborted(s)) {
                    return;
                }
                m.write32(ea, bits);
            }
            case 8 -> {
                long bits = X87Convert.toBinary64(s, sig, se);
                if (X87Convert.aborted(s)) {
                    return;
                }
                m.write64(ea, bits);
            }
            default -> {
                s.fpuStatus &= ~X87Status.C1;
                m.write64(ea, sig);
                m.write16(ea + 8, se);
            }
        }
        if (pop) {
            X87Stack.pop(s);
        }
    }

    private static void loadInteger(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        long v = switch (insn.opSize) {
            case 2 -> (short) cpu.mmu.read16(ea);
            case 4 -> cpu.mmu.read32(ea);
            default -> cpu.mmu.read64(ea);
        };
        pushExact(s, X87Convert.integerSignificand(v), X87Convert.integerSignExp(v));
    }

    private static void storeInteger(Cpu cpu, Instruction insn, boolean pop, int rc) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        int size = insn.opSize;
        cpu.mmu.probeWrite(ea, size);
        long v;
        if (X87Stack.isEmpty(s, 0)) {
            if (X87Stack.underflow(s, -1)) {
                return;
            }
            v = 1L << (size * 8 - 1);
        } else {
            v = X87Convert.toInteger(s, X87Stack.significand(s, 0), X87Stack.signExp(s, 0), size * 8, rc);
            if (X87Convert.aborted(s)) {
                return;
            }
        }
        Operands.writeMem(cpu, ea, size, v);
        if (pop) {
            X87Stack.pop(s);
        }
    }

    /** FBLD: 18 packed decimal digits and a sign byte (SDM Vol.1 4.7), always exact. */
    private static void loadBcd(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        long low = cpu.mmu.read64(ea);
        int high = cpu.mmu.read16(ea + 8);
        long v = 0;
        v = v * 10 + ((high >>> 4) & 0xF);
        v = v * 10 + (high & 0xF);
        for (int b = 7; b >= 0; b--) {
            int byteValue = (int) (low >>> (8 * b)) & 0xFF;
            v = v * 10 + (byteValue >>> 4);
            v = v * 10 + (byteValue & 0xF);
        }
        int sign = (high & 0x8000) != 0 ? 0x8000 : 0;
        pushExact(s, X87Convert.integerSignificand(v), X87Convert.integerSignExp(v) | sign);
    }

    /** FBSTP: rounds by the rounding control; #IA and the BCD indefinite beyond 18 digits. */
    private static void storeBcd(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = Operands.effectiveAddress(cpu, insn);
        cpu.mmu.probeWrite(ea, 10);
        long low;
        int high;
        s.fpuStatus &= ~X87Status.C1;
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        boolean indefinite = false;
        long mag = 0;
        if (X87Stack.isEmpty(s, 0)) {
            if (X87Stack.underflow(s, -1)) {
                return;
            }
            indefinite = true;
        } else if (Extended80.exp(se) == Extended80.MAX_EXP || Extended80.isUnsupported(sig, se)) {
            indefinite = true;
        } else {
            mag = X87Convert.truncatedMagnitude(sig, se);
            int fraction = X87Convert.fractionClass(sig, se);
            boolean up = X87Convert.roundsUp(mag, fraction, X87Status.roundingControl(s), Extended80.sign(se));
            if (mag == -1 || Long.compareUnsigned(mag + (up ? 1 : 0), 999_999_999_999_999_999L) > 0) {
                indefinite = true;
            } else {
                mag += up ? 1 : 0;
                if (fraction != 0) {
                    X87Status.setC1(s, up);
                    X87Status.raise(s, X87Status.PE);
                }
            }
        }
        if (indefinite) {
            s.fpuStatus &= ~X87Status.C1;
            if (!X87Stack.isEmpty(s, 0) && X87Status.raise(s, X87Status.IE)) {
                return;
            }
            low = X87Convert.BCD_INDEFINITE_LOW;
            high = X87Convert.BCD_INDEFINITE_HIGH;
        } else {
            low = 0;
            for (int b = 0; b < 8; b++) {
                long two = mag % 100;
                mag /= 100;
                low |= ((two / 10) << 4 | (two % 10)) << (8 * b);
            }
            high = (int) ((mag / 10) << 4 | (mag % 10)) | (Extended80.sign(se) != 0 ? 0x8000 : 0);
        }
        cpu.mmu.write64(ea, low);
        cpu.mmu.write16(ea + 8, high);
        X87Stack.pop(s);
    }

    private static void exchange(CpuState s, int i) {
        boolean e0 = X87Stack.isEmpty(s, 0), ei = X87Stack.isEmpty(s, i);
        if (e0 || ei) {
            if (X87Stack.underflow(s, -1)) {
                return;
            }
            if (e0) {
                X87Stack.set(s, 0, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
            if (ei) {
                X87Stack.set(s, i, Extended80.INDEFINITE_SIG, Extended80.INDEFINITE_SE);
            }
        }
        long sig = X87Stack.significand(s, 0);
        int se = X87Stack.signExp(s, 0);
        X87Stack.set(s, 0, X87Stack.significand(s, i), X87Stack.signExp(s, i));
        X87Stack.set(s, i, sig, se);
        s.fpuStatus &= ~X87Status.C1;
    }

    private static void conditionalMove(CpuState s, Instruction insn) {
        int i = insn.reg1;
        if (X87Stack.isEmpty(s, 0) || X87Stack.isEmpty(s, i)) {
            X87Stack.underflow(s, 0);
            return;
        }
        // C1 is left as it was: the host (AMD) does not clear it, although Intel documents "C1 set to 0"
        if (Flags.condition(s, insn.condition)) {
            X87Stack.set(s, 0, X87Stack.significand(s, i), X87Stack.signExp(s, i));
        }
    }
}
