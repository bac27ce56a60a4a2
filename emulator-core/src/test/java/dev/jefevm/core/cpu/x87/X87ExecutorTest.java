package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instruction-level behaviour of the x87 executor: availability (#NM), pending unmasked
 * exceptions (#MF), stack faults, exact transfers, the constants and the control instructions.
 */
class X87ExecutorTest {

    private static final long CR0_MP = 2, CR0_EM = 4, CR0_TS = 8;
    private final X87Machine m = new X87Machine();
    private final CpuState s = m.s;

    @BeforeEach
    void init() {
        X87Control.init(s);
        s.gpr[CpuState.RSI] = X87Machine.DATA;
    }

    @Test
    void anyX87Instruction_withTaskSwitched_raisesDeviceNotAvailable() {
        s.cr0 |= CR0_TS;

        CpuFault f = assertThrows(CpuFault.class, () -> m.exec("d9e8"));

        assertEquals(CpuFault.NM, f.vector);
    }

    @Test
    void anyX87Instruction_withEmulation_raisesDeviceNotAvailable() {
        s.cr0 |= CR0_EM;

        CpuFault f = assertThrows(CpuFault.class, () -> m.exec("dbe3"));

        assertEquals(CpuFault.NM, f.vector);
    }

    @Test
    void fwait_faultsOnTaskSwitchedOnlyWithMonitorCoprocessor() {
        s.cr0 |= CR0_TS;
        assertDoesNotThrow(() -> m.exec("9b"));
        s.cr0 |= CR0_MP;

        CpuFault f = assertThrows(CpuFault.class, () -> m.exec("9b"));

        assertEquals(CpuFault.NM, f.vector);
    }

    @Test
    void unmaskedZeroDivide_setsSummaryAndFaultsAtTheNextWaitingInstruction() {
        s.fpuControl = 0x037F & ~X87Status.ZE;
        m.exec("d9e8"); // fld1
        m.exec("d9ee"); // fldz
        m.exec("def9"); // fdivp st(1), st: 0 / ... no: st(1) = st(1) / st(0) = 1 / 0

        CpuFault f = assertThrows(CpuFault.class, () -> m.exec("d9e8"));

        assertAll(() -> assertEquals(CpuFault.MF, f.vector),
                () -> assertEquals(X87Status.ZE | X87Status.ES | X87Status.B,
                        s.fpuStatus & (X87Status.EXCEPTIONS | X87Status.ES | X87Status.B)),
                () -> assertEquals(6, X87Stack.top(s))); // aborted: no pop
    }

    @Test
    void pendingException_fwaitFaultsAndFnclexClearsIt() {
        s.fpuStatus = X87Status.ZE | X87Status.ES | X87Status.B;
        s.fpuControl = 0x037F & ~X87Status.ZE;

        CpuFault f = assertThrows(CpuFault.class, () -> m.exec("9b"));
        m.exec("dbe2"); // fnclex

        assertAll(() -> assertEquals(CpuFault.MF, f.vector), () -> assertEquals(0, s.fpuStatus),
                () -> assertDoesNotThrow(() -> m.exec("9b")));
    }

    @Test
    void fldcw_unmaskingARaisedFlag_makesTheNextWaitingInstructionFault() {
        s.fpuStatus = X87Status.PE;
        m.cpu.memory.write64(X87Machine.DATA, 0x037F & ~X87Status.PE);

        m.exec("d92e"); // fldcw [rsi]

        assertThrows(CpuFault.class, () -> m.exec("d9e8"));
    }

    @Test
    void push_onFullStack_givesStackOverflowWithIndefinite() {
        s.fpuTagWord = 0xFF;

        m.exec("d9e8");

        assertAll(() -> assertEquals(X87Status.IE | X87Status.SF | X87Status.C1,
                        s.fpuStatus & (X87Status.EXCEPTIONS | X87Status.SF | X87Status.C1)),
                () -> assertEquals("ffffc000000000000000", m.st(0)));
    }

    @Test
    void fadd_withEmptyOperand_givesStackUnderflow() {
        m.exec("d9e8");

        m.exec("d8c1"); // fadd st, st(1): st(1) empty

        assertAll(() -> assertEquals(X87Status.IE | X87Status.SF,
                        s.fpuStatus & (X87Status.EXCEPTIONS | X87Status.SF | X87Status.C1)),
                () -> assertEquals("ffffc000000000000000", m.st(0)));
    }

    @Test
    void fildThenFistp_int64Extremes_roundTripExactly() {
        for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0x0123_4567_89AB_CDEFL}) {
            m.cpu.memory.write64(X87Machine.DATA, v);
            m.exec("df2e"); // fild qword [rsi]
            m.cpu.memory.write64(X87Machine.DATA, 0);
            m.exec("df3e"); // fistp qword [rsi]

            assertEquals(v, m.cpu.memory.read64(X87Machine.DATA));
        }
        assertEquals(0, s.fpuStatus & X87Status.EXCEPTIONS);
    }

    @Test
    void fldThenFstp_m80_copiesEvenSignalingNaNsBitForBit() {
        m.cpu.memory.write64(X87Machine.DATA, 0xA000_0000_0000_0001L);
        m.cpu.memory.write64(X87Machine.DATA + 8, 0x7FFF);

        m.exec("db2e"); // fld tbyte [rsi]
        m.cpu.memory.write64(X87Machine.DATA, 0);
        m.exec("db3e"); // fstp tbyte [rsi]

        assertAll(() -> assertEquals(0xA000_0000_0000_0001L, m.cpu.memory.read64(X87Machine.DATA)),
                () -> assertEquals(0x7FFF, m.cpu.memory.read16(X87Machine.DATA + 8)),
                () -> assertEquals(0, s.fpuStatus & X87Status.EXCEPTIONS));
    }

    @Test
    void fbldThenFbstp_roundTripsEighteenDigits() {
        m.cpu.memory.write64(X87Machine.DATA, 0x2345_6789_0123_4567L);
        m.cpu.memory.write16(X87Machine.DATA + 8, 0x8001); // -1 2345... sign in byte 9

        m.exec("df26"); // fbld
        long loaded = X87Convert.toInteger(s, X87Stack.significand(s, 0), X87Stack.signExp(s, 0), 64, 0);
        m.exec("df36"); // fbstp

        assertAll(() -> assertEquals(-1_2345_6789_0123_4567L, loaded),
                () -> assertEquals(0x2345_6789_0123_4567L, m.cpu.memory.read64(X87Machine.DATA)),
                () -> assertEquals(0x8001, m.cpu.memory.read16(X87Machine.DATA + 8)));
    }

    @Test
    void fnstswAx_storesTheStatusWordIntoAxOnly() {
        s.gpr[CpuState.RAX] = 0x1111_2222_3333_4444L;
        m.exec("d9e8");

        m.exec("dfe0");

        assertEquals(0x1111_2222_3333_0000L | 7 << 11, s.gpr[CpuState.RAX]);
    }

    @Test
    void fucomip_setsTheArithmeticFlagsAndPops() {
        Flags.set(s, 2 | CpuState.OF | CpuState.SF);
        m.push(1.0);
        m.push(2.0);

        m.exec("dfe9"); // fucomip st, st(1): 2 > 1

        assertAll(() -> assertEquals(0, Flags.get(s) & (CpuState.ZF | CpuState.PF | CpuState.CF | CpuState.OF
                        | CpuState.SF)),
                () -> assertEquals(7, X87Stack.top(s)));
    }

    @Test
    void fcmovb_movesOnlyWhenCarryIsSet() {
        m.push(5.0);
        m.push(7.0);
        Flags.set(s, 2);
        m.exec("dac1"); // fcmovb st, st(1)
        double unchanged = m.stDouble(0);
        Flags.set(s, 2 | CpuState.CF);

        m.exec("dac1");

        assertAll(() -> assertEquals(7.0, unchanged), () -> assertEquals(5.0, m.stDouble(0)));
    }

    @Test
    void fxam_classifiesEmptyAndNegativeDenormal() {
        m.exec("d9e5");
        int empty = s.fpuStatus & X87Status.CONDITION;
        X87Stack.push(s, 1, 0x8000);
        m.exec("d9e5");

        assertAll(() -> assertEquals(X87Status.C3 | X87Status.C0, empty),
                () -> assertEquals(X87Status.C3 | X87Status.C2 | X87Status.C1, s.fpuStatus & X87Status.CONDITION));
    }

    @Test
    void constants_areTheTrueValuesRoundedToNearest() {
        BigDecimal ln10 = WideMath.ln(new BigDecimal("1.25"), 3);
        BigDecimal[] truth = {WideMath.PI, ln10.divide(WideMath.LN2, WideMath.MC),
                BigDecimal.ONE.divide(WideMath.LN2, WideMath.MC), WideMath.LN2.divide(ln10, WideMath.MC), WideMath.LN2};
        String[] code = {"d9eb", "d9e9", "d9ea", "d9ec", "d9ed"};
        for (int k = 0; k < code.length; k++) {
            m.exec(code[k]);
            int e = Extended80.unbiasedExponent(X87Stack.significand(s, 0), X87Stack.signExp(s, 0));
            BigInteger want = truth[k].multiply(new BigDecimal(BigInteger.ONE.shiftLeft(63 - e)))
                    .setScale(0, RoundingMode.HALF_EVEN).toBigInteger();

            assertEquals(want.toString(16), Long.toUnsignedString(X87Stack.significand(s, 0), 16), code[k]);
        }
    }

    @Test
    void fprem_elevenByThree_givesTwoWithQuotientBits() {
        m.push(3.0);
        m.push(11.0);

        m.exec("d9f8");

        assertAll(() -> assertEquals(2.0, m.stDouble(0)), // quotient 3: Q1 -> C3, Q0 -> C1
                () -> assertEquals(X87Status.C3 | X87Status.C1, s.fpuStatus & X87Status.CONDITION));
    }

    @Test
    void fprem1_elevenByThree_givesMinusOneWithQuotientFour() {
        m.push(3.0);
        m.push(11.0);

        m.exec("d9f5");

        assertAll(() -> assertEquals(-1.0, m.stDouble(0)),
                () -> assertEquals(X87Status.C0, s.fpuStatus & X87Status.CONDITION));
    }

    @Test
    void fsin_ofAnOutOfRangeArgument_setsC2AndKeepsIt() {
        m.push(0x1p63);

        m.exec("d9fe");

        assertAll(() -> assertEquals(0x1p63, m.stDouble(0)), () -> assertTrue((s.fpuStatus & X87Status.C2) != 0));
    }

    @Test
    void transcendentals_agreeWithDoubleArithmetic() {
        m.push(0.5);
        m.exec("d9fe"); // fsin
        double sin = m.stDouble(0);
        m.exec("d9f0"); // f2xm1 of sin(0.5)
        double exp = m.stDouble(0);
        m.push(3.0);
        m.push(8.0);
        m.exec("d9f1"); // fyl2x: 3 * log2(8)
        double log = m.stDouble(0);
        m.push(-1.0);
        m.push(-1.0);
        m.exec("d9f3"); // fpatan: atan2(-1, -1)

        assertAll(() -> assertEquals(Math.sin(0.5), sin, 1e-16),
                () -> assertEquals(Math.pow(2, Math.sin(0.5)) - 1, exp, 1e-15),
                () -> assertEquals(9.0, log),
                () -> assertEquals(-3 * Math.PI / 4, m.stDouble(0), 1e-15));
    }

    @Test
    void fptan_pushesOne() {
        m.push(0.25);

        m.exec("d9f2");

        assertAll(() -> assertEquals(1.0, m.stDouble(0)), () -> assertEquals(Math.tan(0.25), m.stDouble(1), 1e-16));
    }
}
