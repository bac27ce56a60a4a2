package dev.jefevm.core.cpu.decode;

/**
 * The decoder's instruction table (SDM Vol.2 Appendix A): for each opcode map (one-byte, 0F,
 * 0F38, 0F3A), opcode byte, mandatory prefix (none, 66, F3, F2) and, for group opcodes, the
 * ModRM.reg field and whether ModRM.mod selects a register or memory, one {@link Row}: the
 * {@link Op} and up to three operand forms in Intel order (destination first).
 *
 * <h2>Adding rows (the API other decoders' maps use)</h2>
 * {@code table.add0F(0x58, OpcodeTable.P66, Op.ADDPD, OpcodeTable.V, OpcodeTable.W)} adds
 * {@code 66 0F 58 /r}. {@link #add0FGroup} adds a row for one ModRM.reg value ({@code 0F 73 /2 ib}),
 * {@link #add0FRexW} a row that replaces the plain one when REX.W is set ({@code 66 REX.W 0F 6E}
 * = MOVQ rather than MOVD). Forms {@link #M} (memory only) and {@link #U}/{@link #R} (register
 * only) also restrict which ModRM.mod values the row matches; other ModRM encodings stay #UD.
 *
 * <h2>Operand size of SSE rows</h2>
 * For SSE-family operations {@code Instruction.opSize} is 16, except that a row with a general
 * register form ({@link #E}, {@link #G}, {@link #R}) gets the size of that general operand: 4,
 * or 8 with REX.W. A mandatory 66 prefix does not change any operand size.
 *
 * <p>Rows for SSE-family operations match their mandatory prefix exactly. Integer rows in the 0F
 * map registered without a prefix also serve encodings with a 66 (operand size), F3 or F2
 * prefix that has no row of its own.
 */
public final class OpcodeTable {

    // ---- opcode maps ----
    public static final int MAP_1BYTE = 0, MAP_0F = 1, MAP_0F38 = 2, MAP_0F3A = 3;
    /**
     * The VEX-encoded maps (SDM Vol.2 2.3.6.1: VEX.m-mmmm 1, 2, 3 select 0F, 0F38, 0F3A): kept apart
     * from the legacy maps because the same opcode byte means another instruction there. VEX rows
     * use the implied prefix (VEX.pp) as their mandatory prefix and match it exactly.
     */
    public static final int MAP_VEX_0F = 5, MAP_VEX_0F38 = 6, MAP_VEX_0F3A = 7;

    // ---- mandatory prefixes ----
    /** No mandatory prefix. */
    public static final int NP = 0;
    public static final int P66 = 1, PF3 = 2, PF2 = 3;

    // ---- operand forms ----
    public static final int NONE = 0;
    /** ModRM.rm: general register or memory, operand size. */
    public static final int E = 1;
    /** ModRM.reg: general register, operand size. */
    public static final int G = 2;
    /** ModRM.rm / ModRM.reg with a fixed 8-bit size. */
    public static final int EB = 3, GB = 4;
    /** ModRM.rm with a fixed 16-bit or 32-bit source size (MOVZX, MOVSX, MOVSXD, MOV Sreg); sets {@code srcSize}. */
    public static final int EW = 5, ED = 6;
    /** ModRM.rm: general register only (mod ignored for MOV CR/DR, else mod must be 11). */
    public static final int R = 7;
    /** ModRM.rm: memory only. */
    public static final int M = 8;
    /** ModRM.reg as an XMM register. */
    public static final int V = 9;
    /** ModRM.rm: XMM register or memory. */
    public static final int W = 10;
    /** ModRM.rm: XMM register only. */
    public static final int U = 11;
    /** General register in the opcode's low three bits (+REX.B): operand size, or 8-bit. */
    public static final int Z = 12, ZB = 13;
    /** Fixed registers: rAX (operand size), AL, CL (8-bit), DX (16-bit). */
    public static final int ACC = 14, ACCB = 15, CL = 16, DX = 17;
    /** Immediates: imm8 zero-extended, imm8 sign-extended, imm16, imm16/32 sign-extended, imm16/32/64. */
    public static final int IB = 18, IBS = 19, IW = 20, IZ = 21, IV = 22;
    /** Relative branch targets (K_REL): rel8, rel32. */
    public static final int J8 = 23, J32 = 24;
    /** Memory offset (MOV AL, moffs): an absolute address of the address size. */
    public static final int O = 25;
    /** The constant 1 (shift by one). */
    public static final int ONE = 26;
    /** ModRM.reg as a segment, control or debug register. */
    public static final int S = 27, C = 28, D = 29;
    /** Fixed segment registers FS and GS (PUSH FS, POP GS). */
    public static final int SFS = 30, SGS = 31;
    /** VEX.vvvv as a general register, operand size (SDM Vol.2 2.3.6: the inverted register specifier). */
    public static final int H = 32;

    // ---- row flags (internal) ----
    static final int F_BYTE = 1, F_D64 = 2, F_F64 = 4, F_LOCK = 8, F_COND = 16, F_SSE = 32,
            F_MEM_ONLY = 64, F_REG_ONLY = 128, F_EXACT = 256, F_GENERAL = 512;

