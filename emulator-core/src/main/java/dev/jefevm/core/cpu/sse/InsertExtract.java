package dev.jefevm.core.cpu.sse;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Operands;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;

/**
 * SSE4.1 element inserts and extracts between XMM registers and general registers or memory
 * (SDM Vol.2 entries PEXTRB, PEXTRW (66 0F3A 15, which may store to memory), PEXTRD, PEXTRQ,
 * EXTRACTPS, PINSRB, PINSRD, PINSRQ, INSERTPS). The imm8 names the element; bits above those
 * needed are ignored. A general-register destination receives the element zero-extended to 64
 * bits; a memory destination or source is exactly the element's size and needs no alignment.
 * REX.W (operand size 8) turns PEXTRD/PINSRD into their quadword forms.
 */
final class InsertExtract {

    private InsertExtract() {
    }

    static void execute(Cpu cpu, Instruction insn) {
        CpuState s = cpu.state;
        int imm = (int) insn.imm & 0xFF;
        switch (insn.op) {
            case PEXTRB -> extract(cpu, insn, element(s, insn.reg1, imm & 15, 1), 1);
            case PEXTRW -> extract(cpu, insn, element(s, insn.reg1, imm & 7, 2), 2);
            case PEXTRD -> {
                if (insn.opSize == 8) {
                    extract(cpu, insn, element(s, insn.reg1, imm & 1, 8), 8);
                } else {
                    extract(cpu, insn, element(s, insn.reg1, imm & 3, 4), 4);
                }
            }
            case EXTRACTPS -> extract(cpu, insn, element(s, insn.reg1, imm & 3, 4), 4);
            case PINSRB -> insert(s, insn.reg0, imm & 15, 1, source(cpu, insn, 1));
            case PINSRD -> {
                if (insn.opSize == 8) {
                    insert(s, insn.reg0, imm & 1, 8, source(cpu, insn, 8));
                } else {
                    insert(s, insn.reg0, imm & 3, 4, source(cpu, insn, 4));
                }
            }
            default -> insertSingle(cpu, insn, imm); // INSERTPS
        }
    }

    /** Element {@code index} of {@code size} bytes of XMM register {@code reg}, zero-extended. */
    private static long element(CpuState s, int reg, int index, int size) {
        int bit = index * size * 8;
        long q = s.xmm[(reg << 1) + (bit >>> 6)];
        return size == 8 ? q : (q >>> (bit & 63)) & ((1L << (size * 8)) - 1);
    }

    private static void insert(CpuState s, int reg, int index, int size, long value) {
        int bit = index * size * 8;
        int slot = (reg << 1) + (bit >>> 6);
        if (size == 8) {
            s.xmm[slot] = value;
            return;
        }
        long mask = ((1L << (size * 8)) - 1) << (bit & 63);
        s.xmm[slot] = (s.xmm[slot] & ~mask) | ((value << (bit & 63)) & mask);
    }

    private static void extract(Cpu cpu, Instruction insn, long value, int size) {
        if (insn.kind0 == Instruction.K_GPR) {
            Operands.writeGpr(cpu.state, insn.reg0, 8, value);
        } else {
            Operands.writeMem(cpu, Operands.effectiveAddress(cpu, insn), size, value);
        }
    }

    /** Source operand 1: a general register's low {@code size} bytes or {@code size} bytes of memory. */
    private static long source(Cpu cpu, Instruction insn, int size) {
        if (insn.kind1 == Instruction.K_GPR) {
            return Operands.readGpr(cpu.state, insn.reg1, size == 1 ? 4 : size);
        }
        return Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), size);
    }

    /**
     * INSERTPS: imm8[7:6] picks the source dword (a memory source is the one m32 and ignores
     * it), imm8[5:4] the destination dword, and imm8[3:0] zeroes destination dwords afterwards.
     */
    private static void insertSingle(Cpu cpu, Instruction insn, int imm) {
        CpuState s = cpu.state;
        long value = insn.kind1 == Instruction.K_XMM
                ? element(s, insn.reg1, imm >>> 6, 4)
                : Operands.readMem(cpu, Operands.effectiveAddress(cpu, insn), 4);
        insert(s, insn.reg0, (imm >>> 4) & 3, 4, value);
        for (int i = 0; i < 4; i++) {
            if ((imm & (1 << i)) != 0) {
                insert(s, insn.reg0, i, 4, 0);
            }
        }
    }

}
