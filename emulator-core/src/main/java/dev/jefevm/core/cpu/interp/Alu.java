package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Integer arithmetic and logic (SDM Vol.1 7.3.2-7.3.3; Vol.2 ADD ... XOR, INC, DEC, NEG, NOT,
 * MUL, IMUL, DIV, IDIV). Read-modify-write memory operands are read, computed and written
 * before flags or registers change, so a fault on the write leaves no trace.
 *
 * <p>Undefined flags chosen: AF is 0 after logic operations; after MUL/IMUL, SF, ZF and PF
 * follow the low half of the result and AF is 0; DIV and IDIV leave all flags unchanged.
 */
final class Alu {

    private Alu() {
    }

    /** ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST: destination operand 0, source operand 1. */
    static void binary(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long src;
        if (insn.kind1 == Instruction.K_IMM) {
            src = insn.imm & Flags.mask(size);
        } else if (insn.kind1 == Instruction.K_GPR) {
            src = Operands.readGpr(s, insn.reg1, size);
        } else {
            src = Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
        }
        Op op = insn.op;
        boolean writes = op != Op.CMP && op != Op.TEST;
        long carry = op == Op.ADC || op == Op.SBB ? Flags.carryBit(s) : 0;
        long dst;
        long res;
        if (insn.kind0 == Instruction.K_GPR) {
            dst = Operands.readGpr(s, insn.reg0, size);
            res = compute(op, size, dst, src, carry);
            if (writes) {
                Operands.writeGpr(s, insn.reg0, size, res);
            }
        } else {
            long ea = Operands.effectiveAddress(cpu, insn);
            dst = Operands.readMem(cpu, ea, size);
            res = compute(op, size, dst, src, carry);
            if (writes) {
                Operands.writeMem(cpu, ea, size, res);
            }
        }
        s.lazyOp = LAZY_OP[op.ordinal()];
        s.lazySize = size;
        s.lazyDst = dst;
        s.lazySrc = src;
        s.lazyResult = res;
        s.lazyFlags = carry;
    }

    /** The {@link Flags} operation each binary ALU operation records. */
    private static final int[] LAZY_OP = new int[Op.values().length];

    static {
        LAZY_OP[Op.ADD.ordinal()] = Flags.ADD;
        LAZY_OP[Op.ADC.ordinal()] = Flags.ADC;
        LAZY_OP[Op.SUB.ordinal()] = Flags.SUB;
        LAZY_OP[Op.CMP.ordinal()] = Flags.SUB;
        LAZY_OP[Op.SBB.ordinal()] = Flags.SBB;
        LAZY_OP[Op.AND.ordinal()] = Flags.RESULT;
        LAZY_OP[Op.TEST.ordinal()] = Flags.RESULT;
        LAZY_OP[Op.OR.ordinal()] = Flags.RESULT;
        LAZY_OP[Op.XOR.ordinal()] = Flags.RESULT;
    }

    /** The result of a binary operation, truncated to {@code size}; pure, so a faulting store changes nothing. */
    private static long compute(Op op, int size, long dst, long src, long carry) {
        long res = switch (op) {
            case ADD -> dst + src;
            case SUB, CMP -> dst - src;
            case AND, TEST -> dst & src;
            case OR -> dst | src;
            case XOR -> dst ^ src;
            case ADC -> dst + src + carry;
            case SBB -> dst - src - carry;
            default -> throw CpuFault.ud();
        };
        return res & Flags.mask(size);
    }

