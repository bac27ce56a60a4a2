package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.Instruction.*;
import static dev.jefevm.core.cpu.decode.OpcodeTable.*;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * Decodes one 64-bit-mode instruction (SDM Vol.2 chapter 2: legacy prefixes, REX, opcode,
 * ModRM, SIB, displacement, immediates; the two- and three-byte VEX prefixes of section 2.3)
 * into an {@link Instruction}, driven by an {@link OpcodeTable}. VEX supplies R/X/B/W, the
 * opcode map, the implied mandatory prefix and the extra register operand vvvv (form
 * {@link OpcodeTable#H}); only the VEX rows of general-register instructions exist (BMI1/BMI2),
 * so every other VEX encoding, all of AVX included, is #UD, as it is on a processor whose
 * CPUID reports no AVX. It allocates nothing but the Instruction and throws nothing but
 * {@link CpuFault}: #GP(0) for an instruction longer than 15 bytes (SDM Vol.2 2.3.11), #UD for
 * an encoding without a row and for a LOCK prefix on a non-lockable instruction or a register
 * destination (SDM Vol.2 LOCK). Fetch faults (#PF) come from the {@link CodeSource}.
 */
public final class Decoder {

    /** Where instruction bytes come from; may throw a {@link CpuFault} (#PF on fetch). */
    public interface CodeSource {
        /** The byte at linear address {@code address}, 0-255. */
        int codeByte(long address);
    }

    /** Longest legal instruction (SDM Vol.2 2.3.11). */
    public static final int MAX_LENGTH = 15;

    private static final OpcodeTable STANDARD = buildStandardTable();

    private final OpcodeTable table;

    /** A decoder over the standard table (integer, system and SSE rows). */
    public Decoder() {
        this(STANDARD);
    }

    public Decoder(OpcodeTable table) {
        this.table = table;
    }

    /** The table every standard decoder uses. */
    public static OpcodeTable standardTable() {
        return STANDARD;
    }

    private static OpcodeTable buildStandardTable() {
        OpcodeTable t = new OpcodeTable();
        BaseOpcodeMap.register(t);
        SseOpcodeMap.register(t);
        Sse4OpcodeMap.register(t);
        BmiOpcodeMap.register(t);
        return t;
    }

    private static int fetch(CodeSource src, long address, int pos) {
        if (pos >= MAX_LENGTH) {
            throw CpuFault.gp(0);
        }
        return src.codeByte(address + pos) & 0xFF;
    }

    /** Decodes the instruction whose first byte is at linear {@code address}. */
    public Instruction decode(CodeSource src, long address) {
        int pos = 0;
        int prefixes = 0;
        int segment = -1;
        int rex = 0;
        int lastRep = 0;
        int b;
        prefixLoop:
        while (true) {
            b = fetch(src, address, pos++);
            switch (b) {
                case 0xF0 -> prefixes |= P_LOCK;
                case 0xF2 -> { prefixes |= P_REPNE; lastRep = 0xF2; }
                case 0xF3 -> { prefixes |= P_REP; lastRep = 0xF3; }
                case 0x26 -> segment = CpuState.ES;
                case 0x2E -> segment = CpuState.CS;
                case 0x36 -> segment = CpuState.SS;
                case 0x3E -> segment = CpuState.DS;
                case 0x64 -> segment = CpuState.FS;
                case 0x65 -> segment = CpuState.GS;
                case 0x66 -> prefixes |= P_OPSIZE;
                case 0x67 -> prefixes |= P_ADDRSIZE;
                default -> {
                    if ((b & 0xF0) == 0x40) {
                        rex = b; // only effective if the opcode follows directly (SDM Vol.2 2.2.1)
                        continue prefixLoop;
                    }
                    break prefixLoop;
                }
            }
            rex = 0;
        }
        if (rex != 0) {
            prefixes |= P_REX;
            if ((rex & 8) != 0) {
                prefixes |= P_REXW;
            }
        }
        if (segment >= 0) {
            prefixes |= P_SEG_OVERRIDE;
        }
        boolean rexW = (rex & 8) != 0;
        int rexR = (rex & 4) << 1, rexX = (rex & 2) << 2, rexB = (rex & 1) << 3;

        int map = MAP_1BYTE;
        int prefix = NP;
        boolean vex = b == 0xC4 || b == 0xC5; // never LES/LDS: those do not exist in 64-bit mode
        int vvvv = 0;
        boolean vexL = false;
        if (vex) {
            // SDM Vol.2 2.3.2: a 66, F2, F3, LOCK or REX prefix before VEX is #UD
            if ((prefixes & (P_LOCK | P_REP | P_REPNE | P_OPSIZE | P_REX)) != 0) {
                throw CpuFault.ud();
            }
            // SDM Vol.2 2.3.5-2.3.6: R, X, B and vvvv are stored inverted; the 2-byte form implies X=B=0, W=0, map 0F
            int p1 = fetch(src, address, pos++);
            rexR = (~p1 & 0x80) >>> 4;
            int p2 = p1;
            int mmmmm = 1;
            if (b == 0xC4) {
                rexX = (~p1 & 0x40) >>> 3;
                rexB = (~p1 & 0x20) >>> 2;
                mmmmm = p1 & 0x1F;
                p2 = fetch(src, address, pos++);
                rexW = (p2 & 0x80) != 0;
                if (rexW) {
                    prefixes |= P_REXW;
                }
            }
            if (mmmmm < 1 || mmmmm > 3) {
                throw CpuFault.ud(); // reserved opcode maps (SDM Vol.2 2.3.6.1: only 0F, 0F38, 0F3A exist)
            }
            vvvv = (~p2 >>> 3) & 0xF;
            vexL = (p2 & 4) != 0;
            prefix = p2 & 3; // VEX.pp: none, 66, F3, F2 in OpcodeTable's NP, P66, PF3, PF2 order
            prefixes |= P_VEX;
            map = MAP_VEX_0F - 1 + mmmmm;
            b = fetch(src, address, pos++);
        } else if (b == 0x0F) {
            b = fetch(src, address, pos++);
            map = MAP_0F;
            if (b == 0x38) {
                map = MAP_0F38;
                b = fetch(src, address, pos++);
            } else if (b == 0x3A) {
                map = MAP_0F3A;
                b = fetch(src, address, pos++);
            }
        }
        int opcode = b;
        if (map != MAP_1BYTE && !vex) {
            prefix = lastRep == 0xF3 ? PF3 : lastRep == 0xF2 ? PF2 : (prefixes & P_OPSIZE) != 0 ? P66 : NP;
        }

        int modrm = -1, mod = 0, regField = 0, rm = 0;
        if (table.hasModrm(map, opcode)) {
            modrm = fetch(src, address, pos++);
            mod = modrm >>> 6;
            regField = (modrm >>> 3) & 7;
            rm = modrm & 7;
            if (map == MAP_0F && opcode == 0x01 && mod == 3) {
                return group7Register(modrm, pos, prefixes, rexB);
            }
            if (map == MAP_1BYTE && mod == 3 && (opcode & 0xF8) == 0xD8) {
                return X87OpcodeMap.registerForm(opcode, modrm, pos, prefixes);
            }
        }
        int regMod = mod == 3 ? 1 : 0;
        OpcodeTable.Row row = table.lookup(map, opcode, prefix, regField, regMod, rexW);
        int rowPrefix = prefix;
        if (row == null && !vex && prefix != NP && (prefix == P66 || map == MAP_0F)) {
            row = table.lookup(map, opcode, NP, regField, regMod, rexW);
            rowPrefix = NP;
            if (row != null && (row.flags & F_EXACT) != 0) {
                row = null;
            }
        }
        if (row == null) {
            throw CpuFault.ud();
        }
        int flags = row.flags;
        Op op = row.op;
        if (vex) {
            // Every VEX row is a general-register (BMI) instruction: VEX.L=1 is #UD for them (each
            // BMI page's exceptions), and so is a vvvv other than 1111b where the instruction has
            // no vvvv operand (SDM Vol.2 2.3.6: "reserved and should contain 1111b")
            boolean usesVvvv = row.f0 == H || row.f1 == H || row.f2 == H;
            if (vexL || (!usesVvvv && vvvv != 0)) {
                throw CpuFault.ud();
            }
        }

        // operand size (SDM Vol.2 2.2.1.2 and table 2-4 / 64-bit defaults, table 2-5)
        boolean os16 = (prefixes & P_OPSIZE) != 0 && rowPrefix != P66;
        int opSize;
        if ((flags & F_BYTE) != 0) {
            opSize = 1;
        } else if ((flags & F_SSE) != 0) {
            opSize = (flags & F_GENERAL) != 0 ? (rexW ? 8 : 4) : 16;
        } else if ((flags & F_F64) != 0 || rexW) {
            opSize = 8;
        } else if (os16) {
            opSize = 2;
        } else if ((flags & F_D64) != 0) {
            opSize = 8;
        } else {
            opSize = 4;
        }
        if (row.x87Size != 0) {
            opSize = row.x87Size;
        }
        int addrSize = (prefixes & P_ADDRSIZE) != 0 ? 4 : 8;

        // memory operand: SIB and displacement follow ModRM (SDM Vol.2 2.1.5, 2.2.1.6)
        int base = NO_REG, index = NO_REG, scale = 0;
        long disp = 0;
        boolean crDr = row.f0 == C || row.f0 == D || row.f1 == C || row.f1 == D;
        boolean memory = modrm >= 0 && mod != 3 && !crDr;
        if (memory) {
            if (rm == 4) {
                int sib = fetch(src, address, pos++);
                scale = sib >>> 6;
                int idx = ((sib >>> 3) & 7) | rexX;
                index = idx == 4 ? NO_REG : idx;
                int baseLow = sib & 7;
                if (baseLow == 5 && mod == 0) {
                    disp = fetch32(src, address, pos);
                    pos += 4;
                } else {
                    base = baseLow | rexB;
                }
            } else if (rm == 5 && mod == 0) {
                base = BASE_RIP;
                disp = fetch32(src, address, pos);
                pos += 4;
            } else {
                base = rm | rexB;
            }
            if (mod == 1) {
                disp = (byte) fetch(src, address, pos++);
            } else if (mod == 2) {
                disp = fetch32(src, address, pos);
                pos += 4;
            }
        }
        if (segment < 0) {
            segment = (base == CpuState.RSP || base == CpuState.RBP) ? CpuState.SS : CpuState.DS;
        }

        // operands in Intel order; immediates are read in that order after everything else
        int srcSize = opSize;
        int k0 = NONE, k1 = NONE, k2 = NONE, r0 = 0, r1 = 0, r2 = 0;
        long imm = 0, imm2 = 0;
        int immCount = 0;
        for (int i = 0; i < 3; i++) {
            int form = i == 0 ? row.f0 : i == 1 ? row.f1 : row.f2;
            if (form == NONE) {
                break;
            }
            int kind;
            int reg = 0;
            switch (form) {
                case E, EB, EW, ED, R, M -> {
                    if (memory) {
                        kind = K_MEM;
                    } else {
                        kind = K_GPR;
                        reg = byteReg(rm | rexB, form == EB || (form != EW && form != ED && opSize == 1), rex);
                    }
                    if (form == EB && i > 0 && opSize != 1) {
                        srcSize = 1;
                    } else if (form == EW) {
                        srcSize = 2;
                    } else if (form == ED) {
                        srcSize = 4;
                    }
                }
                case G, GB -> {
                    kind = K_GPR;
                    reg = byteReg(regField | rexR, form == GB || opSize == 1, rex);
                }
                case V -> {
                    kind = K_XMM;
                    reg = regField | rexR;
                }
                case W, U -> {
                    if (memory) {
                        kind = K_MEM;
                    } else {
                        kind = K_XMM;
                        reg = rm | rexB;
                    }
                }
                case H -> {
                    kind = K_GPR;
                    reg = vvvv;
                }
                case Z, ZB -> {
                    kind = K_GPR;
                    reg = byteReg((opcode & 7) | rexB, form == ZB, rex);
                }
                case ACC, ACCB -> kind = K_GPR;
                case CL -> {
                    kind = K_GPR;
                    reg = CpuState.RCX;
                }
                case DX -> {
                    kind = K_GPR;
                    reg = CpuState.RDX;
                }
                case S -> {
                    if (regField > CpuState.GS || (op == Op.MOV_TO_SREG && regField == CpuState.CS)) {
                        throw CpuFault.ud();
                    }
                    kind = K_SEG;
                    reg = regField;
                }
                case SFS -> {
                    kind = K_SEG;
                    reg = CpuState.FS;
                }
                case SGS -> {
                    kind = K_SEG;
                    reg = CpuState.GS;
                }
                case C -> {
                    kind = K_CR;
                    reg = regField | rexR;
                }
                case D -> {
                    kind = K_DR;
                    reg = regField | rexR;
                }
                case O -> {
                    kind = K_MEM;
                    if (addrSize == 8) {
                        disp = fetch32(src, address, pos) & 0xFFFF_FFFFL
                                | (long) fetch32(src, address, pos + 4) << 32;
                        pos += 8;
                    } else {
                        disp = fetch32(src, address, pos) & 0xFFFF_FFFFL;
                        pos += 4;
                    }
                }
                case ONE -> {
                    kind = K_IMM;
                    imm = 1;
                    immCount++;
                }
                default -> {
                    // IB, IBS, IW, IZ, IV, J8, J32
                    kind = form == J8 || form == J32 ? K_REL : K_IMM;
                    long value;
                    switch (form) {
                        case IB -> value = fetch(src, address, pos++);
                        case IBS, J8 -> value = (byte) fetch(src, address, pos++);
                        case IW -> {
                            value = fetch16(src, address, pos);
                            pos += 2;
                        }
                        case IZ -> {
                            if (opSize == 2) {
                                value = (short) fetch16(src, address, pos);
                                pos += 2;
                            } else {
                                value = fetch32(src, address, pos);
                                pos += 4;
                            }
                        }
                        case IV -> {
                            if (opSize == 8) {
                                value = fetch32(src, address, pos) & 0xFFFF_FFFFL
                                        | (long) fetch32(src, address, pos + 4) << 32;
                                pos += 8;
                            } else if (opSize == 2) {
                                value = fetch16(src, address, pos);
                                pos += 2;
                            } else {
                                value = fetch32(src, address, pos) & 0xFFFF_FFFFL;
                                pos += 4;
                            }
                        }
                        default -> { // J32
                            value = fetch32(src, address, pos);
                            pos += 4;
                        }
                    }
                    if (immCount++ == 0) {
                        imm = value;
                    } else {
                        imm2 = value;
                    }
                }
            }
            if (i == 0) {
                k0 = kind;
                r0 = reg;
            } else if (i == 1) {
                k1 = kind;
                r1 = reg;
            } else {
                k2 = kind;
                r2 = reg;
            }
        }

        if ((prefixes & P_LOCK) != 0 && ((flags & F_LOCK) == 0 || k0 != K_MEM)) {
            throw CpuFault.ud();
        }
        if (map == MAP_1BYTE && opcode == 0x90 && rexB == 0) {
            op = lastRep == 0xF3 ? Op.PAUSE : Op.NOP; // 90 is XCHG eAX,eAX only with REX.B (SDM Vol.2 XCHG)
            k0 = k1 = NONE;
        } else if (map == MAP_0F && opcode == 0x1E && lastRep == 0xF3 && modrm == 0xFA) {
            op = Op.ENDBR64;
            k0 = NONE;
        }
        if (row.x87Size != 0) {
            imm = ((opcode & 7) << 8) | modrm; // FOP (SDM Vol.1 8.1.9)
        }
        int condition = (flags & F_COND) != 0 ? opcode & 0xF : 0;
        return new Instruction(op, pos, prefixes, opSize, srcSize, addrSize, condition,
                k0, r0, k1, r1, k2, r2, base, index, scale, disp, segment, imm, imm2);
    }

    /** 8-bit register numbering: without any REX prefix, 4-7 are AH, CH, DH, BH (SDM Vol.2 3.1.1.1). */
    private static int byteReg(int reg, boolean byteSized, int rex) {
        if (byteSized && rex == 0 && reg >= 4 && reg < 8) {
            return AH + reg - 4;
        }
        return reg;
    }

    private static int fetch16(CodeSource src, long address, int pos) {
        return fetch(src, address, pos) | fetch(src, address, pos + 1) << 8;
    }

    private static int fetch32(CodeSource src, long address, int pos) {
        return fetch(src, address, pos) | fetch(src, address, pos + 1) << 8
                | fetch(src, address, pos + 2) << 16 | fetch(src, address, pos + 3) << 24;
    }

    /** 0F 01 with ModRM.mod = 11 (SDM Vol.2 table A-6, group 7). */
    private static Instruction group7Register(int modrm, int length, int prefixes, int rexB) {
        int reg = (modrm >>> 3) & 7;
        int rm = modrm & 7;
        Op op;
        int kind0 = NONE;
        int reg0 = 0;
        int opSize = (prefixes & P_REXW) != 0 ? 8 : (prefixes & P_OPSIZE) != 0 ? 2 : 4;
        switch (modrm) {
            case 0xD0 -> op = Op.XGETBV;
            case 0xF8 -> op = Op.SWAPGS;
            case 0xF9 -> op = Op.RDTSCP;
            default -> {
                if (reg == 4) {
                    op = Op.SMSW;
                } else if (reg == 6) {
                    op = Op.LMSW;
                    opSize = 2;
                } else {
                    throw CpuFault.ud();
                }
                kind0 = K_GPR;
                reg0 = rm + rexB;
            }
        }
        if ((prefixes & P_LOCK) != 0) {
            throw CpuFault.ud();
        }
        return new Instruction(op, length, prefixes, opSize, opSize, 8, 0,
                kind0, reg0, NONE, 0, NONE, 0, NO_REG, NO_REG, 0, 0, CpuState.DS, 0, 0);
    }
}
