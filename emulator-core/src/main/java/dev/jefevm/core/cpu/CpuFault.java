package dev.jefevm.core.cpu;

/**
 * A guest exception raised while executing an instruction (SDM Vol.3 6.3.1: faults, traps,
 * aborts). Thrown inside the interpreter and caught by the execution loop, which rolls RIP back
 * to the faulting instruction and delivers the vector through the IDT. It never escapes the
 * CPU: it carries no stack trace, and instances for the common error-code-less vectors are
 * shared.
 */
public final class CpuFault extends RuntimeException {

    public static final int DE = 0;   // divide error
    public static final int DB = 1;   // debug
    public static final int NMI = 2;
    public static final int BP = 3;   // breakpoint (INT3)
    public static final int OF = 4;   // overflow
    public static final int BR = 5;   // BOUND range
    public static final int UD = 6;   // invalid opcode
    public static final int NM = 7;   // device not available
    public static final int DF = 8;   // double fault
    public static final int TS = 10;  // invalid TSS
    public static final int NP = 11;  // segment not present
    public static final int SS = 12;  // stack-segment fault
    public static final int GP = 13;  // general protection
    public static final int PF = 14;  // page fault
    public static final int MF = 16;  // x87 floating-point error
    public static final int AC = 17;  // alignment check
    public static final int MC = 18;  // machine check
    public static final int XM = 19;  // SIMD floating-point exception

    private static final CpuFault UD_FAULT = new CpuFault(UD, -1, 0);
    private static final CpuFault DE_FAULT = new CpuFault(DE, -1, 0);
    private static final CpuFault NM_FAULT = new CpuFault(NM, -1, 0);

    /** The exception vector, 0-31. */
    public final int vector;
    /** The error code pushed with the exception, or -1 if this vector pushes none. */
    public final int errorCode;
    /** For #PF: the linear address that faulted (goes to CR2 at delivery). */
    public final long faultAddress;
    /**
     * True for INT n and INT3 (SDM Vol.3 6.12.1.1: a software interrupt checks the gate's DPL
     * against CPL, so a user-mode kernel decides between the vector and #GP(n*8+2)); false for
     * exceptions and for INT1/ICEBP, which is delivered like a hardware #DB.
     */
    public final boolean software;

    private CpuFault(int vector, int errorCode, long faultAddress) {
        this(vector, errorCode, faultAddress, false);
    }

    private CpuFault(int vector, int errorCode, long faultAddress, boolean software) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.faultAddress = faultAddress;
        this.software = software;
    }

    public static CpuFault ud() {
        return UD_FAULT;
    }

    public static CpuFault de() {
        return DE_FAULT;
    }

    public static CpuFault nm() {
        return NM_FAULT;
    }

    public static CpuFault gp(int errorCode) {
        return new CpuFault(GP, errorCode, 0);
    }

    public static CpuFault ss(int errorCode) {
        return new CpuFault(SS, errorCode, 0);
    }

    public static CpuFault np(int errorCode) {
        return new CpuFault(NP, errorCode, 0);
    }

    public static CpuFault ts(int errorCode) {
        return new CpuFault(TS, errorCode, 0);
    }

    /** A page fault at {@code linear}; {@code errorCode} as in SDM Vol.3 4.7. */
    public static CpuFault pf(long linear, int errorCode) {
        return new CpuFault(PF, errorCode, linear);
    }

    /** Any vector without an error code (#DB, #BP, #OF, #MF, #XM, #AC uses 0 via {@link #of(int, int)}). */
    public static CpuFault of(int vector) {
        return new CpuFault(vector, -1, 0);
    }

    /** INT n or INT3 reported as a trap to a {@link UserModeTraps} kernel: vector n, no error code. */
    public static CpuFault softwareInterrupt(int vector) {
        return new CpuFault(vector, -1, 0, true);
    }

    public static CpuFault of(int vector, int errorCode) {
        return new CpuFault(vector, errorCode, 0);
    }

    public boolean hasErrorCode() {
        return errorCode >= 0;
    }

    @Override
    public String getMessage() {
        return "vector " + vector + (hasErrorCode() ? " error 0x" + Integer.toHexString(errorCode) : "")
                + (vector == PF ? " at 0x" + Long.toHexString(faultAddress) : "");
    }
}
