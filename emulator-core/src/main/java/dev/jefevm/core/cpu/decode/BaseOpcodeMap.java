package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.OpcodeTable.*;

/**
 * The integer and system rows of the one-byte and 0F opcode maps for 64-bit mode (SDM Vol.2
 * Appendix A, tables, and A.4 for the group opcodes). Encodings invalid in 64-bit
 * mode (PUSH ES, AAA, BOUND, far CALL/JMP with an immediate, LES/LDS, INTO, ...) have no row and
 * so decode as #UD. The x87 escapes (D8-DF) and FWAIT are in X87OpcodeMap.
 */
final class BaseOpcodeMap {

    private BaseOpcodeMap() {
    }

    private static void one(OpcodeTable t, int opcode, Op op, int flags, int... forms) {
        t.add(MAP_1BYTE, opcode, NP, -1, op, flags, false, forms);
    }

    private static void oneGroup(OpcodeTable t, int opcode, int reg, Op op, int flags, int... forms) {
        t.add(MAP_1BYTE, opcode, NP, reg, op, flags, false, forms);
    }

    private static void two(OpcodeTable t, int opcode, Op op, int flags, int... forms) {
        t.add(MAP_0F, opcode, NP, -1, op, flags, false, forms);
    }

    private static void twoGroup(OpcodeTable t, int opcode, int reg, Op op, int flags, int... forms) {
        t.add(MAP_0F, opcode, NP, reg, op, flags, false, forms);
    }

    static void register(OpcodeTable t) {
        registerOneByte(t);
        registerTwoByte(t);
        X87OpcodeMap.register(t); // D8-DF and FWAIT
        // 0F 38 F0/F1: MOVBE (SDM Vol.2 4.3 MOVBE)
        t.add(MAP_0F38, 0xF0, NP, -1, Op.MOVBE, 0, false, G, M);
        t.add(MAP_0F38, 0xF1, NP, -1, Op.MOVBE, 0, false, M, G);
    }

