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
 * BMI1/BMI2 (VEX-encoded, SDM Vol.2 2.3.5), ADCX/ADOX and CRC32 on edge-value registers and
 * memory operands, in their 32- and 64-bit forms.
 */
@AddLifecycleHook(DifferentialSupport.class)
class BmiProperties {

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

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> bmi() {
        return DifferentialSupport.replayable(BmiProperties::bmiCase);
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
}
