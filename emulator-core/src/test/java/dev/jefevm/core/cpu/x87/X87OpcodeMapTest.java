package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.decode.Decoder;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The x87 rows of the standard decoder (SDM Vol.2 A.4): memory forms by ModRM.reg, register forms by ModRM. */
class X87OpcodeMapTest {

    private static Instruction decode(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return new Decoder().decode(a -> a < b.length ? b[(int) a] & 0xFF : 0x90, 0);
    }

    @Test
    void registerForm_destinationStackRegisterComesFirst() {
        Instruction i = decode("dcc3"); // fadd st(3), st(0)

        assertAll(() -> assertEquals(Op.FADD, i.op),
                () -> assertEquals(Instruction.K_ST, i.kind0), () -> assertEquals(3, i.reg0),
                () -> assertEquals(Instruction.K_ST, i.kind1), () -> assertEquals(0, i.reg1),
                () -> assertEquals(2, i.length));
    }

    @Test
    void memoryForm_opSizeIsTheOperandSizeAndImmIsTheFpuOpcode() {
        Instruction i = decode("db6c2408"); // fld tbyte [rsp+8]

        assertAll(() -> assertEquals(Op.FLD, i.op), () -> assertEquals(10, i.opSize),
                () -> assertEquals(Instruction.K_MEM, i.kind0), () -> assertEquals(8, i.disp),
                () -> assertEquals(0x36C, i.imm), () -> assertEquals(4, i.length));
    }

    @ParameterizedTest(name = "{0} is {1} with {2}-byte memory operand")
    @CsvSource({
            "d906, FLD, 4", "dd06, FLD, 8", "db2e, FLD, 10", "df2e, FILD, 8", "df06, FILD, 2", "db06, FILD, 4",
            "dd0e, FISTTP, 8", "df3e, FISTP, 8", "df26, FBLD, 10", "df36, FBSTP, 10", "d926, FLDENV, 28",
            "d936, FNSTENV, 28", "dd26, FRSTOR, 108", "dd36, FNSAVE, 108", "dd3e, FNSTSW, 2", "d93e, FNSTCW, 2",
            "de06, FIADD, 2", "da3e, FIDIVR, 4", "dc36, FDIV, 8", "d81e, FCOMP, 4"})
    void memoryForms_haveTheirOperationAndSize(String hex, Op op, int size) {
        Instruction i = decode(hex);

        assertAll(() -> assertEquals(op, i.op), () -> assertEquals(size, i.opSize));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "d9e8, FLD1", "d9eb, FLDPI", "d9ee, FLDZ", "d9fe, FSIN", "d9ff, FCOS", "d9f5, FPREM1", "d9f8, FPREM",
            "dfe0, FNSTSW", "dbe3, FNINIT", "dbe2, FNCLEX", "ded9, FCOMPP", "dae9, FUCOMPP", "dbf1, FCOMI",
            "dfe9, FUCOMIP", "dfc1, FFREEP", "ddd9, FSTP", "dee9, FSUBP", "def1, FDIVRP", "9b, FWAIT",
            "d9d0, FNOP", "dbe4, FNOP"})
    void registerForms_haveTheirOperation(String hex, Op op) {
        assertEquals(op, decode(hex).op);
    }

    @Test
    void fcmovnbe_carriesTheAboveCondition() {
        Instruction i = decode("dbd1"); // fcmovnbe st(0), st(1)

        assertAll(() -> assertEquals(Op.FCMOVCC, i.op), () -> assertEquals(7, i.condition),
                () -> assertEquals(1, i.reg1));
    }

    @ParameterizedTest(name = "{0} is #UD")
    @ValueSource(strings = {"d9d1", "d9e2", "d9ef", "dae0", "dbe5", "ded8", "dfe1", "d90e", "dd2e", "f0d8c1"})
    void undefinedEncodingsAndLock_raiseInvalidOpcode(String hex) {
        CpuFault f = assertThrows(CpuFault.class, () -> decode(hex));

        assertEquals(CpuFault.UD, f.vector);
    }
}
