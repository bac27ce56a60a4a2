package dev.jefevm.linuxuser.signal;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * Which signal a CPU exception in a user program becomes, with the {@code siginfo} Linux fills
 * in for it (the x86 trap handlers' contract as seen from user space, sigaction(2) "si_code"):
 * #DE is SIGFPE/FPE_INTDIV, #MF and #XM are SIGFPE with the si_code of the highest-priority
 * unmasked exception flag (x87 status word, MXCSR), #AC is SIGBUS/BUS_ADRALN, #BP and #DB are
 * SIGTRAP, #UD is SIGILL/ILL_ILLOPN, and #GP (privileged instructions, bad INT n) is SIGSEGV
 * with SI_KERNEL and address 0. Page faults are handled by the kernel before they get here.
 */
public final class FaultSignals {

    /** si_code values (asm-generic/siginfo.h). */
    public static final int FPE_INTDIV = 1, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
            FPE_FLTINV = 7, ILL_ILLOPN = 2, BUS_ADRALN = 1, SI_KERNEL = 0x80;

    // Exception flag bits shared by the x87 status word (SDM Vol.1 8.1.3) and MXCSR (SDM Vol.1 10.2.3).
    private static final int IE = 0x01, DE = 0x02, ZE = 0x04, OE = 0x08, UE = 0x10, PE = 0x20;
    /** MXCSR: the masks are the flags shifted left by 7 (IM is bit 7). */
    private static final int MXCSR_MASK_SHIFT = 7;

    private FaultSignals() {
    }

    /**
     * The signal for {@code fault} raised at {@code s.rip}; {@code software} is true for INT n
     * (no error code), which Linux reports as #GP with error code {@code n*8+2} (an IDT entry, SDM
     * Vol.3 6.13).
     */
    public static SignalFrame.Info of(CpuFault fault, CpuState s, boolean software) {
        int vector = fault.vector;
        return switch (vector) {
            case CpuFault.DE -> new SignalFrame.Info(Signals.SIGFPE, FPE_INTDIV, s.rip, 0, 0, vector, 0, 0);
            case CpuFault.BP, CpuFault.DB -> new SignalFrame.Info(Signals.SIGTRAP, SI_KERNEL, 0, 0, 0, vector, 0, 0);
            case CpuFault.UD -> new SignalFrame.Info(Signals.SIGILL, ILL_ILLOPN, s.rip, 0, 0, vector, 0, 0);
            case CpuFault.MF -> new SignalFrame.Info(Signals.SIGFPE, x87Code(s.fpuStatus, s.fpuControl), s.rip, 0, 0,
                    vector, 0, 0);
            case CpuFault.XM -> new SignalFrame.Info(Signals.SIGFPE, simdCode(s.mxcsr), s.rip, 0, 0, vector, 0, 0);
            // Linux reports alignment faults without an address (si_addr NULL).
            case CpuFault.AC -> new SignalFrame.Info(Signals.SIGBUS, BUS_ADRALN, 0, 0, 0, vector, 0, 0);
            default -> new SignalFrame.Info(Signals.SIGSEGV, SI_KERNEL, 0, 0, 0, CpuFault.GP,
                    software ? vector * 8 + 2 : Math.max(fault.errorCode, 0), 0);
        };
    }

    /** si_code for #MF: the unmasked flags of the status word (masks are the control word's low six bits). */
    public static int x87Code(int status, int control) {
        return codeFor(status & ~control & 0x3F);
    }

    /** si_code for #XM: the MXCSR flags whose mask bit is clear. */
    public static int simdCode(int mxcsr) {
        return codeFor(mxcsr & ~(mxcsr >>> MXCSR_MASK_SHIFT) & 0x3F);
    }

    /**
     * Highest priority first (SDM Vol.1 4.9.2 "Floating-Point Exception Priority": invalid
     * operation, then the pre-computation divide-by-zero and denormal, then overflow and
     * underflow, then inexact); a denormal operand is reported as underflow, as Linux does. 0 when no unmasked flag is set (a spurious fault).
     */
    private static int codeFor(int unmasked) {
        if ((unmasked & IE) != 0) {
            return FPE_FLTINV;
        }
        if ((unmasked & ZE) != 0) {
            return FPE_FLTDIV;
        }
        if ((unmasked & DE) != 0) {
            return FPE_FLTUND;
        }
        if ((unmasked & OE) != 0) {
            return FPE_FLTOVF;
        }
        if ((unmasked & UE) != 0) {
            return FPE_FLTUND;
        }
        if ((unmasked & PE) != 0) {
            return FPE_FLTRES;
        }
        return 0;
    }
}
