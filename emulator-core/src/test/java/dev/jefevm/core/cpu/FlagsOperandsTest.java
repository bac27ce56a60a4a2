package dev.jefevm.core.cpu;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.decode.Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lazy RFLAGS evaluation, condition codes, and general-register access rules. */
class FlagsOperandsTest {

    @Test
    void set_thenGet_keepsDefinedBitsAndBitOne() {
        CpuState s = new CpuState();

        Flags.set(s, 0xFFFF_FFFF_FFFF_FFFFL);

        assertEquals(0x3F_7FD7L, Flags.get(s));
    }

    @Test
    void lazySub_flagsComputedOnRead() {
        CpuState s = new CpuState();
        s.lazyOp = Flags.SUB;
        s.lazySize = 1;
        s.lazyDst = 0x80;
        s.lazySrc = 0x01;
        s.lazyResult = 0x7F;

        long f = Flags.arith(s);

        assertEquals(CpuState.OF | CpuState.AF, f); // 0x80 - 1: signed overflow, borrow from bit 4, PF: 0x7F has 7 ones
    }

    /** Condition codes after CMP 1, 2 (32-bit): below, less, not equal, sign. */
    @ParameterizedTest(name = "cc {0} = {1}")
    @CsvSource({"0,false", "1,true", "2,true", "3,false", "4,false", "5,true", "6,true", "7,false",
            "8,true", "9,false", "10,true", "11,false", "12,true", "13,false", "14,true", "15,false"})
    void condition_afterCompareOneWithTwo_matchesSdmTable(int cc, boolean expected) {
        CpuState s = new CpuState();
        s.lazyOp = Flags.SUB;
        s.lazySize = 4;
        s.lazyDst = 1;
        s.lazySrc = 2;
        s.lazyResult = 0xFFFF_FFFFL; // PF: 0xFF has eight ones -> PF set

        assertEquals(expected, Flags.condition(s, cc));
    }

    @Test
    void update_changesOnlyTheNamedFlags() {
        CpuState s = new CpuState();
        Flags.setArith(s, CpuState.ZF | CpuState.SF);

        Flags.update(s, CpuState.CF | CpuState.ZF, CpuState.CF);

        assertAll(() -> assertTrue(Flags.cf(s)), () -> assertFalse(Flags.zf(s)), () -> assertTrue(Flags.sf(s)));
    }

    @Test
    void writeGpr_sizes_followTheSixtyFourBitRules() {
        CpuState s = new CpuState();
        s.gpr[0] = -1L;
        s.gpr[1] = -1L;
        s.gpr[2] = -1L;
        s.gpr[3] = -1L;

        Operands.writeGpr(s, 0, 4, 0x1234);
        Operands.writeGpr(s, 1, 2, 0x1234);
        Operands.writeGpr(s, 2, 1, 0x12);
        Operands.writeGpr(s, Instruction.AH + 3, 1, 0x12); // BH

        assertAll(() -> assertEquals(0x1234L, s.gpr[0]), () -> assertEquals(0xFFFF_FFFF_FFFF_1234L, s.gpr[1]),
                () -> assertEquals(0xFFFF_FFFF_FFFF_FF12L, s.gpr[2]), () -> assertEquals(0xFFFF_FFFF_FFFF_12FFL, s.gpr[3]),
                () -> assertEquals(0x12, Operands.readGpr(s, Instruction.AH + 3, 1)));
    }
}
