package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * The SSE control and status register (SDM Vol.1 10.2.3): exception flags, masks, rounding
 * control, DAZ and FTZ, and the bookkeeping that turns an instruction's raised exceptions into
 * sticky flags or a #XM/#UD (SDM Vol.1 11.5.1). Floating-point helpers OR the flags they raise
 * straight into {@code CpuState.mxcsr}; {@link #begin} clears the flag bits first so that
 * {@link #end} sees exactly what this instruction raised, then merges the old flags back.
 */
public final class Mxcsr {

    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    public static final int FLAGS = 0x3F;
    /** Exceptions detected from the operands before computing (SDM Vol.1 11.5.2). */
    public static final int PRE_COMPUTATION = IE | DE | ZE;
    public static final int DAZ = 1 << 6;
    /** Exception masks IM..PM are the flag bits shifted left by this. */
    public static final int MASK_SHIFT = 7;
    public static final int OM = OE << MASK_SHIFT;
    public static final int UM = UE << MASK_SHIFT;
    public static final int RC_SHIFT = 13;
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
    public static final int FTZ = 1 << 15;
    /**
     * The bits that decide whether an ordinary operation may skip exception detection: round to
     * nearest, every exception masked, and the precision flag already set. Then an operation on
     * normal operands with a normal result behaves exactly as the host's IEEE arithmetic (Java's
     * float and double are round-to-nearest-even), and the only flag it could raise, PE, is
     * already raised. Compilers' code runs in exactly this state after its first inexact result.
     */
    private static final int FAST_PATH_BITS = (3 << RC_SHIFT) | (0x3F << MASK_SHIFT) | PE;
    private static final int FAST_PATH_STATE = (0x3F << MASK_SHIFT) | PE;

    /** True in the state {@link #FAST_PATH_BITS} describes: ordinary operations may skip exception detection. */
    static boolean allowsFastPath(CpuState s) {
        return (s.mxcsr & FAST_PATH_BITS) == FAST_PATH_STATE;
    }
    /** Bits this CPU implements (FXSAVE's MXCSR_MASK, DAZ included); the rest are reserved and #GP when set. */
    public static final int SUPPORTED = 0xFFFF;

    private static final long CR4_OSXMMEXCPT = 1L << 10;

    private Mxcsr() {
    }

    /** The rounding control field (bits 14:13). */
    public static int roundingMode(CpuState s) {
        return (s.mxcsr >>> RC_SHIFT) & 3;
    }

    /** Clears the flag bits so this instruction's exceptions can be seen; returns the old flags for {@link #end}. */
    public static int begin(CpuState s) {
        int old = s.mxcsr & FLAGS;
        s.mxcsr &= ~FLAGS;
        return old;
    }

    /**
     * Merges the flags saved by {@link #begin} back and raises #XM (CR4.OSXMMEXCPT set) or #UD
     * (clear) if any exception this instruction raised is unmasked (SDM Vol.1 11.5.1). The caller
     * commits its results only after this returns. An unmasked pre-computation exception (#I, #D,
     * #Z) in any element stops the instruction before the post-computation checks, so then only
     * the pre-computation flags of all elements are recorded (as measured on hardware).
     */
    public static void end(CpuState s, int oldFlags) {
        int raised = s.mxcsr & FLAGS;
        int unmasked = raised & ~(s.mxcsr >>> MASK_SHIFT);
        if (unmasked == 0) {
            s.mxcsr |= oldFlags;
            return;
        }
        if ((unmasked & PRE_COMPUTATION) != 0) {
            raised &= PRE_COMPUTATION;
        }
        s.mxcsr = (s.mxcsr & ~FLAGS) | raised | oldFlags;
        throw (s.cr4 & CR4_OSXMMEXCPT) != 0 ? CpuFault.of(CpuFault.XM) : CpuFault.ud();
    }

    /** True if a write of {@code value} to MXCSR would set a reserved bit (#GP(0) for LDMXCSR and FXRSTOR). */
    public static boolean hasReservedBits(int value) {
        return (value & ~SUPPORTED) != 0;
    }
}
