package dev.jefevm.core.cpu;

/**
 * The architectural state of one x86_64 logical processor, as plain fields so the interpreter
 * (and later the JIT and the KVM back end) read and write it without indirection. Behaviour
 * lives elsewhere: {@code Flags} evaluates the lazily kept arithmetic flags, the MMU translates
 * addresses, the system package owns descriptor tables, MSRs and exception delivery.
 *
 * <p>Register numbering follows the SDM's encodings: GPRs 0-15 are RAX, RCX, RDX, RBX, RSP,
 * RBP, RSI, RDI, R8-R15 (Vol.2 2.1.5); segment registers 0-5 are ES, CS, SS, DS, FS, GS (the
 * Sreg field of ModRM, Vol.2 3.1.1.3).
 */
public final class CpuState {

    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    // RFLAGS bits (SDM Vol.1 3.4.3)
    public static final long CF = 1L, PF = 1L << 2, AF = 1L << 4, ZF = 1L << 6, SF = 1L << 7;
    public static final long TF = 1L << 8, IF = 1L << 9, DF = 1L << 10, OF = 1L << 11;
    public static final long IOPL = 3L << 12, NT = 1L << 14, RF = 1L << 16, VM = 1L << 17;
    public static final long AC = 1L << 18, VIF = 1L << 19, VIP = 1L << 20, ID = 1L << 21;
    /** The six arithmetic status flags, which are evaluated lazily. */
    public static final long ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

    // ---- general-purpose state ----
    public final long[] gpr = new long[16];
    public long rip;

    /**
     * RFLAGS bits other than {@link #ARITH_FLAGS} (bit 1 always set). The arithmetic flags are
     * kept lazily in the {@code lazy*} fields; read and write full RFLAGS only through
     * {@code Flags.get(CpuState)} / {@code Flags.set(CpuState, long)}.
     */
    public long rflagsControl = 0x2;
    /** Which operation last set the arithmetic flags (a {@code Flags} constant). */
    public int lazyOp;
    /** Operand size of that operation in bytes (1, 2, 4, 8). */
    public int lazySize;
    /** Result and operands of that operation, as {@code Flags} defines per operation. */
    public long lazyResult, lazySrc, lazyDst;
    /** Materialized arithmetic flags, valid when {@code lazyOp} is {@code Flags.MATERIALIZED}, and the carry-in for ops that need one. */
    public long lazyFlags;

    // ---- segments (SDM Vol.3 3.4) ----
    public final int[] segSelector = new int[6];
    public final long[] segBase = new long[6];
    public final int[] segLimit = new int[6];
    /** Descriptor attribute bits 40-47 and 52-55 of each cached descriptor, packed as (bits 52-55 << 8) | bits 40-47. */
    public final int[] segAttributes = new int[6];
    /** Current privilege level (CS.RPL once in protected mode). */
    public int cpl;

    // ---- descriptor tables and task register ----
    public long gdtrBase, idtrBase;
    public int gdtrLimit, idtrLimit;
    public int ldtrSelector, trSelector;
    public long ldtrBase, trBase;
    public int ldtrLimit, trLimit;
    public int trAttributes;

    // ---- control and debug registers ----
    public long cr0 = 0x6000_0010L; // CD, NW, ET: reset value (SDM Vol.3 9.1.1)
    public long cr2, cr3, cr4, cr8;
    public final long[] dr = new long[8];

    // ---- model-specific registers (SDM Vol.4) ----
    public long efer;
    public long star, lstar, cstar, sfmask;
    public long kernelGsBase;
    public long tscOffset;
    public long tscAux;
    public long apicBase = 0xFEE0_0900L; // BSP, xAPIC enabled, default base
    public long pat = 0x0007_0406_0007_0406L;
    public long mtrrDefType;
    /** Variable-range MTRRs: PHYSBASE0, PHYSMASK0, ... PHYSMASK7 (MSRs 0x200-0x20F, SDM Vol.3 12.11.2.3). */
    public final long[] mtrrVariable = new long[16];
    /** Fixed-range MTRRs in MSR order: 64K_00000, 16K_80000, 16K_A0000, 4K_C0000 ... 4K_F8000 (SDM Vol.3 12.11.2.2). */
    public final long[] mtrrFixed = new long[11];
    public long miscEnable = 1; // fast strings

    // ---- SSE state: XMM0-15 as (low, high) pairs: xmm[2*n] is bits 63:0, xmm[2*n+1] bits 127:64 ----
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1F80;

    // ---- x87 state as FXSAVE stores it (SDM Vol.1 10.5.1) ----
    public int fpuControl = 0x037F, fpuStatus, fpuTagWord; // fpuTagWord: abridged 8-bit form
    public int fpuOpcode;
    public long fpuIp, fpuDp;
    /** FCS and FDS: the selectors of the last non-control x87 instruction and its memory operand (SDM Vol.1 8.1.8). */
    public int fpuCs, fpuDs;
    /** ST(i) by physical register number: 64-bit significand and 16-bit sign+exponent. */
    public final long[] fpuMantissa = new long[8];
    public final int[] fpuExponent = new int[8];

    // ---- execution state ----
    /** Set by HLT; cleared when an interrupt (or reset) arrives. */
    public boolean halted;
    /** True for the one instruction after STI or MOV SS/POP SS that blocks interrupts (SDM Vol.3 6.8.3). */
    public boolean interruptShadow;
    /** True from the delivery of an NMI until the next IRET: further NMIs wait (SDM Vol.3 6.7.1). */
    public boolean nmiBlocked;

    /** True when paging with EFER.LMA: 64-bit long mode (the only mode this CPU runs yet). */
    public boolean longModeActive() {
        return (efer & (1L << 10)) != 0;
    }
}
