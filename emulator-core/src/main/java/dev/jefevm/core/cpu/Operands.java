package dev.jefevm.core.cpu;

import dev.jefevm.core.cpu.decode.Instruction;

/**
 * Reads and writes the explicit operands of a decoded {@link Instruction}: general registers
 * (with the 8-bit AH..BH encodings and the 64-bit rule that 32-bit writes zero-extend, SDM
 * Vol.1 3.4.1.1), immediates, and the memory operand through the MMU. Memory addresses are
 * linear: base + index*scale + disp, truncated to the address size, plus the FS or GS base
 * (SDM Vol.1 3.7.5; other segment bases are zero in 64-bit mode).
 */
public final class Operands {

    private Operands() {
    }

    /** The linear address of the instruction's memory operand; RIP-relative uses {@code state.rip} (the next instruction). */
    public static long effectiveAddress(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = offset(s, insn);
        int seg = insn.segment;
        if (seg >= CpuState.FS) {
            ea += s.segBase[seg];
        } else if (seg == CpuState.SS && (ea << 16 >> 16) != ea) {
            throw CpuFault.ss(0); // SDM Vol.3 6.15 (#SS): a non-canonical stack reference (RSP/RBP base)
        }
        return ea;
    }

    /** The memory operand's offset: base + index*scale + disp truncated to the address size, without a segment base (what LEA computes). */
    public static long offset(CpuState s, Instruction insn) {
        long ea = insn.disp;
        int base = insn.base;
        if (base >= 0) {
            ea += base == Instruction.BASE_RIP ? s.rip : s.gpr[base];
        }
        if (insn.index >= 0) {
            ea += s.gpr[insn.index] << insn.scale;
        }
        if (insn.addrSize == 4) {
            ea &= 0xFFFF_FFFFL;
        }
        return ea;
    }

    public static long readGpr(CpuState s, int reg, int size) {
        switch (size) {
            case 1:
                if (reg >= Instruction.AH) {
                    return (s.gpr[reg - Instruction.AH] >>> 8) & 0xFF;
                }
                return s.gpr[reg] & 0xFF;
            case 2:
                return s.gpr[reg] & 0xFFFF;
            case 4:
                return s.gpr[reg] & 0xFFFF_FFFFL;
            default:
                return s.gpr[reg];
        }
    }

    public static void writeGpr(CpuState s, int reg, int size, long v) {
        long[] g = s.gpr;
        switch (size) {
            case 1:
                if (reg >= Instruction.AH) {
                    int r = reg - Instruction.AH;
                    g[r] = (g[r] & ~0xFF00L) | ((v & 0xFF) << 8);
                } else {
                    g[reg] = (g[reg] & ~0xFFL) | (v & 0xFF);
                }
                break;
            case 2:
                g[reg] = (g[reg] & ~0xFFFFL) | (v & 0xFFFF);
                break;
            case 4:
                g[reg] = v & 0xFFFF_FFFFL;
                break;
            default:
                g[reg] = v;
        }
    }

    /** Reads {@code size} bytes (zero-extended) at linear address {@code la}. */
    public static long readMem(Cpu cpu, long la, int size) {
        return switch (size) {
            case 1 -> cpu.mmu.read8(la);
            case 2 -> cpu.mmu.read16(la) & 0xFFFF;
            case 4 -> cpu.mmu.read32(la) & 0xFFFF_FFFFL;
            default -> cpu.mmu.read64(la);
        };
    }

    /** Writes the low {@code size} bytes of {@code v} at linear address {@code la}. */
    public static void writeMem(Cpu cpu, long la, int size, long v) {
        switch (size) {
            case 1 -> cpu.mmu.write8(la, (int) v);
            case 2 -> cpu.mmu.write16(la, (int) v);
            case 4 -> cpu.mmu.write32(la, (int) v);
            default -> cpu.mmu.write64(la, v);
        }
    }

    private static int kind(Instruction insn, int i) {
        return i == 0 ? insn.kind0 : i == 1 ? insn.kind1 : insn.kind2;
    }

    private static int reg(Instruction insn, int i) {
        return i == 0 ? insn.reg0 : i == 1 ? insn.reg1 : insn.reg2;
    }

    /** Operand {@code i} zero-extended from {@code size} bytes (immediates come sign-extended as encoded, then masked). */
    public static long read(Cpu cpu, Instruction insn, int i, int size) {
        switch (kind(insn, i)) {
            case Instruction.K_GPR:
                return readGpr(cpu.state, reg(insn, i), size);
            case Instruction.K_MEM:
                return readMem(cpu, effectiveAddress(cpu, insn), size);
            case Instruction.K_IMM:
                return insn.imm & Flags.mask(size);
            default:
                throw CpuFault.ud();
        }
    }

    /** Writes operand {@code i}: a register (with the zero-extension rule) or memory. */
    public static void write(Cpu cpu, Instruction insn, int i, int size, long value) {
        switch (kind(insn, i)) {
            case Instruction.K_GPR -> writeGpr(cpu.state, reg(insn, i), size, value);
            case Instruction.K_MEM -> writeMem(cpu, effectiveAddress(cpu, insn), size, value);
            default -> throw CpuFault.ud();
        }
    }
}
