package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

/** Each row of the undefined-flags table masks exactly what the SDM's "Flags Affected" says, nothing else. */
class UndefinedFlagsTest {

    private static final long CF = CpuState.CF, PF = CpuState.PF, AF = CpuState.AF, ZF = CpuState.ZF,
            SF = CpuState.SF, OF = CpuState.OF;

    @Test
    void of_flagDefiningOperations_masksNothing() {
        Op[] defining = {Op.ADD, Op.ADC, Op.SUB, Op.SBB, Op.CMP, Op.NEG, Op.INC, Op.DEC, Op.NOT, Op.MOV};
        for (Op op : defining) {
            for (int size : new int[] {1, 2, 4, 8}) {
                assertEquals(0, UndefinedFlags.of(op, size), op + " size " + size);
            }
        }
    }

    @Test
    void of_fixedRows_maskTheSdmFlags() {
        assertAll(
                () -> assertEquals(SF | ZF | AF | PF, UndefinedFlags.of(Op.MUL, 4), "MUL keeps CF and OF"),
                () -> assertEquals(SF | ZF | AF | PF, UndefinedFlags.of(Op.IMUL3, 8)),
                () -> assertEquals(CpuState.ARITH_FLAGS, UndefinedFlags.of(Op.DIV, 2)),
                () -> assertEquals(AF, UndefinedFlags.of(Op.AND, 1), "logic ops define all but AF"),
                () -> assertEquals(AF, UndefinedFlags.of(Op.TEST, 8)),
                () -> assertEquals(OF | SF | AF | PF, UndefinedFlags.of(Op.BTS, 4), "BT* define CF; ZF unchanged"),
                () -> assertEquals(CF | OF | SF | AF | PF, UndefinedFlags.of(Op.BSF, 4), "BSF defines ZF"),
                () -> assertEquals(OF | SF | PF | AF, UndefinedFlags.of(Op.TZCNT, 4), "TZCNT defines CF and ZF"),
                () -> assertEquals(AF | PF, UndefinedFlags.of(Op.ANDN, 8)),
                () -> assertEquals(AF | SF | PF, UndefinedFlags.of(Op.BEXTR, 8)));
    }

    @Test
    void of_shifts_dependOnTheMaskedCount() {
        assertAll(
                () -> assertEquals(0, UndefinedFlags.of(Op.SHL, 4, 0), "count 0 changes no flag"),
                () -> assertEquals(AF, UndefinedFlags.of(Op.SHL, 4, 1), "count 1 defines OF"),
                () -> assertEquals(AF | OF, UndefinedFlags.of(Op.SHR, 4, 5)),
                () -> assertEquals(AF | OF | CF, UndefinedFlags.of(Op.SHL, 1, 8), "CF undefined at count >= width"),
                () -> assertEquals(AF | OF, UndefinedFlags.of(Op.SAR, 1, 9), "SAR fills CF with the sign"),
                () -> assertEquals(0, UndefinedFlags.of(Op.ROL, 8, 1)),
                () -> assertEquals(OF, UndefinedFlags.of(Op.RCR, 2, 3)),
                () -> assertEquals(AF | OF, UndefinedFlags.of(Op.SHLD, 4, 7)),
                () -> assertEquals(CpuState.ARITH_FLAGS, UndefinedFlags.of(Op.SHRD, 2, 17), "count > width"));
    }

    @Test
    void fpuStatus_masksOnlyTheUndefinedConditionCodes() {
        int c023 = UndefinedFlags.C0 | UndefinedFlags.C2 | UndefinedFlags.C3;
        assertAll(
                () -> assertEquals(c023, UndefinedFlags.fpuStatus(Op.FADD), "arithmetic defines only C1"),
                () -> assertEquals(0, UndefinedFlags.fpuStatus(Op.FCOM), "comparisons define all four"),
                () -> assertEquals(0, UndefinedFlags.fpuStatus(Op.FXAM)),
                () -> assertEquals(UndefinedFlags.C0 | UndefinedFlags.C3, UndefinedFlags.fpuStatus(Op.FSIN)),
                () -> assertEquals(0, UndefinedFlags.fpuStatus(Op.ADD), "not an x87 operation"));
    }
}