    /** INC, DEC, NEG, NOT on operand 0. */
    static void unary(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        Op op = insn.op;
        if (insn.kind0 == Instruction.K_GPR && (op == Op.DEC || op == Op.INC)) {
            incDecRegister(s, insn, op); // the loop-counter case, kept small for the JIT
            return;
        }
        int size = insn.opSize;
        long mask = Flags.mask(size);
        boolean mem = insn.kind0 == Instruction.K_MEM;
        long ea = mem ? Operands.effectiveAddress(cpu, insn) : 0;
        long dst = mem ? Operands.readMem(cpu, ea, size) : Operands.readGpr(s, insn.reg0, size);
        long res = switch (insn.op) {
            case INC -> (dst + 1) & mask;
            case DEC -> (dst - 1) & mask;
            case NEG -> (-dst) & mask;
            default -> ~dst & mask; // NOT
        };
        if (mem) {
            Operands.writeMem(cpu, ea, size, res);
        } else {
            Operands.writeGpr(s, insn.reg0, size, res);
        }
        switch (insn.op) {
            case INC, DEC -> {
                long cf = Flags.carryBit(s); // SDM: INC/DEC leave CF unchanged
                s.lazyOp = insn.op == Op.INC ? Flags.INC : Flags.DEC;
                s.lazySize = size;
                s.lazyDst = dst;
                s.lazySrc = 1;
                s.lazyResult = res;
                s.lazyFlags = cf;
            }
            case NEG -> {
                s.lazyOp = Flags.SUB; // NEG sets flags as 0 - DEST; CF = (DEST != 0)
                s.lazySize = size;
                s.lazyDst = 0;
                s.lazySrc = dst;
                s.lazyResult = res;
            }
            default -> { } // NOT affects no flags
        }
    }

    private static void incDecRegister(CpuState s, Instruction insn, Op op) {
        int size = insn.opSize;
        long dst = Operands.readGpr(s, insn.reg0, size);
        long res = (op == Op.INC ? dst + 1 : dst - 1) & Flags.mask(size);
        long cf = Flags.carryBit(s); // SDM: INC/DEC leave CF unchanged
        Operands.writeGpr(s, insn.reg0, size, res);
        s.lazyOp = op == Op.INC ? Flags.INC : Flags.DEC;
        s.lazySize = size;
        s.lazyDst = dst;
        s.lazySrc = 1;
        s.lazyResult = res;
        s.lazyFlags = cf;
    }

