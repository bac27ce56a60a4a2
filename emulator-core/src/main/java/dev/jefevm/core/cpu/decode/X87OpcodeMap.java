package dev.jefevm.core.cpu.decode;

import static dev.jefevm.core.cpu.decode.Instruction.K_ST;
import static dev.jefevm.core.cpu.decode.Instruction.NO_REG;
import static dev.jefevm.core.cpu.decode.OpcodeTable.MAP_1BYTE;
import static dev.jefevm.core.cpu.decode.OpcodeTable.NONE;
import static dev.jefevm.core.cpu.decode.OpcodeTable.NP;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;

/**
 * The x87 escape opcodes D8-DF (SDM Vol.2 A.4, tables) and FWAIT (9B). Memory
 * forms are selected by ModRM.reg and become table rows whose {@code opSize} is the memory
 * operand's size in bytes (2, 4, 8, 10; 28 for FLDENV/FNSTENV and 108 for FRSTOR/FNSAVE, the
 * 32-bit-operand layouts); their only operand is the memory operand, ST(0) being implied.
 * Register forms (ModRM.mod = 11) are selected by the whole ModRM byte and decoded here into
 * operands of kind {@link Instruction#K_ST} in Intel order: {@code FADD ST(i), ST(0)} has
 * ST(i) first. For every x87 instruction {@code imm} holds the 11-bit FPU opcode (FOP, SDM
 * Vol.1 8.1.9: the low three bits of the escape byte, then ModRM). FCMOVcc carries its
 * condition as a Jcc condition code. The undocumented aliases of later processors (FCOM2,
 * FCOMP3, FXCH4, FCOMP5, FXCH7, FSTP1, FSTP8, FSTP9, and FNENI/FNDISI/FNSETPM as no-ops)
 * decode like their documented twins; the executor tells FSTP1 and the three no-wait no-ops
 * apart by their FPU opcode where the host treats them differently.
 */
final class X87OpcodeMap {

    /** Register-form shapes: no operand, (ST(0), ST(i)), (ST(i), ST(0)), (ST(i)). */
    private static final byte NO_OPERANDS = 0, ST0_STI = 1, STI_ST0 = 2, STI = 3;

    private static final Op[] REGISTER_OPS = new Op[8 * 64];
    private static final byte[] SHAPES = new byte[8 * 64];
    private static final byte[] CONDITIONS = new byte[8 * 64];

    private X87OpcodeMap() {
    }

