package dev.jefevm.conformance.differential;

import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Family;
import dev.jefevm.conformance.UndefinedFlags;
import dev.jefevm.core.cpu.decode.Op;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * MUL, IMUL (one, two and three operands), DIV and IDIV in every size, including #DE cases:
 * random overflowing quotients, division by zero and IDIV of the minimum by -1.
 */
@AddLifecycleHook(DifferentialSupport.class)
class MulDivProperties {

    @Property(shrinking = ShrinkingMode.OFF)
    void multiplyOrDivide_matchesHost(@ForAll("cases") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> cases() {
        return DifferentialSupport.replayable(MulDivProperties::mulDivCase);
    }

    private static CpuCase mulDivCase(Random r) {
        Case c = new Case(r, Family.MUL_DIV);
        int size = IntegerAluProperties.randomSize(r);
        int kind = r.nextInt(6); // MUL IMUL1 DIV IDIV IMUL2 IMUL3
        int reg = r.nextInt(16);
        Encoder.Rm rm;
        boolean overflow = (kind == 2 || kind == 3) && r.nextInt(6) == 0;
        if (overflow) {
            // SDM Vol.2 "DIV", "IDIV": #DE for a zero divisor and for a quotient too large,
            // e.g. IDIV of the sign-extended minimum by -1
            boolean minByMinusOne = kind == 3 && r.nextBoolean();
            long divisor = minByMinusOne ? -1 : 0;
            c.poke(Encoder.MEMORY_OFFSET, divisor, 8);
            rm = Encoder.memory(c, Encoder.baseRegister(c, 0, 2), Encoder.MEMORY_OFFSET);
            if (minByMinusOne) {
                if (size == 1) {
                    c.gpr[0] = (c.gpr[0] & ~0xFFFFL) | 0xFF80;
                } else {
                    long min = 1L << (8 * size - 1);
                    c.gpr[0] = (c.gpr[0] & ~Values.mask(size)) | min;
                    c.gpr[2] = -1;
                }
            }
        } else if (r.nextInt(3) == 0) {
            c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
            rm = Encoder.memory(c, Encoder.baseRegister(c, 0, 2, reg), Encoder.MEMORY_OFFSET);
        } else {
            rm = Encoder.register(r.nextInt(16));
        }
        if (kind >= 2 && kind <= 3 && !overflow && r.nextBoolean()) {
            c.gpr[2] = r.nextBoolean() ? 0 : -1; // a dividend that often fits: fewer #DE, more quotients
        }
        Op op;
        int wide = size == 1 ? 0 : 1;
        switch (kind) {
            case 0, 1, 2, 3 -> {
                op = new Op[] {Op.MUL, Op.IMUL1, Op.DIV, Op.IDIV}[kind];
                Encoder.emit(c, size, size == 1, new int[] {0xF6 + wide}, 4 + kind, rm);
            }
            case 4 -> {
                op = Op.IMUL2;
                size = Math.max(size, 2);
                Encoder.emit(c, size, false, new int[] {0x0F, 0xAF}, reg, rm);
            }
            default -> {
                op = Op.IMUL3;
                size = Math.max(size, 2);
                boolean imm8 = r.nextBoolean();
                Encoder.emit(c, size, false, new int[] {imm8 ? 0x6B : 0x69}, reg, rm);
                c.le(Values.edge(r, imm8 ? 1 : Math.min(size, 4)), imm8 ? 1 : Math.min(size, 4));
            }
        }
        c.undefinedFlags = UndefinedFlags.of(op, size);
        return c.describe(op + " size " + size + (rm.memory() ? " mem" : " reg")).build();
    }
}
