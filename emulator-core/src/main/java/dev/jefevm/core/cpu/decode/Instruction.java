package dev.jefevm.core.cpu.decode;

/**
 * One decoded instruction: immutable, allocation-free to execute, shared by the interpreter and
 * (later) the JIT. Produced only by {@code Decoder}.
 *
 * <h2>Operands</h2>
 * Up to three explicit operands, {@code operand[0]} being the destination in Intel order.
 * Each is a kind ({@code K_*}) and, for register kinds, a register number:
 * <ul>
 *   <li>{@link #K_GPR}: 0-15 (RAX..R15); for 8-bit operands without REX, 4-7 mean AH, CH, DH, BH
 *       and are given as {@link #AH} + 0..3 (numbers 16-19).</li>
 *   <li>{@link #K_MEM}: the one memory operand, described by {@code base}, {@code index},
 *       {@code scale}, {@code disp}, {@code segment} and {@code addrSize}.</li>
 *   <li>{@link #K_IMM}: {@code imm}, already sign- or zero-extended to 64 bits as the
 *       encoding says (a second immediate, as in ENTER, is in {@code imm2}).</li>
 *   <li>{@link #K_XMM}, {@link #K_SEG}, {@link #K_CR}, {@link #K_DR}: register numbers.</li>
 *   <li>{@link #K_REL}: a relative branch target; {@code imm} holds the sign-extended
 *       displacement from the next instruction.</li>
 * </ul>
 * Implicit operands (RAX in MUL, RSI/RDI in string ops, the stack) are not listed.
 */
public final class Instruction {

    // operand kinds
    public static final int K_NONE = 0, K_GPR = 1, K_MEM = 2, K_IMM = 3, K_XMM = 4, K_SEG = 5,
            K_CR = 6, K_DR = 7, K_REL = 8;
    /** An x87 stack register ST(i), i in the register field (x87 register forms, see X87OpcodeMap). */
    public static final int K_ST = 9;

    /** Register number of AH for 8-bit operands without REX; CH, DH, BH follow. */
    public static final int AH = 16;

    /** {@code base} value for RIP-relative addressing (address = next RIP + disp). */
    public static final int BASE_RIP = 16;
    /** {@code base} or {@code index} value meaning "none". */
    public static final int NO_REG = -1;

    // prefix bits
    public static final int P_LOCK = 1, P_REP = 2, P_REPNE = 4, P_OPSIZE = 8, P_ADDRSIZE = 16,
            P_REX = 32, P_REXW = 64, P_SEG_OVERRIDE = 128;
    /** The instruction was VEX-encoded (C4/C5, SDM Vol.2 2.3); VEX.W=1 also sets {@link #P_REXW}. */
    public static final int P_VEX = 256;

    public final Op op;
    /** Encoded length in bytes (1-15). */
    public final int length;
    /** Prefix bits ({@code P_*}) as present in the encoding. */
    public final int prefixes;
    /** Operand size in bytes (1, 2, 4, 8; 16 for 128-bit SSE operations). */
    public final int opSize;
    /** Source operand size in bytes where it differs from {@code opSize} (MOVZX, MOVSX, MOVSXD; else equal). */
    public final int srcSize;
    /** Address size in bytes: 8, or 4 with the 0x67 prefix. */
    public final int addrSize;
    /** Condition code 0-15 (SDM Vol.1 B.1) for Jcc, SETcc, CMOVcc; else 0. */
    public final int condition;

    public final int kind0, kind1, kind2;
    public final int reg0, reg1, reg2;

    // memory operand
    public final int base, index, scale;
    public final long disp;
    /** Segment of the memory operand (CpuState.ES..GS); only FS and GS add a base in long mode. */
    public final int segment;

    public final long imm, imm2;

    public Instruction(Op op, int length, int prefixes, int opSize, int srcSize, int addrSize, int condition,
                       int kind0, int reg0, int kind1, int reg1, int kind2, int reg2,
                       int base, int index, int scale, long disp, int segment, long imm, long imm2) {
        this.op = op;
        this.length = length;
        this.prefixes = prefixes;
        this.opSize = opSize;
        this.srcSize = srcSize;
        this.addrSize = addrSize;
        this.condition = condition;
        this.kind0 = kind0;
        this.reg0 = reg0;
        this.kind1 = kind1;
        this.reg1 = reg1;
        this.kind2 = kind2;
        this.reg2 = reg2;
        this.base = base;
        this.index = index;
        this.scale = scale;
        this.disp = disp;
        this.segment = segment;
        this.imm = imm;
        this.imm2 = imm2;
    }

    public boolean has(int prefixBit) {
        return (prefixes & prefixBit) != 0;
    }

    /** True if any operand is the memory operand. */
    public boolean hasMemoryOperand() {
        return kind0 == K_MEM || kind1 == K_MEM || kind2 == K_MEM;
    }
}