    static void register(OpcodeTable t) {
        Op[] arith = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUB, Op.FSUBR, Op.FDIV, Op.FDIVR};
        Op[] intArith = {Op.FIADD, Op.FIMUL, Op.FICOM, Op.FICOMP, Op.FISUB, Op.FISUBR, Op.FIDIV, Op.FIDIVR};
        for (int r = 0; r < 8; r++) {
            t.addX87(0xD8, r, arith[r], 4);
            t.addX87(0xDC, r, arith[r], 8);
            t.addX87(0xDA, r, intArith[r], 4);
            t.addX87(0xDE, r, intArith[r], 2);
        }
        t.addX87(0xD9, 0, Op.FLD, 4);
        t.addX87(0xD9, 2, Op.FST, 4);
        t.addX87(0xD9, 3, Op.FSTP, 4);
        t.addX87(0xD9, 4, Op.FLDENV, 28);
        t.addX87(0xD9, 5, Op.FLDCW, 2);
        t.addX87(0xD9, 6, Op.FNSTENV, 28);
        t.addX87(0xD9, 7, Op.FNSTCW, 2);
        t.addX87(0xDB, 0, Op.FILD, 4);
        t.addX87(0xDB, 1, Op.FISTTP, 4);
        t.addX87(0xDB, 2, Op.FIST, 4);
        t.addX87(0xDB, 3, Op.FISTP, 4);
        t.addX87(0xDB, 5, Op.FLD, 10);
        t.addX87(0xDB, 7, Op.FSTP, 10);
        t.addX87(0xDD, 0, Op.FLD, 8);
        t.addX87(0xDD, 1, Op.FISTTP, 8);
        t.addX87(0xDD, 2, Op.FST, 8);
        t.addX87(0xDD, 3, Op.FSTP, 8);
        t.addX87(0xDD, 4, Op.FRSTOR, 108);
        t.addX87(0xDD, 6, Op.FNSAVE, 108);
        t.addX87(0xDD, 7, Op.FNSTSW, 2);
        t.addX87(0xDF, 0, Op.FILD, 2);
        t.addX87(0xDF, 1, Op.FISTTP, 2);
        t.addX87(0xDF, 2, Op.FIST, 2);
        t.addX87(0xDF, 3, Op.FISTP, 2);
        t.addX87(0xDF, 4, Op.FBLD, 10);
        t.addX87(0xDF, 5, Op.FILD, 8);
        t.addX87(0xDF, 6, Op.FBSTP, 10);
        t.addX87(0xDF, 7, Op.FISTP, 8);
        t.add(MAP_1BYTE, 0x9B, NP, -1, Op.FWAIT, 0, false);
    }

    static {
        Op[] d8 = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUB, Op.FSUBR, Op.FDIV, Op.FDIVR};
        for (int r = 0; r < 8; r++) {
            boolean compare = r == 2 || r == 3;
            rows(0xD8, r << 3, d8[r], compare ? STI : ST0_STI);
        }
        // DC: the destination is ST(i); SUB/SUBR and DIV/DIVR swap places (SDM Vol.2 FSUB, FDIV)
        Op[] dc = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUBR, Op.FSUB, Op.FDIVR, Op.FDIV};
        Op[] de = {Op.FADDP, Op.FMULP, Op.FCOMP, null, Op.FSUBRP, Op.FSUBP, Op.FDIVRP, Op.FDIVP};
        for (int r = 0; r < 8; r++) {
            boolean compare = r == 2 || r == 3;
            rows(0xDC, r << 3, dc[r], compare ? STI : STI_ST0);
            if (de[r] != null) {
                rows(0xDE, r << 3, de[r], compare ? STI : STI_ST0);
            }
        }
        one(0xDE, 0xD9, Op.FCOMPP, NO_OPERANDS, 0);

        rows(0xD9, 0x00, Op.FLD, STI);
        rows(0xD9, 0x08, Op.FXCH, STI);
        rows(0xD9, 0x18, Op.FSTP, STI); // FSTP1
        one(0xD9, 0xD0, Op.FNOP, NO_OPERANDS, 0);
        Op[] d9e0 = {Op.FCHS, Op.FABS, null, null, Op.FTST, Op.FXAM, null, null,
                Op.FLD1, Op.FLDL2T, Op.FLDL2E, Op.FLDPI, Op.FLDLG2, Op.FLDLN2, Op.FLDZ, null,
                Op.F2XM1, Op.FYL2X, Op.FPTAN, Op.FPATAN, Op.FXTRACT, Op.FPREM1, Op.FDECSTP, Op.FINCSTP,
                Op.FPREM, Op.FYL2XP1, Op.FSQRT, Op.FSINCOS, Op.FRNDINT, Op.FSCALE, Op.FSIN, Op.FCOS};
        for (int k = 0; k < 32; k++) {
            if (d9e0[k] != null) {
                one(0xD9, 0xE0 + k, d9e0[k], NO_OPERANDS, 0);
            }
        }

        // FCMOVcc (SDM Vol.2 FCMOVcc) with the matching Jcc condition codes B, E, BE, P and NB, NE, NBE, NP
        int[] da = {2, 4, 6, 10};
        int[] db = {3, 5, 7, 11};
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 8; i++) {
                one(0xDA, 0xC0 + c * 8 + i, Op.FCMOVCC, ST0_STI, da[c]);
                one(0xDB, 0xC0 + c * 8 + i, Op.FCMOVCC, ST0_STI, db[c]);
            }
        }
        one(0xDA, 0xE9, Op.FUCOMPP, NO_OPERANDS, 0);
        one(0xDB, 0xE0, Op.FNOP, NO_OPERANDS, 0); // FNENI
        one(0xDB, 0xE1, Op.FNOP, NO_OPERANDS, 0); // FNDISI
        one(0xDB, 0xE2, Op.FNCLEX, NO_OPERANDS, 0);
        one(0xDB, 0xE3, Op.FNINIT, NO_OPERANDS, 0);
        one(0xDB, 0xE4, Op.FNOP, NO_OPERANDS, 0); // FNSETPM
        rows(0xDB, 0x28, Op.FUCOMI, ST0_STI);
        rows(0xDB, 0x30, Op.FCOMI, ST0_STI);

        rows(0xDD, 0x00, Op.FFREE, STI);
        rows(0xDD, 0x08, Op.FXCH, STI); // FXCH4
        rows(0xDD, 0x10, Op.FST, STI);
        rows(0xDD, 0x18, Op.FSTP, STI);
        rows(0xDD, 0x20, Op.FUCOM, STI);
        rows(0xDD, 0x28, Op.FUCOMP, STI);

        rows(0xDF, 0x00, Op.FFREEP, STI);
        rows(0xDF, 0x08, Op.FXCH, STI); // FXCH7
        rows(0xDF, 0x10, Op.FSTP, STI); // FSTP8
        rows(0xDF, 0x18, Op.FSTP, STI); // FSTP9
        one(0xDF, 0xE0, Op.FNSTSW, NO_OPERANDS, 0); // FNSTSW AX
        rows(0xDF, 0x28, Op.FUCOMIP, ST0_STI);
        rows(0xDF, 0x30, Op.FCOMIP, ST0_STI);
    }

    /** Eight rows, ModRM = C0 + low6 + i for ST(i). */
    private static void rows(int escape, int low6, Op op, byte shape) {
        for (int i = 0; i < 8; i++) {
            one(escape, 0xC0 + low6 + i, op, shape, 0);
        }
    }

    private static void one(int escape, int modrm, Op op, byte shape, int condition) {
        int k = ((escape & 7) << 6) | (modrm & 0x3F);
        REGISTER_OPS[k] = op;
        SHAPES[k] = shape;
        CONDITIONS[k] = (byte) condition;
    }

    /** Decodes an escape opcode with ModRM.mod = 11; {@code length} counts the bytes through ModRM. */
    static Instruction registerForm(int escape, int modrm, int length, int prefixes) {
        int k = ((escape & 7) << 6) | (modrm & 0x3F);
        Op op = REGISTER_OPS[k];
        if (op == null || (prefixes & Instruction.P_LOCK) != 0) {
            throw CpuFault.ud();
        }
        int i = modrm & 7;
        int k0 = NONE, r0 = 0, k1 = NONE, r1 = 0;
        switch (SHAPES[k]) {
            case ST0_STI -> {
                k0 = K_ST;
                k1 = K_ST;
                r1 = i;
            }
            case STI_ST0 -> {
                k0 = K_ST;
                r0 = i;
                k1 = K_ST;
            }
            case STI -> {
                k0 = K_ST;
                r0 = i;
            }
            default -> {
            }
        }
        return new Instruction(op, length, prefixes, 10, 10, 8, CONDITIONS[k], k0, r0, k1, r1, NONE, 0,
                NO_REG, NO_REG, 0, 0, CpuState.DS, ((escape & 7) << 8) | modrm, 0);
    }
}
