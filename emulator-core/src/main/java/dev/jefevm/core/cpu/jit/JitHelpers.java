package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.mmu.Mmu;

/**
 * The slow paths compiled units call: stack accesses that missed the TLB inlined in the unit
 * (with the #SS rule for a non-canonical stack address, SDM Vol.3 6.15), and the faults a unit
 * raises itself (#SS for a non-canonical SS-relative operand, #GP(0) for a non-canonical branch
 * target, SDM Vol.2 JMP/RET).
 */
public final class JitHelpers {

    private JitHelpers() {
    }

    public static long stackRead64(Cpu cpu, long linear) {
        if (!Mmu.isCanonical(linear)) {
            throw CpuFault.ss(0);
        }
        return cpu.mmu.read64(linear);
    }

    public static void stackWrite64(Cpu cpu, long linear, long value) {
        if (!Mmu.isCanonical(linear)) {
            throw CpuFault.ss(0);
        }
        cpu.mmu.write64(linear, value);
    }

    /** Always throws #SS(0): a non-canonical SS-relative memory operand. */
    public static void stackSegmentFault() {
        throw CpuFault.ss(0);
    }

    /** Always throws #GP(0): a branch to a non-canonical address. */
    public static void branchTargetFault() {
        throw CpuFault.gp(0);
    }
}