    private static void registerOneByte(OpcodeTable t) {
        Op[] alu = {Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP};
        for (int i = 0; i < 8; i++) {
            int base = i << 3;
            int lock = alu[i] == Op.CMP ? 0 : F_LOCK;
            one(t, base, alu[i], F_BYTE | lock, EB, GB);
            one(t, base + 1, alu[i], lock, E, G);
            one(t, base + 2, alu[i], F_BYTE, GB, EB);
            one(t, base + 3, alu[i], 0, G, E);
            one(t, base + 4, alu[i], F_BYTE, ACCB, IB);
            one(t, base + 5, alu[i], 0, ACC, IZ);
            oneGroup(t, 0x80, i, alu[i], F_BYTE | lock, EB, IB);
            oneGroup(t, 0x81, i, alu[i], lock, E, IZ);
            oneGroup(t, 0x83, i, alu[i], lock, E, IBS);
        }
        for (int r = 0; r < 8; r++) {
            one(t, 0x50 + r, Op.PUSH, F_D64, Z);
            one(t, 0x58 + r, Op.POP, F_D64, Z);
            one(t, 0x90 + r, Op.XCHG, 0, Z, ACC); // 90 without REX.B is NOP/PAUSE: see Decoder
            one(t, 0xB0 + r, Op.MOV, F_BYTE, ZB, IB);
            one(t, 0xB8 + r, Op.MOV, 0, Z, IV);
        }
        one(t, 0x63, Op.MOVSXD, 0, G, ED);
        one(t, 0x68, Op.PUSH, F_D64, IZ);
        one(t, 0x69, Op.IMUL3, 0, G, E, IZ);
        one(t, 0x6A, Op.PUSH, F_D64, IBS);
        one(t, 0x6B, Op.IMUL3, 0, G, E, IBS);
        one(t, 0x6C, Op.INS, F_BYTE);
        one(t, 0x6D, Op.INS, 0);
        one(t, 0x6E, Op.OUTS, F_BYTE);
        one(t, 0x6F, Op.OUTS, 0);
        for (int cc = 0; cc < 16; cc++) {
            one(t, 0x70 + cc, Op.JCC, F_F64 | F_COND, J8);
        }
        one(t, 0x84, Op.TEST, F_BYTE, EB, GB);
        one(t, 0x85, Op.TEST, 0, E, G);
        one(t, 0x86, Op.XCHG, F_BYTE | F_LOCK, EB, GB);
        one(t, 0x87, Op.XCHG, F_LOCK, E, G);
        one(t, 0x88, Op.MOV, F_BYTE, EB, GB);
        one(t, 0x89, Op.MOV, 0, E, G);
        one(t, 0x8A, Op.MOV, F_BYTE, GB, EB);
        one(t, 0x8B, Op.MOV, 0, G, E);
        one(t, 0x8C, Op.MOV_FROM_SREG, 0, E, S);
        one(t, 0x8D, Op.LEA, 0, G, M);
        one(t, 0x8E, Op.MOV_TO_SREG, 0, S, EW);
        oneGroup(t, 0x8F, 0, Op.POP, F_D64, E);
        one(t, 0x98, Op.CBW, 0);
        one(t, 0x99, Op.CWD, 0);
        one(t, 0x9C, Op.PUSHF, F_D64);
        one(t, 0x9D, Op.POPF, F_D64);
        one(t, 0x9E, Op.SAHF, 0);
        one(t, 0x9F, Op.LAHF, 0);
        one(t, 0xA0, Op.MOV, F_BYTE, ACCB, O);
        one(t, 0xA1, Op.MOV, 0, ACC, O);
        one(t, 0xA2, Op.MOV, F_BYTE, O, ACCB);
        one(t, 0xA3, Op.MOV, 0, O, ACC);
        one(t, 0xA4, Op.MOVS, F_BYTE);
        one(t, 0xA5, Op.MOVS, 0);
        one(t, 0xA6, Op.CMPS, F_BYTE);
        one(t, 0xA7, Op.CMPS, 0);
        one(t, 0xA8, Op.TEST, F_BYTE, ACCB, IB);
        one(t, 0xA9, Op.TEST, 0, ACC, IZ);
        one(t, 0xAA, Op.STOS, F_BYTE);
        one(t, 0xAB, Op.STOS, 0);
        one(t, 0xAC, Op.LODS, F_BYTE);
        one(t, 0xAD, Op.LODS, 0);
        one(t, 0xAE, Op.SCAS, F_BYTE);
        one(t, 0xAF, Op.SCAS, 0);
        Op[] shifts = {Op.ROL, Op.ROR, Op.RCL, Op.RCR, Op.SHL, Op.SHR, Op.SHL, Op.SAR}; // /6 is SAL, an alias
        for (int i = 0; i < 8; i++) {
            oneGroup(t, 0xC0, i, shifts[i], F_BYTE, EB, IB);
            oneGroup(t, 0xC1, i, shifts[i], 0, E, IB);
            oneGroup(t, 0xD0, i, shifts[i], F_BYTE, EB, ONE);
            oneGroup(t, 0xD1, i, shifts[i], 0, E, ONE);
            oneGroup(t, 0xD2, i, shifts[i], F_BYTE, EB, CL);
            oneGroup(t, 0xD3, i, shifts[i], 0, E, CL);
        }
        one(t, 0xC2, Op.RET, F_D64, IW);
        one(t, 0xC3, Op.RET, F_D64);
        oneGroup(t, 0xC6, 0, Op.MOV, F_BYTE, EB, IB);
        oneGroup(t, 0xC7, 0, Op.MOV, 0, E, IZ);
        one(t, 0xC8, Op.ENTER, F_D64, IW, IB);
        one(t, 0xC9, Op.LEAVE, F_D64);
        one(t, 0xCA, Op.RET_FAR, 0, IW);
        one(t, 0xCB, Op.RET_FAR, 0);
        one(t, 0xCC, Op.INT3, 0);
        one(t, 0xCD, Op.INT, 0, IB);
        one(t, 0xCF, Op.IRET, 0);
        one(t, 0xD7, Op.XLAT, F_BYTE);
        one(t, 0xE0, Op.LOOPNE, F_F64, J8);
        one(t, 0xE1, Op.LOOPE, F_F64, J8);
        one(t, 0xE2, Op.LOOP, F_F64, J8);
        one(t, 0xE3, Op.JRCXZ, F_F64, J8);
        one(t, 0xE4, Op.IN, F_BYTE, ACCB, IB);
        one(t, 0xE5, Op.IN, 0, ACC, IB);
        one(t, 0xE6, Op.OUT, F_BYTE, IB, ACCB);
        one(t, 0xE7, Op.OUT, 0, IB, ACC);
        one(t, 0xE8, Op.CALL, F_F64, J32);
        one(t, 0xE9, Op.JMP, F_F64, J32);
        one(t, 0xEB, Op.JMP, F_F64, J8);
        one(t, 0xEC, Op.IN, F_BYTE, ACCB, DX);
        one(t, 0xED, Op.IN, 0, ACC, DX);
        one(t, 0xEE, Op.OUT, F_BYTE, DX, ACCB);
        one(t, 0xEF, Op.OUT, 0, DX, ACC);
        one(t, 0xF1, Op.INT1, 0);
        one(t, 0xF4, Op.HLT, 0);
        one(t, 0xF5, Op.CMC, 0);
        Op[] unary = {Op.TEST, Op.TEST, Op.NOT, Op.NEG, Op.MUL, Op.IMUL1, Op.DIV, Op.IDIV};
        for (int i = 0; i < 8; i++) {
            int lock = (i == 2 || i == 3) ? F_LOCK : 0;
            if (i < 2) {
                oneGroup(t, 0xF6, i, unary[i], F_BYTE, EB, IB);
                oneGroup(t, 0xF7, i, unary[i], 0, E, IZ);
            } else {
                oneGroup(t, 0xF6, i, unary[i], F_BYTE | lock, EB);
                oneGroup(t, 0xF7, i, unary[i], lock, E);
            }
        }
        one(t, 0xF8, Op.CLC, 0);
        one(t, 0xF9, Op.STC, 0);
        one(t, 0xFA, Op.CLI, 0);
        one(t, 0xFB, Op.STI, 0);
        one(t, 0xFC, Op.CLD, 0);
        one(t, 0xFD, Op.STD, 0);
        oneGroup(t, 0xFE, 0, Op.INC, F_BYTE | F_LOCK, EB);
        oneGroup(t, 0xFE, 1, Op.DEC, F_BYTE | F_LOCK, EB);
        oneGroup(t, 0xFF, 0, Op.INC, F_LOCK, E);
        oneGroup(t, 0xFF, 1, Op.DEC, F_LOCK, E);
        oneGroup(t, 0xFF, 2, Op.CALL_INDIRECT, F_F64, E);
        oneGroup(t, 0xFF, 3, Op.CALL_FAR, 0, M);
        oneGroup(t, 0xFF, 4, Op.JMP_INDIRECT, F_F64, E);
        oneGroup(t, 0xFF, 5, Op.JMP_FAR, 0, M);
        oneGroup(t, 0xFF, 6, Op.PUSH, F_D64, E);
    }

