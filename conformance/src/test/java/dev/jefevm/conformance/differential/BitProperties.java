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
 * BT BTS BTR BTC (register and memory forms, with bit offsets far outside the addressed operand,
 * LOCK on memory), BSF BSR POPCNT LZCNT TZCNT and BSWAP.
 */
@AddLifecycleHook(DifferentialSupport.class)
class BitProperties {

    private static final Op[] BT_OPS = {Op.BT, Op.BTS, Op.BTR, Op.BTC};

    @Property(shrinking = ShrinkingMode.OFF)
    void bitTest_matchesHost(@ForAll("bitTests") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @Property(shrinking = ShrinkingMode.OFF)
    void bitScanAndCount_matchesHost(@ForAll("scans") CpuCase c) {
        DifferentialSupport.check(c);
    }

    @AfterContainer
    static void report() {
        DifferentialSupport.writeReport();
    }

    @Provide
    Arbitrary<CpuCase> bitTests() {
        return DifferentialSupport.replayable(BitProperties::bitTestCase);
    }

    @Provide
    Arbitrary<CpuCase> scans() {
        return DifferentialSupport.replayable(BitProperties::scanCase);
    }

    private static CpuCase bitTestCase(Random r) {
        Case c = new Case(r, Family.BITS);
        int size = Values.pick(r, 2, 4, 8);
        int kind = r.nextInt(4);
        Op op = BT_OPS[kind];
        boolean imm = r.nextBoolean();
        int reg = r.nextInt(16);
        boolean memory = r.nextBoolean();
        Encoder.Rm rm = memory ? Encoder.memory(c, Encoder.baseRegister(c, reg), 0x8000) : Encoder.register(r.nextInt(16));
        if (memory && !imm) {
            // register bit offsets address memory far from the operand (SDM Vol.2 "BT": bit string)
            long offset = size == 2 ? (short) r.nextInt() : r.nextInt(0x3_0000 * 2) - 0x3_0000;
            c.gpr[reg] = offset;
        }
        // LOCK BT, or LOCK on a register operand, is #UD (SDM Vol.2 "LOCK")
        boolean lock = memory && kind != 0 ? r.nextInt(3) == 0 : r.nextInt(25) == 0;
        if (lock) {
            c.bytes(0xF0);
        }
        if (imm) {
            Encoder.emit(c, size, false, new int[] {0x0F, 0xBA}, 4 + kind, rm);
            c.le(r.nextInt(256), 1);
        } else {
            Encoder.emit(c, size, false, new int[] {0x0F, 0xA3 + 8 * kind}, reg, rm);
        }
        c.undefinedFlags = UndefinedFlags.of(op, size);
        return c.describe((lock ? "lock " : "") + op + (imm ? " imm" : " reg") + " size " + size + (memory ? " mem" : ""))
                .build();
    }

    private static CpuCase scanCase(Random r) {
        Case c = new Case(r, Family.BITS);
        int size = Values.pick(r, 2, 4, 8);
        int kind = r.nextInt(6); // BSF BSR POPCNT LZCNT TZCNT BSWAP
        int reg = r.nextInt(16);
        Encoder.Rm rm = Encoder.register(r.nextInt(16));
        if (r.nextInt(3) == 0) {
            c.poke(Encoder.MEMORY_OFFSET, Values.edge(r, 8), 8);
            rm = Encoder.memory(c, Encoder.baseRegister(c, reg), Encoder.MEMORY_OFFSET);
        }
        Op op = new Op[] {Op.BSF, Op.BSR, Op.POPCNT, Op.LZCNT, Op.TZCNT, Op.BSWAP}[kind];
        switch (kind) {
            case 0, 1 -> Encoder.emit(c, size, false, new int[] {0x0F, 0xBC + kind}, reg, rm);
            case 2 -> {
                c.bytes(0xF3);
                Encoder.emit(c, size, false, new int[] {0x0F, 0xB8}, reg, rm);
            }
            case 3, 4 -> {
                c.bytes(0xF3);
                Encoder.emit(c, size, false, new int[] {0x0F, kind == 3 ? 0xBD : 0xBC}, reg, rm);
            }
            default -> {
                size = Values.pick(r, 4, 8); // SDM "BSWAP": a 16-bit operand gives an undefined result
                c.bytes(0x40 | (size == 8 ? 8 : 0) | (reg >= 8 ? 1 : 0), 0x0F, 0xC8 + (reg & 7));
            }
        }
        c.undefinedFlags = UndefinedFlags.of(op, size);
        return c.describe(op + " size " + size + (rm.memory() && kind != 5 ? " mem" : " reg")).build();
    }
}