    /** One table entry: an operation, its operand forms and decoding flags. Immutable. */
    public static final class Row {
        final Op op;
        final int f0, f1, f2;
        final int flags;
        final boolean modrm;
        /** For x87 memory rows: the memory operand's size in bytes, which becomes opSize; else 0. */
        final int x87Size;

        Row(Op op, int f0, int f1, int f2, int flags) {
            this(op, f0, f1, f2, flags, 0);
        }

        Row(Op op, int f0, int f1, int f2, int flags, int x87Size) {
            this.x87Size = x87Size;
            this.op = op;
            this.f0 = f0;
            this.f1 = f1;
            this.f2 = f2;
            this.flags = flags;
            this.modrm = needsModrm(f0) || needsModrm(f1) || needsModrm(f2);
        }

        public Op op() {
            return op;
        }
    }

    private static final int MAPS = 8;
    private static final int SLOTS = MAPS * 256 * 4 * 16;
    private final Row[] rows = new Row[SLOTS];
    private final Row[] rexWRows = new Row[SLOTS];
    private final boolean[] modrm = new boolean[MAPS * 256];

    static boolean needsModrm(int form) {
        return switch (form) {
            case E, G, EB, GB, EW, ED, R, M, V, W, U, S, C, D -> true;
            default -> false;
        };
    }

    private static int key(int map, int opcode, int prefix, int reg, int regMod) {
        return ((((map << 8) | opcode) << 2 | prefix) << 4) | (reg << 1) | regMod;
    }

    /** Adds {@code 0F opcode} with mandatory {@code prefix} for every ModRM.reg value. */
    public void add0F(int opcode, int prefix, Op op, int... forms) {
        add(MAP_0F, opcode, prefix, -1, op, 0, false, forms);
    }

    /** Adds {@code 0F opcode /reg} with mandatory {@code prefix}. */
    public void add0FGroup(int opcode, int prefix, int reg, Op op, int... forms) {
        add(MAP_0F, opcode, prefix, reg, op, 0, false, forms);
    }

    /** Adds {@code 0F opcode} with mandatory {@code prefix} as used when REX.W is set. */
    public void add0FRexW(int opcode, int prefix, Op op, int... forms) {
        add(MAP_0F, opcode, prefix, -1, op, 0, true, forms);
    }

    /**
     * Adds an x87 memory form: escape {@code opcode} (D8-DF) with ModRM.reg = {@code reg} and
     * ModRM.mod != 11, whose memory operand is {@code memSize} bytes (see X87OpcodeMap).
     */
    void addX87(int opcode, int reg, Op op, int memSize) {
        modrm[(MAP_1BYTE << 8) | opcode] = true;
        rows[key(MAP_1BYTE, opcode, NP, reg, 0)] = new Row(op, M, NONE, NONE, F_MEM_ONLY, memSize);
    }

    /** Adds a row in any map with explicit flags (used by the decoder's own maps). */
    void add(int map, int opcode, int prefix, int reg, Op op, int flags, boolean rexW, int... forms) {
        int f0 = forms.length > 0 ? forms[0] : NONE;
        int f1 = forms.length > 1 ? forms[1] : NONE;
        int f2 = forms.length > 2 ? forms[2] : NONE;
        if (op.family() == Op.Family.SSE) {
            flags |= F_SSE | F_EXACT;
        }
        for (int f : forms) {
            if (f == M) {
                flags |= F_MEM_ONLY;
            } else if (f == U || (f == R && !isCrDrMove(f0, f1))) {
                flags |= F_REG_ONLY;
            }
            if (f == E || f == G || f == R) {
                flags |= F_GENERAL;
            }
        }
        Row row = new Row(op, f0, f1, f2, flags);
        if (row.modrm || reg >= 0) {
            modrm[(map << 8) | opcode] = true;
        }
        Row[] target = rexW ? rexWRows : rows;
        for (int r = 0; r < 8; r++) {
            if (reg >= 0 && r != reg) {
                continue;
            }
            for (int regMod = 0; regMod < 2; regMod++) {
                if ((flags & F_MEM_ONLY) != 0 && regMod == 1 || (flags & F_REG_ONLY) != 0 && regMod == 0) {
                    continue;
                }
                target[key(map, opcode, prefix, r, regMod)] = row;
            }
        }
    }

    private static boolean isCrDrMove(int f0, int f1) {
        return f0 == C || f0 == D || f1 == C || f1 == D;
    }

    /** True if {@code opcode} in {@code map} is followed by a ModRM byte. */
    boolean hasModrm(int map, int opcode) {
        return modrm[(map << 8) | opcode];
    }

    /** The row for an encoding, or null (#UD). {@code regMod} is 1 when ModRM.mod = 11. */
    Row lookup(int map, int opcode, int prefix, int reg, int regMod, boolean rexW) {
        int k = key(map, opcode, prefix, reg, regMod);
        if (rexW) {
            Row w = rexWRows[k];
            if (w != null) {
                return w;
            }
        }
        return rows[k];
    }
}