    /** MUL and one-operand IMUL: rDX:rAX (or AX) = rAX * operand 0; CF = OF = upper half significant. */
    static void mulWide(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 0, size);
        long a = Operands.readGpr(s, CpuState.RAX, size);
        boolean signed = insn.op == Op.IMUL1;
        long lo, hi;
        boolean overflow;
        if (size == 8) {
            lo = a * src;
            hi = signed ? Math.multiplyHigh(a, src) : Math.unsignedMultiplyHigh(a, src);
            overflow = signed ? hi != (lo >> 63) : hi != 0;
        } else {
            int bits = size << 3;
            long product = signed ? signExtend(a, size) * signExtend(src, size) : a * src;
            long mask = Flags.mask(size);
            lo = product & mask;
            hi = (product >> bits) & mask;
            overflow = signed ? product != signExtend(lo, size) : hi != 0;
        }
        if (size == 1) {
            Operands.writeGpr(s, CpuState.RAX, 2, (hi << 8) | lo);
        } else {
            Operands.writeGpr(s, CpuState.RAX, size, lo);
            Operands.writeGpr(s, CpuState.RDX, size, hi);
        }
        Flags.result(s, size, lo, overflow ? CpuState.CF | CpuState.OF : 0);
    }

    /** IMUL with two or three operands: operand 0 = operand 1 (or 0) * operand 2 (or 1), truncated. */
    static void mulTruncating(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long a, b;
        if (insn.op == Op.IMUL3) {
            a = Operands.read(cpu, insn, 1, size);
            b = insn.imm;
        } else {
            a = Operands.readGpr(s, insn.reg0, size);
            b = Operands.read(cpu, insn, 1, size);
        }
        long sa = signExtend(a, size), sb = signExtend(b & Flags.mask(size), size);
        long lo;
        boolean overflow;
        if (size == 8) {
            lo = sa * sb;
            overflow = Math.multiplyHigh(sa, sb) != (lo >> 63);
        } else {
            long product = sa * sb;
            lo = product & Flags.mask(size);
            overflow = product != signExtend(lo, size);
        }
        Operands.writeGpr(s, insn.reg0, size, lo);
        Flags.result(s, size, lo, overflow ? CpuState.CF | CpuState.OF : 0);
    }

    /** DIV and IDIV: rDX:rAX (or AX) / operand 0; #DE on a zero divisor or a quotient that does not fit. */
    static void divide(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        long divisor = Operands.read(cpu, insn, 0, size);
        if (divisor == 0) {
            throw CpuFault.de();
        }
        boolean signed = insn.op == Op.IDIV;
        if (size == 8) {
            divide64(s, divisor, signed);
            return;
        }
        int bits = size << 3;
        long mask = Flags.mask(size);
        long dividend;
        if (size == 1) {
            dividend = s.gpr[CpuState.RAX] & 0xFFFF;
            if (signed) {
                dividend = (short) dividend;
            }
        } else {
            long hi = Operands.readGpr(s, CpuState.RDX, size), lo = Operands.readGpr(s, CpuState.RAX, size);
            dividend = (hi << bits) | lo;
            if (signed && size == 2) {
                dividend = (int) dividend;
            }
        }
        long q, r;
        if (signed) {
            long d = signExtend(divisor, size);
            q = dividend / d;
            r = dividend % d;
            if (q != signExtend(q & mask, size)) {
                throw CpuFault.de();
            }
        } else {
            q = Long.divideUnsigned(dividend, divisor);
            r = Long.remainderUnsigned(dividend, divisor);
            if (Long.compareUnsigned(q, mask) > 0) {
                throw CpuFault.de();
            }
        }
        if (size == 1) {
            Operands.writeGpr(s, CpuState.RAX, 2, ((r & 0xFF) << 8) | (q & 0xFF));
        } else {
            Operands.writeGpr(s, CpuState.RAX, size, q);
            Operands.writeGpr(s, CpuState.RDX, size, r);
        }
    }

    private static void divide64(CpuState s, long divisor, boolean signed) {
        long hi = s.gpr[CpuState.RDX], lo = s.gpr[CpuState.RAX];
        long q, r;
        if (!signed) {
            if (hi == 0) {
                q = Long.divideUnsigned(lo, divisor);
                r = Long.remainderUnsigned(lo, divisor);
            } else {
                if (Long.compareUnsigned(hi, divisor) >= 0) {
                    throw CpuFault.de();
                }
                q = divideUnsigned128(hi, lo, divisor);
                r = lo - q * divisor;
            }
        } else if (hi == (lo >> 63)) {
            if (lo == Long.MIN_VALUE && divisor == -1) {
                throw CpuFault.de();
            }
            q = lo / divisor;
            r = lo % divisor;
        } else {
            boolean negDividend = hi < 0;
            if (negDividend) { // 128-bit negate
                lo = -lo;
                hi = ~hi + (lo == 0 ? 1 : 0);
            }
            long d = divisor < 0 ? -divisor : divisor;
            if (Long.compareUnsigned(hi, d) >= 0) {
                throw CpuFault.de();
            }
            long uq = divideUnsigned128(hi, lo, d);
            long ur = lo - uq * d;
            boolean negQuotient = negDividend != (divisor < 0);
            if (negQuotient ? Long.compareUnsigned(uq, Long.MIN_VALUE) > 0 : uq < 0) {
                throw CpuFault.de();
            }
            q = negQuotient ? -uq : uq;
            r = negDividend ? -ur : ur;
        }
        s.gpr[CpuState.RAX] = q;
        s.gpr[CpuState.RDX] = r;
    }

    /** Unsigned (hi:lo) / d for hi < d (so the quotient fits in 64 bits), by shift and subtract. */
    static long divideUnsigned128(long hi, long lo, long d) {
        long q = 0;
        long r = hi;
        for (int i = 63; i >= 0; i--) {
            boolean top = r < 0;
            r = (r << 1) | ((lo >>> i) & 1);
            q <<= 1;
            if (top || Long.compareUnsigned(r, d) >= 0) {
                r -= d;
                q |= 1;
            }
        }
        return q;
    }

    static long signExtend(long v, int size) {
        return switch (size) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }
}
