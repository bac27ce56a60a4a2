package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.UndefinedFlags;
import dev.jefevm.conformance.X87State;
import dev.jefevm.core.cpu.decode.Op;
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
 * BMI1/BMI2 (VEX-encoded, SDM Vol.2 2.3.5), ADCX/ADOX and CRC32; and x87 register-stack
 * operations on a random stack of special 80-bit values with random control words.
 */
@AddLifecycleHook(DifferentialSupport.class)
class BmiX87Properties {

    /** op, VEX pp, map (2 = 0F38, 3 = 0F3A), opcode, ModRM.reg extension or -1, imm8. */
    private record Vex(Op op, int pp, int map, int opcode, int ext, boolean imm) {
    }

    private static final Vex[] VEX = {
        new Vex(Op.ANDN, 0, 2, 0xF2, -1, false), new Vex(Op.BEXTR, 0, 2, 0xF7, -1, false),
        new Vex(Op.BLSI, 0, 2, 0xF3, 3, false), new Vex(Op.BLSMSK, 0, 2, 0xF3, 2, false),
        new Vex(Op.BLSR, 0, 2, 0xF3, 1, false), new Vex(Op.BZHI, 0, 2, 0xF5, -1, false),
        new Vex(Op.MULX, 3, 2, 0xF6, -1, false), new Vex(Op.PDEP, 3, 2, 0xF5, -1, false),
        new Vex(Op.PEXT, 2, 2, 0xF5, -1, false), new Vex(Op.RORX, 3, 3, 0xF0, -1, true),
        new Vex(Op.SARX, 2, 2, 0xF7, -1, false), new Vex(Op.SHLX, 1, 2, 0xF7, -1, false),
        new Vex(Op.SHRX, 3, 2, 0xF7, -1, false)};

