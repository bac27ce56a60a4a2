package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;

/**
 * Reads and writes the XMM-or-memory operands of SSE instructions without allocating: a 128-bit
 * value travels as its low and high quadwords. Legacy-SSE 128-bit memory operands must be 16-byte
 * aligned (#GP(0), SDM Vol.1 11.4.1 / 12.1.1) except for the explicitly unaligned moves; scalar
 * and 64-bit operands read only the bytes they use, so they never fault on the bytes beyond.
 * Stores probe the whole destination before writing so a page fault leaves memory untouched.
 */
final class XmmOperands {

    private XmmOperands() {
    }

    /** The linear address of the memory operand, checked for 16-byte alignment when {@code aligned}. */
    static long address(Cpu cpu, Instruction insn, boolean aligned) {
        long ea = Operands.effectiveAddress(cpu, insn);
        if (aligned && (ea & 15) != 0) {
            throw CpuFault.gp(0);
        }
        return ea;
    }

    /** Bits 63:0 of source operand 1 (an XMM register or m128). */
    static long sourceLow(Cpu cpu, Instruction insn, boolean aligned) {
        if (insn.kind1 == Instruction.K_XMM) {
            return cpu.state.xmm[insn.reg1 << 1];
        }
        return cpu.mmu.read64(address(cpu, insn, aligned));
    }

    /** Bits 127:64 of source operand 1; call after {@link #sourceLow}, which did the alignment check. */
    static long sourceHigh(Cpu cpu, Instruction insn) {
        if (insn.kind1 == Instruction.K_XMM) {
            return cpu.state.xmm[(insn.reg1 << 1) + 1];
        }
        return cpu.mmu.read64(Operands.effectiveAddress(cpu, insn) + 8);
    }

    /** The low quadword of source operand 1 (an XMM register or m64, never aligned). */
    static long source64(Cpu cpu, Instruction insn) {
        if (insn.kind1 == Instruction.K_XMM) {
            return cpu.state.xmm[insn.reg1 << 1];
        }
        return cpu.mmu.read64(Operands.effectiveAddress(cpu, insn));
    }

    /** The low doubleword of source operand 1 (an XMM register or m32). */
    static int source32(Cpu cpu, Instruction insn) {
        if (insn.kind1 == Instruction.K_XMM) {
            return (int) cpu.state.xmm[insn.reg1 << 1];
        }
        return cpu.mmu.read32(Operands.effectiveAddress(cpu, insn));
    }

    /** Stores 128 bits to the memory operand, all or nothing. */
    static void store128(Cpu cpu, Instruction insn, long lo, long hi, boolean aligned) {
        long ea = address(cpu, insn, aligned);
        cpu.mmu.probeWrite(ea, 16);
        cpu.mmu.write64(ea, lo);
        cpu.mmu.write64(ea + 8, hi);
    }
}
