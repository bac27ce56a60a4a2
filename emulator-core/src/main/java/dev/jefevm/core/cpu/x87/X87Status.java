package dev.jefevm.core.cpu.x87;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * The x87 status and control words (SDM Vol.1 8.1.3 and 8.1.5): bit names, the rounding and
 * precision fields of the control word, and exception signalling. An exception flag whose mask
 * bit is clear also sets the summary bits ES and B; the #MF it causes is taken at the next
 * waiting x87 instruction ({@link #checkPending}), as with CR0.NE=1 (SDM Vol.1 8.7).
 */
public final class X87Status {

    // status word (SDM Vol.1 Figure 8-4)
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, ES = 0x80;
    public static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, B = 0x8000;
    public static final int TOP_SHIFT = 11, TOP_MASK = 7 << TOP_SHIFT;
    public static final int CONDITION = C0 | C1 | C2 | C3;
    /** The six exception flags, in the same bit positions as their masks in the control word. */
    public static final int EXCEPTIONS = 0x3F;

    // control word (SDM Vol.1 Figure 8-6)
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
    public static final int INIT_CONTROL = 0x037F;

    private X87Status() {
    }

    /** Rounding control (CW bits 11:10). */
    public static int roundingControl(CpuState s) {
        return (s.fpuControl >>> 10) & 3;
    }

    /**
     * Significand precision from CW bits 9:8 (SDM Vol.1 8.1.5.2): 00 single (24 bits), 10 double
     * (53), 11 extended (64). The reserved 01 behaves as extended here.
     */
    public static int precision(CpuState s) {
        return switch ((s.fpuControl >>> 8) & 3) {
            case 0 -> 24;
            case 2 -> 53;
            default -> 64;
        };
    }

    /**
     * Records exception flags; returns true if any of them is unmasked, in which case ES and B
     * are set and the caller must not deliver the masked response for it. An unmasked #I (other
     * than a stack fault, whose C1 tells overflow from underflow), #D or #Z also clears C1, as
     * the host does: no result is written, so nothing was rounded up.
     */
    public static boolean raise(CpuState s, int flags) {
        s.fpuStatus |= flags;
        int unmasked = flags & ~s.fpuControl & EXCEPTIONS;
        if (unmasked != 0) {
            s.fpuStatus |= ES | B;
            if ((unmasked & (IE | DE | ZE)) != 0 && (flags & SF) == 0) {
                s.fpuStatus &= ~C1; // no result is delivered, and the host clears the round-up bit
            }
            return true;
        }
        return false;
    }

    /** True if the given exception(s) are all masked in the control word. */
    public static boolean masked(CpuState s, int flags) {
        return (s.fpuControl & flags) == flags;
    }

    /** Recomputes ES and B after the control or status word was loaded (FLDCW, FLDENV, FRSTOR). */
    public static void updateSummary(CpuState s) {
        if ((s.fpuStatus & ~s.fpuControl & EXCEPTIONS) != 0) {
            s.fpuStatus |= ES | B;
        } else {
            s.fpuStatus &= ~(ES | B);
        }
    }

    /** #MF for a pending unmasked exception, raised by waiting instructions before they start. */
    public static void checkPending(CpuState s) {
        if ((s.fpuStatus & ES) != 0) {
            throw CpuFault.of(CpuFault.MF);
        }
    }

    /** Sets the condition bits selected by {@code mask} to {@code values}. */
    public static void setConditions(CpuState s, int mask, int values) {
        s.fpuStatus = (s.fpuStatus & ~mask) | (values & mask);
    }

    /** Sets or clears C1 (the round-up indicator of SDM Vol.1 8.1.3.3). */
    public static void setC1(CpuState s, boolean up) {
        s.fpuStatus = up ? s.fpuStatus | C1 : s.fpuStatus & ~C1;
    }

    /**
     * True if this instruction raised an unmasked invalid, denormal or divide-by-zero exception:
     * such an instruction stores no result and does not pop (SDM Vol.1 8.7). Waiting
     * instructions start with no unmasked flag set, so any such flag is this instruction's.
     */
    public static boolean preComputationFault(CpuState s) {
        return (s.fpuStatus & ~s.fpuControl & (IE | DE | ZE)) != 0;
    }
}
