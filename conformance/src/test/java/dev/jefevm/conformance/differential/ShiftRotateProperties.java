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
 * ROL ROR RCL RCR SHL SHR SAR (by 1, CL and imm8) and SHLD SHRD (CL and imm8), every size, with
 * counts 0, 1, width-1, width, over width and random, carry in set and clear.
 */
@AddLifecycleHook(DifferentialSupport.class)
class ShiftRotateProperties {

    private static final Op[] GROUP2 = {Op.ROL, Op.ROR, Op.RCL, Op.RCR, Op.SHL, Op.SHR, Op.SHL, Op.SAR};

    @Property(shrinking = ShrinkingMode.OFF)
    void shiftOrRotate_matchesHost(@ForAll("shifts") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void doubleShift_matchesHost(@ForAll("doubleShifts") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> shifts() {
        return DifferentialSupport.replayable(ShiftRotateProperties::shiftCase);
    }

    @Provide
    Arbitrary<CpuCase> doubleShifts() {
        return DifferentialSupport.replayable(ShiftRotateProperties::doubleShiftCase);
    }

    static int count(Random r, int width) {
        return Values.pick(r, 0, 1, width - 1, width, width + 1, 31, 32, 33, 63, 64, 255, r.nextInt(256));
    }

    private static Encoder.Rm operand(Case c, int avoid) {
        if (c.random.nextInt(3) == 0) {
            c.poke(Encoder.MEMORY_OFFSET, Values.edge(c.random, 8), 8);
            return Encoder.memory(c, Encoder.baseRegister(c, 1, avoid), Encoder.MEMORY_OFFSET);
        }
        return Encoder.register(c.random.nextInt(16));
    }

    private static CpuCase shiftCase(Random r) {
        Case c = new Case(r, Family.SHIFT_ROTATE);
        int size = IntegerAluProperties.randomSize(r);
        int ext = r.nextInt(8);
        Op op = GROUP2[ext];
        int width = size * 8;
        int count = count(r, width);
        int form = r.nextInt(3); // 0 by 1, 1 by CL, 2 by imm8
        Encoder.Rm rm = operand(c, -1);
        boolean lock = c.random.nextInt(40) == 0;
        if (lock) {
            c.bytes(0xF0); // shifts and rotates are not lockable: #UD (SDM Vol.2 "LOCK")
        }
        int wide = size == 1 ? 0 : 1;
        if (form == 0) {
            count = 1;
            Encoder.emit(c, size, size == 1, new int[] {0xD0 + wide}, ext, rm);
        } else if (form == 1) {
            c.gpr[1] = (c.gpr[1] & ~0xFFL) | count;
            Encoder.emit(c, size, size == 1, new int[] {0xD2 + wide}, ext, rm);
        } else {
            Encoder.emit(c, size, size == 1, new int[] {0xC0 + wide}, ext, rm);
            c.le(count, 1);
        }
        int masked = count & (size == 8 ? 63 : 31);
        if (!rm.memory() && rm.reg() == 1 && form == 1) {
            masked = (int) (c.gpr[1] & (size == 8 ? 63 : 31));
        }
        c.undefinedFlags = UndefinedFlags.of(op, size, masked);
        return c.describe((lock ? "lock " : "") + op + (form == 0 ? " by 1" : form == 1 ? " by cl=" + count : " by imm " + count) + " size " + size
                + (rm.memory() ? " mem" : " reg")).build();
    }

    private static CpuCase doubleShiftCase(Random r) {
        Case c = new Case(r, Family.SHIFT_ROTATE);
        int size = Values.pick(r, 2, 4, 8);
        boolean right = r.nextBoolean();
        Op op = right ? Op.SHRD : Op.SHLD;
        int width = size * 8;
        int count = count(r, width);
        if (size == 2 && (count & 31) > 16) {
            count = 16; // SDM "SHLD": a count over 16 leaves a 16-bit destination undefined
        }
        boolean byCl = r.nextBoolean();
        int reg = r.nextInt(16);
        Encoder.Rm rm = operand(c, reg);
        if (byCl) {
            c.gpr[1] = (c.gpr[1] & ~0xFFL) | count;
            if ((!rm.memory() && rm.reg() == 1) || reg == 1) {
                count = (int) (c.gpr[1] & 0xFF);
                if (size == 2 && (count & 31) > 16) {
                    c.gpr[1] &= ~0x1FL; // keep the 16-bit count defined
                    count = (int) (c.gpr[1] & 0xFF);
                }
            }
        }
        Encoder.emit(c, size, false, new int[] {0x0F, (right ? 0xAC : 0xA4) + (byCl ? 1 : 0)}, reg, rm);
        if (!byCl) {
            c.le(count, 1);
        }
        c.undefinedFlags = UndefinedFlags.of(op, size, count & (size == 8 ? 63 : 31));
        return c.describe(op + (byCl ? " by cl=" : " by imm ") + count + " size " + size + (rm.memory() ? " mem" : " reg"))
                .build();
    }
}