    @Property(shrinking = ShrinkingMode.OFF)
    void bmiAdxCrc32_matchesHost(@ForAll("bmi") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void x87_matchesHost(@ForAll("x87") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> bmi() {
        return Arbitraries.randomValue(BmiX87Properties::bmiCase);
    }

    @Provide
    Arbitrary<CpuCase> x87() {
        return Arbitraries.randomValue(BmiX87Properties::x87Case);
    }

    private static CpuCase bmiCase(Random r) {
        Case c = new Case(r, Family.BMI_ADX_CRC32);
        int reg = r.nextInt(16);
        boolean memory = r.nextInt(3) == 0;
        Encoder.Rm rm = memory ? Encoder.memory(c, Encoder.baseRegister(c, reg), Encoder.MEMORY_OFFSET)
                : Encoder.register(r.nextInt(16));
        c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
        int kind = r.nextInt(VEX.length + 3);
        if (kind < VEX.length) {
            Vex v = VEX[kind];
            boolean w = r.nextBoolean();
            int vvvv = r.nextInt(16);
            c.bytes(0xC4, ((reg & 8) == 0 ? 0x80 : 0) | 0x40 | ((rm.reg() & 8) == 0 ? 0x20 : 0) | v.map(),
                    (w ? 0x80 : 0) | ((~vvvv & 15) << 3) | v.pp(), v.opcode());
            Encoder.modrm(c, v.ext() >= 0 ? v.ext() : reg, rm);
            if (v.imm()) {
                c.bytes(r.nextInt(256));
            }
            c.undefinedFlags = UndefinedFlags.of(v.op(), w ? 8 : 4);
            return c.describe(v.op() + (w ? " 64" : " 32") + (memory ? " mem" : " reg")).build();
        }
        if (kind == VEX.length) {
            int size = Values.pick(r, 4, 8);
            c.bytes(r.nextBoolean() ? 0x66 : 0xF3);
            Encoder.emit(c, size, false, new int[] {0x0F, 0x38, 0xF6}, reg, rm);
            return c.describe("ADCX/ADOX size " + size).build();
        }
        int size = IntegerAluProperties.randomSize(r);
        c.bytes(0xF2);
        Encoder.emit(c, size, size == 1, new int[] {0x0F, 0x38, size == 1 ? 0xF0 : 0xF1}, reg, rm);
        return c.describe("CRC32 size " + size).build();
    }

    private static final long[] MANTISSA = {0, 0x8000_0000_0000_0000L, 0xC000_0000_0000_0000L, 0xC90F_DAA2_2168_C235L,
        0xFFFF_FFFF_FFFF_FFFFL, 0x0000_0000_0000_0001L, 0x8000_0000_0000_0001L};
    private static final int[] EXPONENT = {0, 0x3FFF, 0x4000, 0x7FFF, 0x0001, 0x403E, 0x3FFE, 0x43FF};

    /** One-byte-escape register forms: D8-DF with ModRM 0xC0-0xFF (SDM Vol.2 A.4.2). */
    private static final int[][] X87_OPS = {
        {0xD8, 0xC0, Op.FADD.ordinal()}, {0xD8, 0xC8, Op.FMUL.ordinal()}, {0xD8, 0xD0, Op.FCOM.ordinal()},
        {0xD8, 0xE0, Op.FSUB.ordinal()}, {0xD8, 0xF0, Op.FDIV.ordinal()}, {0xDC, 0xC0, Op.FADD.ordinal()},
        {0xDE, 0xC0, Op.FADDP.ordinal()}, {0xD9, 0xC0, Op.FLD.ordinal()}, {0xD9, 0xC8, Op.FXCH.ordinal()},
        {0xD9, 0xE0, Op.FCHS.ordinal()}, {0xD9, 0xE1, Op.FABS.ordinal()}, {0xD9, 0xE4, Op.FTST.ordinal()},
        {0xD9, 0xE5, Op.FXAM.ordinal()}, {0xD9, 0xE8, Op.FLD1.ordinal()}, {0xD9, 0xEE, Op.FLDZ.ordinal()},
        {0xD9, 0xEB, Op.FLDPI.ordinal()}, {0xD9, 0xFA, Op.FSQRT.ordinal()}, {0xD9, 0xFC, Op.FRNDINT.ordinal()},
        {0xD9, 0xFD, Op.FSCALE.ordinal()}, {0xD9, 0xF4, Op.FXTRACT.ordinal()}, {0xD9, 0xF8, Op.FPREM.ordinal()},
        {0xD9, 0xF6, Op.FDECSTP.ordinal()}, {0xD9, 0xF7, Op.FINCSTP.ordinal()}, {0xDD, 0xD8, Op.FSTP.ordinal()},
        {0xDD, 0xC0, Op.FFREE.ordinal()}, {0xDB, 0xE8, Op.FUCOMI.ordinal()}, {0xDB, 0xF0, Op.FCOMI.ordinal()},
        {0xDA, 0xC0, Op.FCMOVCC.ordinal()}, {0xDE, 0xD9, Op.FCOMPP.ordinal()}, {0xDB, 0xE3, Op.FNINIT.ordinal()}};

    private static CpuCase x87Case(Random r) {
        Case c = new Case(r, Family.X87);
        int depth = r.nextInt(9);
        int top = (8 - depth) & 7;
        long[] mantissa = new long[8];
        int[] exponent = new int[8];
        int tags = 0;
        for (int i = 0; i < 8; i++) {
            int e = EXPONENT[r.nextInt(EXPONENT.length)] | (r.nextBoolean() ? 0x8000 : 0);
            long m = MANTISSA[r.nextInt(MANTISSA.length)];
            if (r.nextBoolean()) {
                m = 0x8000_0000_0000_0000L | r.nextLong();
            }
            mantissa[i] = m;
            exponent[i] = e;
            if (i < depth) {
                tags |= 1 << ((top + i) & 7);
            }
        }
        int control = 0x0040 | (r.nextInt(4) << 8) | (r.nextInt(4) << 10) | (r.nextInt(6) == 0 ? r.nextInt(64) : 0x3F);
        c.x87 = new X87State(control, top << 11, tags, mantissa, exponent);
        int[] entry = X87_OPS[r.nextInt(X87_OPS.length)];
        int second = entry[1];
        if ((second & 7) == 0 && second != 0xE0 && second != 0xE8 && entry[0] != 0xD9 || second == 0xC0 || second == 0xC8) {
            second |= r.nextInt(8);
        }
        c.bytes(entry[0], second);
        Op op = Op.values()[entry[2]];
        c.undefinedFpuStatus = UndefinedFlags.fpuStatus(op);
        return c.describe(String.format("%s (%02x %02x) depth %d fcw=%x", op, entry[0], second, depth, control)).build();
    }
}
