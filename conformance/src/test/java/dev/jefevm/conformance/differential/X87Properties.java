package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.UndefinedFlags;
import dev.jefevm.conformance.X87State;
import dev.jefevm.core.cpu.decode.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every x87 instruction JefeVM implements (SDM Vol.2 A.4.2, escape opcodes D8-DF), register
 * and memory forms, on a random register stack of 0 to 8 special 80-bit values with random
 * precision, rounding and exception masks: arithmetic, comparisons, transfers of every memory
 * format (binary32/64/80, int16/32/64, packed BCD), the control word, status word, environment
 * and state images, FCMOVcc, constants, FPREM/FSCALE/FXTRACT/FRNDINT/FSQRT and the
 * transcendentals. Some cases run an arithmetic instruction first, so that FNSTSW, FNSTENV and
 * FNSAVE store a status word, instruction pointer and opcode worth comparing.
 */
@AddLifecycleHook(DifferentialSupport.class)
class X87Properties {

    @Property(shrinking = ShrinkingMode.OFF)
    void x87_matchesHost(@ForAll("x87") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> x87() {
        return DifferentialSupport.replayable(X87Properties::x87Case);
    }

    /** What a memory operand holds before the instruction runs. */
    private enum Memory { NONE, F32, F64, F80, I16, I32, I64, BCD, CONTROL, ENVIRONMENT, STATE }

    /** A register form: escape byte, first ModRM byte, how many consecutive ModRM values (ST(i)), operation. */
    private record RegisterForm(int escape, int modrm, int count, Op op) {
    }

    /** A memory form: escape byte, ModRM.reg, operation, the operand's contents. */
    private record MemoryForm(int escape, int reg, Op op, Memory memory) {
    }

    private static final RegisterForm[] REGISTER_FORMS = registerForms();
    private static final MemoryForm[] MEMORY_FORMS = memoryForms();

    private static RegisterForm[] registerForms() {
        List<RegisterForm> f = new ArrayList<>();
        Op[] d8 = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUB, Op.FSUBR, Op.FDIV, Op.FDIVR};
        Op[] dc = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUBR, Op.FSUB, Op.FDIVR, Op.FDIV};
        Op[] de = {Op.FADDP, Op.FMULP, Op.FCOMP, null, Op.FSUBRP, Op.FSUBP, Op.FDIVRP, Op.FDIVP};
        for (int r = 0; r < 8; r++) {
            f.add(new RegisterForm(0xD8, 0xC0 + 8 * r, 8, d8[r]));
            f.add(new RegisterForm(0xDC, 0xC0 + 8 * r, 8, dc[r]));
            if (de[r] != null) {
                f.add(new RegisterForm(0xDE, 0xC0 + 8 * r, 8, de[r]));
            }
        }
        f.add(new RegisterForm(0xDE, 0xD9, 1, Op.FCOMPP));
        f.add(new RegisterForm(0xD9, 0xC0, 8, Op.FLD));
        f.add(new RegisterForm(0xD9, 0xC8, 8, Op.FXCH));
        f.add(new RegisterForm(0xD9, 0xD0, 1, Op.FNOP));
        Op[] d9e0 = {Op.FCHS, Op.FABS, null, null, Op.FTST, Op.FXAM, null, null,
            Op.FLD1, Op.FLDL2T, Op.FLDL2E, Op.FLDPI, Op.FLDLG2, Op.FLDLN2, Op.FLDZ, null,
            Op.F2XM1, Op.FYL2X, Op.FPTAN, Op.FPATAN, Op.FXTRACT, Op.FPREM1, Op.FDECSTP, Op.FINCSTP,
            Op.FPREM, Op.FYL2XP1, Op.FSQRT, Op.FSINCOS, Op.FRNDINT, Op.FSCALE, Op.FSIN, Op.FCOS};
        for (int k = 0; k < 32; k++) {
            if (d9e0[k] != null) {
                f.add(new RegisterForm(0xD9, 0xE0 + k, 1, d9e0[k]));
            }
        }
        for (int c = 0; c < 4; c++) {
            f.add(new RegisterForm(0xDA, 0xC0 + 8 * c, 8, Op.FCMOVCC));
            f.add(new RegisterForm(0xDB, 0xC0 + 8 * c, 8, Op.FCMOVCC));
        }
        f.add(new RegisterForm(0xDA, 0xE9, 1, Op.FUCOMPP));
        f.add(new RegisterForm(0xDB, 0xE2, 1, Op.FNCLEX));
        f.add(new RegisterForm(0xDB, 0xE3, 1, Op.FNINIT));
        f.add(new RegisterForm(0xDB, 0xE8, 8, Op.FUCOMI));
        f.add(new RegisterForm(0xDB, 0xF0, 8, Op.FCOMI));
        f.add(new RegisterForm(0xDD, 0xC0, 8, Op.FFREE));
        f.add(new RegisterForm(0xDD, 0xD0, 8, Op.FST));
        f.add(new RegisterForm(0xDD, 0xD8, 8, Op.FSTP));
        f.add(new RegisterForm(0xDD, 0xE0, 8, Op.FUCOM));
        f.add(new RegisterForm(0xDD, 0xE8, 8, Op.FUCOMP));
        f.add(new RegisterForm(0xDF, 0xC0, 8, Op.FFREEP));
        f.add(new RegisterForm(0xDF, 0xE0, 1, Op.FNSTSW));
        f.add(new RegisterForm(0xDF, 0xE8, 8, Op.FUCOMIP));
        f.add(new RegisterForm(0xDF, 0xF0, 8, Op.FCOMIP));
        // the undocumented aliases (FCOM2, FCOMP3, FCOMP5, FXCH4, FXCH7, FSTP1, FSTP8, FSTP9, FNENI, FNDISI, FNSETPM)
        f.add(new RegisterForm(0xDE, 0xD0, 8, Op.FCOMP));
        f.add(new RegisterForm(0xDD, 0xC8, 8, Op.FXCH));
        f.add(new RegisterForm(0xDF, 0xC8, 8, Op.FXCH));
        f.add(new RegisterForm(0xD9, 0xD8, 8, Op.FSTP));
        f.add(new RegisterForm(0xDF, 0xD0, 16, Op.FSTP));
        f.add(new RegisterForm(0xDB, 0xE0, 2, Op.FNOP));
        f.add(new RegisterForm(0xDB, 0xE4, 1, Op.FNOP));
        return f.toArray(new RegisterForm[0]);
    }

    private static MemoryForm[] memoryForms() {
        List<MemoryForm> f = new ArrayList<>();
        Op[] arith = {Op.FADD, Op.FMUL, Op.FCOM, Op.FCOMP, Op.FSUB, Op.FSUBR, Op.FDIV, Op.FDIVR};
        Op[] intArith = {Op.FIADD, Op.FIMUL, Op.FICOM, Op.FICOMP, Op.FISUB, Op.FISUBR, Op.FIDIV, Op.FIDIVR};
        for (int r = 0; r < 8; r++) {
            f.add(new MemoryForm(0xD8, r, arith[r], Memory.F32));
            f.add(new MemoryForm(0xDC, r, arith[r], Memory.F64));
            f.add(new MemoryForm(0xDA, r, intArith[r], Memory.I32));
            f.add(new MemoryForm(0xDE, r, intArith[r], Memory.I16));
        }
        f.add(new MemoryForm(0xD9, 0, Op.FLD, Memory.F32));
        f.add(new MemoryForm(0xD9, 2, Op.FST, Memory.NONE));
        f.add(new MemoryForm(0xD9, 3, Op.FSTP, Memory.NONE));
        f.add(new MemoryForm(0xD9, 4, Op.FLDENV, Memory.ENVIRONMENT));
        f.add(new MemoryForm(0xD9, 5, Op.FLDCW, Memory.CONTROL));
        f.add(new MemoryForm(0xD9, 6, Op.FNSTENV, Memory.NONE));
        f.add(new MemoryForm(0xD9, 7, Op.FNSTCW, Memory.NONE));
        f.add(new MemoryForm(0xDB, 0, Op.FILD, Memory.I32));
        f.add(new MemoryForm(0xDB, 1, Op.FISTTP, Memory.NONE));
        f.add(new MemoryForm(0xDB, 2, Op.FIST, Memory.NONE));
        f.add(new MemoryForm(0xDB, 3, Op.FISTP, Memory.NONE));
        f.add(new MemoryForm(0xDB, 5, Op.FLD, Memory.F80));
        f.add(new MemoryForm(0xDB, 7, Op.FSTP, Memory.NONE));
        f.add(new MemoryForm(0xDD, 0, Op.FLD, Memory.F64));
        f.add(new MemoryForm(0xDD, 1, Op.FISTTP, Memory.NONE));
        f.add(new MemoryForm(0xDD, 2, Op.FST, Memory.NONE));
        f.add(new MemoryForm(0xDD, 3, Op.FSTP, Memory.NONE));
        f.add(new MemoryForm(0xDD, 4, Op.FRSTOR, Memory.STATE));
        f.add(new MemoryForm(0xDD, 6, Op.FNSAVE, Memory.NONE));
        f.add(new MemoryForm(0xDD, 7, Op.FNSTSW, Memory.NONE));
        f.add(new MemoryForm(0xDF, 0, Op.FILD, Memory.I16));
        f.add(new MemoryForm(0xDF, 1, Op.FISTTP, Memory.NONE));
        f.add(new MemoryForm(0xDF, 2, Op.FIST, Memory.NONE));
        f.add(new MemoryForm(0xDF, 3, Op.FISTP, Memory.NONE));
        f.add(new MemoryForm(0xDF, 4, Op.FBLD, Memory.BCD));
        f.add(new MemoryForm(0xDF, 5, Op.FILD, Memory.I64));
        f.add(new MemoryForm(0xDF, 6, Op.FBSTP, Memory.NONE));
        f.add(new MemoryForm(0xDF, 7, Op.FISTP, Memory.NONE));
        return f.toArray(new MemoryForm[0]);
    }

    static CpuCase x87Case(Random r) {
        Case c = new Case(r, Family.X87);
        c.x87 = randomState(r);
        int kind = r.nextInt(40) == 0 ? 0 : r.nextInt(5) < 2 ? 1 : 2; // 0 FWAIT, 1 a memory form, 2 a register form
        MemoryForm m = MEMORY_FORMS[r.nextInt(MEMORY_FORMS.length)];
        RegisterForm f = REGISTER_FORMS[r.nextInt(REGISTER_FORMS.length)];
        Op op = kind == 0 ? Op.FWAIT : kind == 1 ? m.op() : f.op();
        StringBuilder text = new StringBuilder();
        int base = Encoder.baseRegister(c);
        Encoder.Rm rm = Encoder.memory(c, base, Encoder.MEMORY_OFFSET);
        if (op == Op.F2XM1 || op == Op.FYL2XP1) {
            keepInDomain(r, c.x87, op);
        } else if (kind == 1 && r.nextInt(5) == 0) {
            // arithmetic on the same memory operand first: its FDP and FOP are what FNSTENV/FNSAVE store
            MemoryForm before = MEMORY_FORMS[r.nextInt(4 * 8)];
            if (base >= 8) {
                c.bytes(0x41);
            }
            c.bytes(before.escape());
            Encoder.modrm(c, before.reg(), rm);
            text.append(before.op()).append(" m").append(before.memory()).append("; ");
        } else if (r.nextInt(4) == 0) {
            // an arithmetic instruction first: its status, FIP and FOP are what FNSTSW/FNSTENV/FNSAVE store
            RegisterForm before = REGISTER_FORMS[r.nextInt(8 * 3)];
            c.bytes(before.escape(), before.modrm() + r.nextInt(before.count()));
            text.append(before.op()).append("; ");
        }
        if (kind == 0) {
            c.bytes(0x9B);
            text.append("FWAIT");
        } else if (kind == 1) {
            boolean small = (m.memory() == Memory.ENVIRONMENT || m.memory() == Memory.STATE || op == Op.FNSTENV
                    || op == Op.FNSAVE) && r.nextInt(4) == 0;
            if (small) {
                c.bytes(0x66); // the 16-bit environment layout (SDM Vol.1 Figure 8-11)
            }
            if (base >= 8) {
                c.bytes(0x41);
            }
            c.bytes(m.escape());
            Encoder.modrm(c, m.reg(), rm);
            fillMemory(c, m.memory(), small);
            text.append(String.format("%s m%s (%02x /%d)%s", op, m.memory(), m.escape(), m.reg(), small ? " o16" : ""));
        } else {
            int modrm = f.modrm() + r.nextInt(f.count());
            c.bytes(f.escape(), modrm);
            text.append(String.format("%s (%02x %02x)", op, f.escape(), modrm));
        }
        c.undefinedFpuStatus = UndefinedFlags.fpuStatus(op);
        X87State x = c.x87;
        return c.describe(String.format("%s depth %d fcw=%x fsw=%x", text, Integer.bitCount(x.abridgedTags()),
                x.control(), x.status())).build();
    }

    /**
     * F2XM1 is defined for |x| <= 1 and FYL2XP1 for |x| < 1 - sqrt(2)/2 (SDM Vol.2): a finite
     * ST(0) outside that range, whose result the SDM leaves undefined, is replaced by one inside.
     */
    private static void keepInDomain(Random r, X87State x, Op op) {
        int maxExponent = op == Op.F2XM1 ? -1 : -3; // |x| < 2^(maxExponent + 1)
        int e = x.exponent()[0] & 0x7FFF;
        if (e == 0 || e == 0x7FFF || e - 0x3FFF <= maxExponent) {
            return;
        }
        x.mantissa()[0] = 0x8000_0000_0000_0000L | r.nextLong();
        x.exponent()[0] = (x.exponent()[0] & 0x8000) | (0x3FFF + maxExponent - r.nextInt(70));
    }

    /** A random stack: depth 0-8 (sometimes with holes), random PC/RC/masks, sticky flags and condition codes. */
    private static X87State randomState(Random r) {
        int depth = r.nextInt(9);
        int top = r.nextInt(8);
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        int tags = 0;
        for (int i = 0; i < 8; i++) {
            long[] v = X87Values.extended(r);
            mantissa[i] = v[0];
            exponent[i] = (int) v[1];
            if (i < depth) {
                tags |= 1 << ((top + i) & 7);
            }
        }
        if (r.nextInt(8) == 0) {
            tags ^= 1 << r.nextInt(8); // a hole in the stack, or a register in use beyond it
        }
        int masks = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(64);
            case 1 -> 0x3F & ~(1 << r.nextInt(6));
            default -> 0x3F;
        };
        int control = 0x0040 | (r.nextInt(4) << 8) | (r.nextInt(4) << 10) | masks;
        int status = top << 11 | (r.nextInt(2) == 0 ? 0 : r.nextInt(16) << 8 & 0x700 | (r.nextBoolean() ? 0x4000 : 0));
        status |= r.nextInt(3) == 0 ? r.nextInt(64) & masks : 0; // sticky flags, masked ones only
        status |= r.nextInt(8) == 0 ? 0x40 : 0; // a sticky stack fault
        if (r.nextInt(40) == 0) {
            status |= 1 | 0x80 | 0x8000; // a pending unmasked #IA: the next waiting instruction takes #MF
            control &= ~1;
        }
        return new X87State(control, status, tags, mantissa, exponent);
    }

    private static void fillMemory(Case c, Memory kind, boolean small) {
        Random r = c.random;
        int at = Encoder.MEMORY_OFFSET;
        switch (kind) {
            case F32 -> c.poke(at, X87Values.binary32(r), 4);
            case F64 -> c.poke(at, X87Values.binary64(r), 8);
            case F80 -> {
                long[] v = X87Values.extended(r);
                c.poke(at, v[0], 8).poke(at + 8, v[1], 2);
            }
            case I16 -> c.poke(at, Values.edge(r, 2), 2);
            case I32 -> c.poke(at, Values.edge(r, 4), 4);
            case I64 -> c.poke(at, Values.edge(r, 8), 8);
            case BCD -> {
                long[] v = X87Values.bcd(r);
                c.poke(at, v[0], 8).poke(at + 8, v[1], 2);
            }
            case CONTROL -> c.poke(at, r.nextInt(3) == 0 ? r.nextInt(0x10000) : 0x0040 | r.nextInt(0x1000) & 0xF3F, 2);
            case ENVIRONMENT, STATE -> {
                X87State s = randomState(r);
                int env = small ? 14 : 28;
                int word = small ? 2 : 4;
                int tagWord = 0;
                for (int p = 0; p < 8; p++) {
                    tagWord |= ((s.abridgedTags() >>> p & 1) == 0 ? 3 : r.nextInt(3)) << (2 * p);
                }
                long filler = r.nextBoolean() ? 0xFFFF_0000L : r.nextLong();
                c.poke(at, s.control() | filler << 16, word);
                c.poke(at + word, s.status() | filler << 16, word);
                c.poke(at + 2 * word, tagWord | filler << 16, word);
                if (kind == Memory.STATE) {
                    for (int i = 0; i < 8; i++) {
                        c.poke(at + env + 10 * i, s.mantissa()[i], 8).poke(at + env + 10 * i + 8, s.exponent()[i], 2);
                    }
                }
            }
            default -> {
                // a store: the destination holds the seeded data, whose bytes the store must replace exactly
            }
        }
    }
}
