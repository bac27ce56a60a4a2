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
 * ADD ADC SUB SBB CMP AND OR XOR TEST NEG NOT INC DEC in every operand size, in register,
 * memory and immediate forms, with LOCK on the memory forms that allow it (and sometimes on a
 * register form, CMP/TEST or a register destination, which must be #UD: SDM Vol.2 "LOCK").
 */
@AddLifecycleHook(DifferentialSupport.class)
class IntegerAluProperties {

    private static final Op[] GROUP1 = {Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.CMP};

    @Property(shrinking = ShrinkingMode.OFF)
    void binaryAlu_matchesHost(@ForAll("binary") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void unaryAlu_matchesHost(@ForAll("unary") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> binary() {
        return DifferentialSupport.replayable(IntegerAluProperties::binaryCase);
    }

    @Provide
    Arbitrary<CpuCase> unary() {
        return DifferentialSupport.replayable(IntegerAluProperties::unaryCase);
    }

    static int randomSize(Random r) {
        return Values.pick(r, 1, 2, 4, 8);
    }

    private static CpuCase binaryCase(Random r) {
        Case c = new Case(r, Family.INTEGER_ALU);
        int size = randomSize(r);
        boolean testOp = r.nextInt(9) == 0;
        int index = r.nextInt(8);
        Op op = testOp ? Op.TEST : GROUP1[index];
        int reg = r.nextInt(16);
        int form = r.nextInt(5); // 0 r/m,r  1 r,r/m  2 r/m,imm  3 r/m,imm8 (83)  4 accumulator,imm
        boolean memory = form != 4 && r.nextInt(3) == 0;
        Encoder.Rm rm = memory ? Encoder.memory(c, Encoder.baseRegister(c, reg), Encoder.MEMORY_OFFSET + r.nextInt(64))
                : Encoder.register(r.nextInt(16));
        if (memory) {
            c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
            c.poke(Encoder.MEMORY_OFFSET + 8, Values.edge(r, 8), 8);
        }
        // LOCK is legal only on a memory destination of a read-modify-write op; elsewhere #UD
        boolean lockable = memory && op != Op.CMP && op != Op.TEST && form != 1;
        boolean lock = lockable ? r.nextInt(3) == 0 : r.nextInt(30) == 0;
        if (lock) {
            c.bytes(0xF0);
        }
        int immSize = size == 1 ? 1 : Math.min(size, 4);
        long imm = Values.edge(r, immSize);
        int wide = size == 1 ? 0 : 1;
        String text;
        switch (testOp ? Math.min(form, 2) + (form == 4 ? 2 : 0) : form) {
            case 0, 1 -> {
                int opcode = testOp ? 0x84 + wide : index * 8 + wide + (form == 1 && !testOp ? 2 : 0);
                Encoder.emit(c, size, size == 1, new int[] {opcode}, reg, rm);
                text = op + (form == 1 && !testOp ? " r, r/m" : " r/m, r");
            }
            case 2 -> {
                Encoder.emit(c, size, size == 1, new int[] {testOp ? 0xF6 + wide : 0x80 + wide}, testOp ? 0 : index, rm);
                c.le(imm, immSize);
                text = op + " r/m, imm";
            }
            case 3 -> {
                Encoder.emit(c, size, size == 1, new int[] {size == 1 ? 0x80 : 0x83}, index, rm);
                c.le(imm, 1);
                text = op + " r/m, imm8";
            }
            default -> {
                if (size == 2) {
                    c.bytes(0x66);
                } else if (size == 8) {
                    c.bytes(0x48);
                }
                c.bytes(testOp ? 0xA8 + wide : index * 8 + 4 + wide);
                c.le(imm, immSize);
                text = op + " accumulator, imm";
            }
        }
        c.undefinedFlags = UndefinedFlags.of(op, size);
        return c.describe((lock ? "lock " : "") + text + " size " + size + (memory ? " mem" : " reg")).build();
    }

    private static CpuCase unaryCase(Random r) {
        Case c = new Case(r, Family.INTEGER_ALU);
        int size = randomSize(r);
        int kind = r.nextInt(4); // NOT NEG INC DEC
        Op op = new Op[] {Op.NOT, Op.NEG, Op.INC, Op.DEC}[kind];
        boolean memory = r.nextInt(3) == 0;
        Encoder.Rm rm = memory ? Encoder.memory(c, Encoder.baseRegister(c), Encoder.MEMORY_OFFSET)
                : Encoder.register(r.nextInt(16));
        if (memory) {
            c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
        }
        boolean lock = memory ? r.nextBoolean() : r.nextInt(20) == 0; // on a register: #UD
        if (lock) {
            c.bytes(0xF0);
        }
        int wide = size == 1 ? 0 : 1;
        if (kind < 2) {
            Encoder.emit(c, size, size == 1, new int[] {0xF6 + wide}, kind + 2, rm);
        } else {
            Encoder.emit(c, size, size == 1, new int[] {0xFE + wide}, kind - 2, rm);
        }
        c.undefinedFlags = UndefinedFlags.of(op, size);
        return c.describe((lock ? "lock " : "") + op + " size " + size + (memory ? " mem" : " reg")).build();
    }
}