    private static void registerTwoByte(OpcodeTable t) {
        // group 6 (SDM Vol.2 A.4.2): SLDT, STR, LLDT, LTR
        twoGroup(t, 0x00, 0, Op.SLDT, 0, E);
        twoGroup(t, 0x00, 1, Op.STR, 0, E);
        twoGroup(t, 0x00, 2, Op.LLDT, 0, EW);
        twoGroup(t, 0x00, 3, Op.LTR, 0, EW);
        // group 7, memory forms; the register forms (XGETBV, SWAPGS, RDTSCP, ...) are decoded by Decoder
        twoGroup(t, 0x01, 0, Op.SGDT, 0, M);
        twoGroup(t, 0x01, 1, Op.SIDT, 0, M);
        twoGroup(t, 0x01, 2, Op.LGDT, 0, M);
        twoGroup(t, 0x01, 3, Op.LIDT, 0, M);
        twoGroup(t, 0x01, 4, Op.SMSW, 0, E);
        twoGroup(t, 0x01, 6, Op.LMSW, 0, EW);
        twoGroup(t, 0x01, 7, Op.INVLPG, 0, M);
        two(t, 0x05, Op.SYSCALL, 0);
        two(t, 0x06, Op.CLTS, 0);
        two(t, 0x07, Op.SYSRET, 0);
        two(t, 0x08, Op.INVD, 0);
        two(t, 0x09, Op.WBINVD, 0);
        two(t, 0x0B, Op.UD2, 0);
        // 0F 0D: PREFETCHW (memory) ; 0F 18 /0-/3: PREFETCHh; other 0F 18-1F: hint NOPs (SDM Vol.2 NOP)
        two(t, 0x0D, Op.PREFETCH, 0, M);
        for (int op = 0x18; op <= 0x1F; op++) {
            two(t, op, Op.NOP, 0, E);
        }
        for (int r = 0; r < 4; r++) {
            t.add(MAP_0F, 0x18, NP, r, Op.PREFETCH, 0, false, M);
        }
        two(t, 0x20, Op.MOV_FROM_CR, F_F64, R, C);
        two(t, 0x21, Op.MOV_FROM_DR, F_F64, R, D);
        two(t, 0x22, Op.MOV_TO_CR, F_F64, C, R);
        two(t, 0x23, Op.MOV_TO_DR, F_F64, D, R);
        two(t, 0x30, Op.WRMSR, 0);
        two(t, 0x31, Op.RDTSC, 0);
        two(t, 0x32, Op.RDMSR, 0);
        two(t, 0x33, Op.RDPMC, 0);
        for (int cc = 0; cc < 16; cc++) {
            two(t, 0x40 + cc, Op.CMOVCC, F_COND, G, E);
            two(t, 0x80 + cc, Op.JCC, F_F64 | F_COND, J32);
            two(t, 0x90 + cc, Op.SETCC, F_BYTE | F_COND, EB);
        }
        two(t, 0xA0, Op.PUSH_SREG, F_D64, SFS);
        two(t, 0xA1, Op.POP_SREG, F_D64, SFS);
        two(t, 0xA2, Op.CPUID, 0);
        two(t, 0xA3, Op.BT, 0, E, G);
        two(t, 0xA4, Op.SHLD, 0, E, G, IB);
        two(t, 0xA5, Op.SHLD, 0, E, G, CL);
        two(t, 0xA8, Op.PUSH_SREG, F_D64, SGS);
        two(t, 0xA9, Op.POP_SREG, F_D64, SGS);
        two(t, 0xAB, Op.BTS, F_LOCK, E, G);
        two(t, 0xAC, Op.SHRD, 0, E, G, IB);
        two(t, 0xAD, Op.SHRD, 0, E, G, CL);
        // 0F AE (group 15): fences are register forms; /7 memory is CLFLUSH; FSGSBASE with F3
        t.add(MAP_0F, 0xAE, NP, 5, Op.FENCE, F_REG_ONLY, false);
        t.add(MAP_0F, 0xAE, NP, 6, Op.FENCE, F_REG_ONLY, false);
        t.add(MAP_0F, 0xAE, NP, 7, Op.FENCE, F_REG_ONLY, false);
        t.add(MAP_0F, 0xAE, NP, 7, Op.CLFLUSH, 0, false, M);
        t.add(MAP_0F, 0xAE, PF3, 0, Op.RDFSBASE, 0, false, R);
        t.add(MAP_0F, 0xAE, PF3, 1, Op.RDGSBASE, 0, false, R);
        t.add(MAP_0F, 0xAE, PF3, 2, Op.WRFSBASE, 0, false, R);
        t.add(MAP_0F, 0xAE, PF3, 3, Op.WRGSBASE, 0, false, R);
        two(t, 0xAF, Op.IMUL2, 0, G, E);
        two(t, 0xB0, Op.CMPXCHG, F_BYTE | F_LOCK, EB, GB);
        two(t, 0xB1, Op.CMPXCHG, F_LOCK, E, G);
        two(t, 0xB3, Op.BTR, F_LOCK, E, G);
        two(t, 0xB6, Op.MOVZX, 0, G, EB);
        two(t, 0xB7, Op.MOVZX, 0, G, EW);
        t.add(MAP_0F, 0xB8, PF3, -1, Op.POPCNT, 0, false, G, E);
        twoGroup(t, 0xBA, 4, Op.BT, 0, E, IB);
        twoGroup(t, 0xBA, 5, Op.BTS, F_LOCK, E, IB);
        twoGroup(t, 0xBA, 6, Op.BTR, F_LOCK, E, IB);
        twoGroup(t, 0xBA, 7, Op.BTC, F_LOCK, E, IB);
        two(t, 0xBB, Op.BTC, F_LOCK, E, G);
        two(t, 0xBC, Op.BSF, 0, G, E);
        two(t, 0xBD, Op.BSR, 0, G, E);
        t.add(MAP_0F, 0xBC, PF3, -1, Op.TZCNT, 0, false, G, E);
        t.add(MAP_0F, 0xBD, PF3, -1, Op.LZCNT, 0, false, G, E);
        two(t, 0xBE, Op.MOVSX, 0, G, EB);
        two(t, 0xBF, Op.MOVSX, 0, G, EW);
        two(t, 0xC0, Op.XADD, F_BYTE | F_LOCK, EB, GB);
        two(t, 0xC1, Op.XADD, F_LOCK, E, G);
        t.add(MAP_0F, 0xC7, NP, 1, Op.CMPXCHG8B, F_LOCK, false, M);
        t.add(MAP_0F, 0xC7, NP, 1, Op.CMPXCHG16B, F_LOCK, true, M);
        for (int r = 0; r < 8; r++) {
            two(t, 0xC8 + r, Op.BSWAP, 0, Z);
        }
    }
}
