package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * The helpers compiled units call outside memory accesses ({@link JitMemory}): the SSE
 * enabling checks, and the faults a unit raises itself (#SS for a non-canonical
 * SS-relative operand, #GP(0) for a non-canonical branch target, SDM Vol.2 JMP/RET).
 */
public final class JitHelpers {

    private JitHelpers() {
    }

    private static final long CR0_EM = 1L << 2, CR0_TS = 1L << 3, CR4_OSFXSR = 1L << 9;

    /**
     * The checks before an SSE instruction, in the interpreter's order (SDM Vol.3 13.1.4 /
     * Vol.2 Table 23-3): #UD with CR0.EM set or CR4.OSFXSR clear, then #NM with CR0.TS set.
     */
    public static void checkSse(CpuState s) {
        long cr0 = s.cr0;
        if ((cr0 & CR0_EM) != 0 || (s.cr4 & CR4_OSFXSR) == 0) {
            throw CpuFault.ud();
        }
        if ((cr0 & CR0_TS) != 0) {
            throw CpuFault.nm();
        }
    }

    /** Always throws #GP(0): a misaligned 16-byte operand of an aligned SSE move (SDM Vol.1 11.4.1). */
    public static void alignmentFault() {
        throw CpuFault.gp(0);
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
