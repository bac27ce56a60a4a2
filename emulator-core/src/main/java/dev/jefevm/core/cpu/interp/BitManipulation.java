package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;

/**
 * The VEX-encoded general-register instructions of BMI1 (ANDN, BEXTR, BLSI, BLSMSK, BLSR) and
 * BMI2 (BZHI, MULX, PDEP, PEXT, RORX, SARX, SHLX, SHRX), each as its SDM Vol.2 page defines it,
 * on 32-bit (results zero-extended) or 64-bit operands (VEX.W). Flags: the BMI1 group and BZHI
 * set the defined ones through a {@link Flags#RESULT} record (SF and ZF from the result, CF as
 * each page says, OF cleared); AF and PF, undefined there, come out as 0 and result parity. The
 * other BMI2 instructions leave RFLAGS untouched. Operands are in decoder order: ModRM.reg,
 * VEX.vvvv and ModRM.r/m as each instruction's operand encoding table lists them.
 */
final class BitManipulation {

    private BitManipulation() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        switch (insn.op) {
            case ANDN -> andn(cpu, insn);
            case BEXTR -> bextr(cpu, insn);
            case BLSI, BLSMSK, BLSR -> lowestSetBit(cpu, insn);
            case BZHI -> bzhi(cpu, insn);
            case MULX -> mulx(cpu, insn);
            case PDEP -> pdep(cpu, insn);
            case PEXT -> pext(cpu, insn);
            case RORX -> rorx(cpu, insn);
            default -> shiftWithoutFlags(cpu, insn); // SARX, SHLX, SHRX
        }
    }

    /** ANDN: dest = ~src1 & src2; SF, ZF from the result, CF and OF cleared. */
    private static void andn(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long r = ~Operands.read(cpu, insn, 1, size) & Operands.read(cpu, insn, 2, size);
        Operands.write(cpu, insn, 0, size, r);
        Flags.result(cpu.state, size, r, 0);
    }

    /** BEXTR: the field of src2[15:8] bits starting at bit src2[7:0] of src1, zero-filled; ZF from the result, CF and OF cleared. */
    private static void bextr(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        int bits = size << 3;
        long src = Operands.read(cpu, insn, 1, size);
        long control = Operands.read(cpu, insn, 2, size);
        int start = (int) (control & 0xFF);
        int length = (int) ((control >>> 8) & 0xFF);
        long r = start >= bits ? 0 : src >>> start;
        if (length < bits) {
            r &= (1L << length) - 1;
        }
        Operands.write(cpu, insn, 0, size, r);
        Flags.result(cpu.state, size, r, 0);
    }

    /**
     * BLSI (isolate: src & -src, CF = src != 0), BLSMSK (mask up to it: src ^ (src - 1), CF = src == 0)
     * and BLSR (reset it: src & (src - 1), CF = src == 0); SF and ZF from the result, OF cleared.
     */
    private static void lowestSetBit(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 1, size);
        long r;
        boolean carry;
        switch (insn.op) {
            case BLSI -> {
                r = src & -src;
                carry = src != 0;
            }
            case BLSMSK -> {
                r = src ^ (src - 1);
                carry = src == 0;
            }
            default -> {
                r = src & (src - 1);
                carry = src == 0;
            }
        }
        r &= Flags.mask(size);
        Operands.write(cpu, insn, 0, size, r);
        Flags.result(cpu.state, size, r, carry ? CpuState.CF : 0);
    }

    /** BZHI: src1 with the bits from index src2[7:0] up cleared; CF set when the index exceeds the operand's top bit. */
    private static void bzhi(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        int bits = size << 3;
        long src = Operands.read(cpu, insn, 1, size);
        int index = (int) (Operands.read(cpu, insn, 2, size) & 0xFF);
        long r = index < bits ? src & ((1L << index) - 1) : src;
        Operands.write(cpu, insn, 0, size, r);
        Flags.result(cpu.state, size, r, index > bits - 1 ? CpuState.CF : 0);
    }

    /** MULX: RDX (EDX) times src, unsigned; low half to vvvv, then high half to ModRM.reg (so the high half wins if they are one register). */
    private static void mulx(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long a = Operands.readGpr(cpu.state, CpuState.RDX, size);
        long b = Operands.read(cpu, insn, 2, size);
        long low;
        long high;
        if (size == 8) {
            low = a * b;
            high = Math.unsignedMultiplyHigh(a, b);
        } else {
            long p = a * b; // both operands below 2^32: the product fits unsigned in 64 bits
            low = p & 0xFFFF_FFFFL;
            high = p >>> 32;
        }
        Operands.write(cpu, insn, 1, size, low);
        Operands.write(cpu, insn, 0, size, high);
    }

    /** PDEP: the low bits of src1 deposited, in order, at the set bit positions of the mask src2. */
    private static void pdep(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 1, size);
        long mask = Operands.read(cpu, insn, 2, size);
        long r = 0;
        for (long bit = 1; mask != 0; bit <<= 1) {
            long lowest = mask & -mask;
            if ((src & bit) != 0) {
                r |= lowest;
            }
            mask ^= lowest;
        }
        Operands.write(cpu, insn, 0, size, r);
    }

    /** PEXT: the bits of src1 at the set bit positions of the mask src2, packed into the low bits. */
    private static void pext(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 1, size);
        long mask = Operands.read(cpu, insn, 2, size);
        long r = 0;
        for (long bit = 1; mask != 0; bit <<= 1) {
            long lowest = mask & -mask;
            if ((src & lowest) != 0) {
                r |= bit;
            }
            mask ^= lowest;
        }
        Operands.write(cpu, insn, 0, size, r);
    }

    /** RORX: rotate right by imm8 masked to the operand width; flags unaffected. */
    private static void rorx(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 1, size);
        int count = (int) insn.imm & ((size << 3) - 1);
        long r = size == 8 ? Long.rotateRight(src, count) : Integer.rotateRight((int) src, count) & 0xFFFF_FFFFL;
        Operands.write(cpu, insn, 0, size, r);
    }

    /** SARX, SHLX, SHRX: shift src1 by src2 masked to 5 or 6 bits; flags unaffected. */
    private static void shiftWithoutFlags(Cpu cpu, Instruction insn) {
        int size = insn.opSize;
        long src = Operands.read(cpu, insn, 1, size);
        int count = (int) Operands.read(cpu, insn, 2, size) & ((size << 3) - 1);
        long r = switch (insn.op) {
            case SHLX -> src << count;
            case SHRX -> src >>> count; // src is zero-extended, so a logical shift of it is right at 32 bits too
            default -> size == 8 ? src >> count : (long) ((int) src >> count);
        };
        Operands.write(cpu, insn, 0, size, r);
    }
}
