package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * Bit tests and scans (SDM Vol.2 BT/BTS/BTR/BTC, BSF/BSR, POPCNT, LZCNT, TZCNT, BSWAP).
 *
 * <p>Undefined flags chosen: BT* change only CF; BSF/BSR change only ZF and leave the
 * destination unchanged for a zero source (as Intel and AMD hardware do); LZCNT/TZCNT change
 * CF and ZF only; BSWAP of a 16-bit register gives 0.
 */
final class Bits {

    private Bits() {
    }

    /** BT, BTS, BTR, BTC. A register bit offset into memory addresses beyond the operand (SDM Vol.2 BT). */
    static void bitTest(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        int bits = size << 3;
        long offset;
        boolean immediate = insn.kind1 == Instruction.K_IMM;
        if (immediate) {
            offset = insn.imm & (bits - 1);
        } else {
            offset = Alu.signExtend(Operands.readGpr(s, insn.reg1, size), size);
        }
        Op op = insn.op;
        boolean bit;
        if (insn.kind0 == Instruction.K_MEM) {
            long ea = Operands.effectiveAddress(cpu, insn);
            if (!immediate) {
                ea += (offset >> (size == 8 ? 6 : size == 4 ? 5 : 4)) * size;
            }
            int index = (int) (offset & (bits - 1));
            long v = Operands.readMem(cpu, ea, size);
            bit = ((v >>> index) & 1) != 0;
            if (op != Op.BT) {
                Operands.writeMem(cpu, ea, size, modify(op, v, index));
            }
        } else {
            int index = (int) (offset & (bits - 1));
            long v = Operands.readGpr(s, insn.reg0, size);
            bit = ((v >>> index) & 1) != 0;
            if (op != Op.BT) {
                Operands.writeGpr(s, insn.reg0, size, modify(op, v, index));
            }
        }
        Flags.update(s, CpuState.CF, bit ? CpuState.CF : 0);
    }

    private static long modify(Op op, long v, int index) {
        return switch (op) {
            case BTS -> v | (1L << index);
            case BTR -> v & ~(1L << index);
            default -> v ^ (1L << index); // BTC
        };
    }

    /** BSF, BSR, POPCNT, LZCNT, TZCNT: operand 0 (register) from operand 1. */
    static void scan(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int size = insn.opSize;
        int bits = size << 3;
        long src = Operands.read(cpu, insn, 1, size);
        switch (insn.op) {
            case BSF, BSR -> {
                if (src == 0) {
                    Flags.update(s, CpuState.ZF, CpuState.ZF);
                    return;
                }
                long index = insn.op == Op.BSF ? Long.numberOfTrailingZeros(src) : 63 - Long.numberOfLeadingZeros(src);
                Operands.writeGpr(s, insn.reg0, size, index);
                Flags.update(s, CpuState.ZF, 0);
            }
            case POPCNT -> {
                Operands.writeGpr(s, insn.reg0, size, Long.bitCount(src));
                Flags.setArith(s, src == 0 ? CpuState.ZF : 0);
            }
            default -> { // LZCNT, TZCNT
                long count = src == 0 ? bits
                        : insn.op == Op.TZCNT ? Long.numberOfTrailingZeros(src)
                        : Long.numberOfLeadingZeros(src) - (64 - bits);
                Operands.writeGpr(s, insn.reg0, size, count);
                Flags.update(s, CpuState.CF | CpuState.ZF,
                        (src == 0 ? CpuState.CF : 0) | (count == 0 ? CpuState.ZF : 0));
            }
        }
    }

    static void bswap(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long v = s.gpr[insn.reg0];
        switch (insn.opSize) {
            case 8 -> s.gpr[insn.reg0] = Long.reverseBytes(v);
            case 4 -> s.gpr[insn.reg0] = Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
            default -> Operands.writeGpr(s, insn.reg0, 2, 0);
        }
    }
}
