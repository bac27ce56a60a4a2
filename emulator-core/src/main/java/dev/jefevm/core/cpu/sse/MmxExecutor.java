package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * The MMX forms of the packed-integer instructions (SDM Vol.1 chapter 9; encodings without a 66
 * prefix, SSSE3's included): the same operations as on XMM registers, on the 64-bit registers MM0-MM7, which alias
 * the significands of the x87 physical registers R0-R7 (Vol.1 9.5.1). Every MMX instruction
 * except EMMS sets TOP to 0 and marks all x87 registers valid, and a write to MMi sets Ri's
 * sign and exponent to all ones (Vol.1 Table 9-2); EMMS marks them all empty. REX.R/B do not
 * extend MMX register numbers, so only the low three bits count. An unmasked x87 exception
 * pending in FSW.ES raises #MF first. Memory operands are 64 bits and need no alignment.
 */
final class MmxExecutor {

    private static final int FSW_ES = 1 << 7;
    private static final int FSW_TOP = 7 << 11;

    private MmxExecutor() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        checkPendingX87(s);
        Op op = insn.op;
        switch (op) {
            case EMMS -> {
                // SDM Vol.2 EMMS documents only the empty tags; the reference host (AMD EPYC) also
                // sets TOP = 0, which we match
                s.fpuStatus &= ~FSW_TOP;
                s.fpuTagWord = 0; // abridged tag: all empty
                return;
            }
            case MOVD, MOVQ -> move(cpu, insn, op == Op.MOVQ ? 8 : insn.opSize);
            case MOVNTQ -> Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), 8, mm(s, insn.reg1));
            case MASKMOVQ -> maskedStore(cpu, insn);
            case PMOVMSKB -> Operands.writeGpr(s, insn.reg0, 4, signBytes(mm(s, insn.reg1)));
            case PEXTRW -> Operands.writeGpr(s, insn.reg0, insn.opSize == 8 ? 8 : 4,
                    (mm(s, insn.reg1) >>> ((insn.imm & 3) * 16)) & 0xFFFF);
            case PINSRW -> {
                long word = insn.kind1 == Instruction.K_GPR ? s.gpr[insn.reg1] & 0xFFFF
                        : cpu.mmu.read16(Operands.effectiveAddress(cpu, insn)) & 0xFFFF;
                int shift = (int) (insn.imm & 3) * 16;
                setMm(s, insn.reg0, (mm(s, insn.reg0) & ~(0xFFFFL << shift)) | (word << shift));
            }
            case PSHUFW -> setMm(s, insn.reg0, Shuffle.shuffleWords(source(cpu, insn), (int) insn.imm & 0xFF));
            case PALIGNR -> setMm(s, insn.reg0,
                    SupplementalInteger.alignRight64(mm(s, insn.reg0), source(cpu, insn), (int) insn.imm));
            default -> {
                long b = insn.kind1 == Instruction.K_IMM ? insn.imm & 0xFF : source(cpu, insn);
                setMm(s, insn.reg0, compute(op, mm(s, insn.reg0), b));
            }
        }
        enterMmxMode(s);
    }

    /** #MF if an unmasked x87 exception is pending (FSW.ES), before any MMX register is used. */
    static void checkPendingX87(CpuState s) {
        if ((s.fpuStatus & FSW_ES) != 0) {
            throw CpuFault.of(CpuFault.MF);
        }
    }

    /** The x87-to-MMX transition every MMX instruction but EMMS makes: TOP = 0, all tags valid. */
    static void enterMmxMode(CpuState s) {
        s.fpuStatus &= ~FSW_TOP;
        s.fpuTagWord = 0xFF; // abridged tag: all valid
    }

    /** True for operations that have an MMX form. */
    static boolean hasMmxForm(Op op) {
        return switch (op) {
            case MOVD, MOVQ, PMOVMSKB, PINSRW, PEXTRW, PAND, PANDN, POR, PXOR,
                 PADDB, PADDW, PADDD, PADDQ, PSUBB, PSUBW, PSUBD, PSUBQ,
                 PADDSB, PADDSW, PADDUSB, PADDUSW, PSUBSB, PSUBSW, PSUBUSB, PSUBUSW,
                 PCMPEQB, PCMPEQW, PCMPEQD, PCMPGTB, PCMPGTW, PCMPGTD,
                 PMULLW, PMULHW, PMULHUW, PMULUDQ, PMADDWD, PSADBW, PAVGB, PAVGW,
                 PMINUB, PMAXUB, PMINSW, PMAXSW,
                 PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD,
                 PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ,
                 PACKSSWB, PACKSSDW, PACKUSWB, EMMS, PSHUFW, MOVNTQ, MASKMOVQ,
                 // SSSE3 (SDM Vol.2: the 64-bit forms without the 66 prefix)
                 PSHUFB, PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW, PMADDUBSW, PMULHRSW,
                 PSIGNB, PSIGNW, PSIGND, PABSB, PABSW, PABSD, PALIGNR -> true;
            default -> false;
        };
    }

    private static long compute(Op op, long a, long b) {
        return switch (op) {
            case PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD -> PackedShift.shift(op, a, b);
            case PUNPCKLBW -> Shuffle.interleave(a, b, 8);
            case PUNPCKHBW -> Shuffle.interleave(a >>> 32, b >>> 32, 8);
            case PUNPCKLWD -> Shuffle.interleave(a, b, 16);
            case PUNPCKHWD -> Shuffle.interleave(a >>> 32, b >>> 32, 16);
            case PUNPCKLDQ -> (a & 0xFFFF_FFFFL) | (b << 32);
            case PUNPCKHDQ -> (a >>> 32) | (b & 0xFFFF_FFFF_0000_0000L);
            case PACKSSWB -> Shuffle.packWords(a, b, true);
            case PACKUSWB -> Shuffle.packWords(a, b, false);
            case PACKSSDW -> Shuffle.packDwords(a, b);
            case PSHUFB, PHADDW, PHADDD, PHADDSW, PHSUBW, PHSUBD, PHSUBSW, PMADDUBSW, PMULHRSW,
                 PSIGNB, PSIGNW, PSIGND, PABSB, PABSW, PABSD -> SupplementalInteger.mmx(op, a, b);
            default -> PackedInteger.half(op, a, b);
        };
    }

    static long mm(CpuState s, int reg) {
        return s.fpuMantissa[reg & 7];
    }

    static void setMm(CpuState s, int reg, long v) {
        s.fpuMantissa[reg & 7] = v;
        s.fpuExponent[reg & 7] = 0xFFFF;
    }

    /** Source operand 1: an MMX register or m64. */
    private static long source(Cpu cpu, Instruction insn) {
        if (insn.kind1 == Instruction.K_XMM) {
            return mm(cpu.state, insn.reg1);
        }
        return cpu.mmu.read64(Operands.effectiveAddress(cpu, insn));
    }

    /** MOVD/MOVQ with an MMX register on one side: loads zero-extend to 64 bits. */
    private static void move(Cpu cpu, Instruction insn, int size) {
        CpuState s = cpu.state;
        if (insn.kind0 == Instruction.K_XMM) {
            long v = switch (insn.kind1) {
                case Instruction.K_XMM -> mm(s, insn.reg1);
                case Instruction.K_GPR -> Operands.readGpr(s, insn.reg1, size);
                default -> Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
            };
            setMm(s, insn.reg0, v);
        } else if (insn.kind0 == Instruction.K_GPR) {
            Operands.writeGpr(s, insn.reg0, size, mm(s, insn.reg1));
        } else {
            Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), size, mm(s, insn.reg1));
        }
    }

    private static int signBytes(long q) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            r |= (int) ((q >>> (8 * i + 7)) & 1) << i;
        }
        return r;
    }

    /** MASKMOVQ: the bytes of MMreg whose mask byte has its top bit set go to DS:rDI, all or nothing. */
    private static void maskedStore(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        long ea = s.gpr[CpuState.RDI];
        if (insn.addrSize == 4) {
            ea &= 0xFFFF_FFFFL;
        }
        if (insn.segment >= CpuState.FS) {
            ea += s.segBase[insn.segment];
        }
        int selected = signBytes(mm(s, insn.reg1));
        long data = mm(s, insn.reg0);
        if (selected == 0) {
            return;
        }
        cpu.mmu.probeWrite(ea, 8);
        for (int i = 0; i < 8; i++) {
            if ((selected & (1 << i)) != 0) {
                cpu.mmu.write8(ea + i, (int) (data >>> (8 * i)));
            }
        }
    }
}
