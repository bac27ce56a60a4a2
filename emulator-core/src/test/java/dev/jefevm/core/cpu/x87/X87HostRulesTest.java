package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status-word, pointer and special-result rules where the SDM leaves room or Intel and the
 * host (AMD EPYC) differ, each found by the differential x87 property and fixed to match the
 * host: C1 kept or cleared, C2 after FPREM and the trigonometric instructions, FSCALE's
 * unmasked overflow and underflow, exception priorities, and FCS/FDS in FNSTENV.
 */
class X87HostRulesTest {

    private static final String ONE = "3fff8000000000000000", TWO = "40008000000000000000";
    private static final String SNAN = "7fffa000000000000000", INDEFINITE = "ffffc000000000000000";
    private final X87Machine m = new X87Machine();
    private final CpuState s = m.s;

    @BeforeEach
    void init() {
        X87Control.init(s);
        s.gpr[CpuState.RSI] = X87Machine.DATA;
    }

    /** Loads ST(0)..ST(n-1) with {@code values} (ST(0) first) on an otherwise empty stack. */
    private void stack(String... values) {
        X87Stack.setTop(s, 8 - values.length);
        for (int i = 0; i < values.length; i++) {
            m.st(i, values[i]);
        }
    }

    @Test
    void fcomi_ordered_keepsC1AndSetsFlags() {
        stack(ONE, TWO);
        s.fpuStatus |= X87Status.C1;

        m.exec("dbf1"); // fcomi st0, st1

        assertAll(() -> assertEquals(X87Status.C1, s.fpuStatus & X87Status.C1),
                () -> assertEquals(CpuState.CF, Flags.get(s) & (CpuState.CF | CpuState.ZF | CpuState.PF)));
    }

    @Test
    void fcomi_unmaskedInvalidOnNaN_keepsC1() {
        stack(SNAN, ONE);
        s.fpuControl = 0x037E;
        s.fpuStatus |= X87Status.C1;

        m.exec("dbf1");

        assertAll(() -> assertEquals(X87Status.C1, s.fpuStatus & X87Status.C1),
                () -> assertEquals(X87Status.ES, s.fpuStatus & X87Status.ES));
    }

    @Test
    void fcomi_stackUnderflow_clearsC1AndReportsUnordered() {
        stack(ONE);
        s.fpuStatus |= X87Status.C1;
        Flags.set(s, 2 | CpuState.OF | CpuState.SF | CpuState.AF);

        m.exec("dbf1");

        assertAll(() -> assertEquals(0, s.fpuStatus & X87Status.C1),
                () -> assertEquals(CpuState.ZF | CpuState.PF | CpuState.CF, Flags.get(s) & 0x8D5));
    }

    @Test
    void fcmovcc_move_keepsC1() {
        stack(ONE, TWO);
        s.fpuStatus |= X87Status.C1;
        Flags.set(s, 2 | CpuState.CF);

        m.exec("dac1"); // fcmovb st0, st1

        assertAll(() -> assertEquals(TWO, m.st(0)), () -> assertEquals(X87Status.C1, s.fpuStatus & X87Status.C1));
    }

    @Test
    void ffreeAndFfreep_clearC1() {
        stack(ONE, TWO);
        s.fpuStatus |= X87Status.C1;
        m.exec("ddc1"); // ffree st1
        int afterFree = s.fpuStatus & X87Status.C1;
        s.fpuStatus |= X87Status.C1;

        m.exec("dfc0"); // ffreep st0

        assertAll(() -> assertEquals(0, afterFree), () -> assertEquals(0, s.fpuStatus & X87Status.C1),
                () -> assertEquals(0, s.fpuTagWord));
    }

    @Test
    void unmaskedInvalidOperand_clearsC1() {
        stack(ONE, SNAN);
        s.fpuControl = 0x037E;
        s.fpuStatus |= X87Status.C1;

        m.exec("d8c1"); // fadd st0, st1

        assertAll(() -> assertEquals(0, s.fpuStatus & X87Status.C1), () -> assertEquals(ONE, m.st(0)));
    }

    @Test
    void unmaskedStackOverflow_keepsC1Set() {
        stack(ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE);
        s.fpuControl = 0x037E;

        m.exec("d9e8"); // fld1

        assertEquals(X87Status.C1 | X87Status.SF | X87Status.IE, s.fpuStatus & (X87Status.C1 | X87Status.SF | 1));
    }

    @Test
    void fldRegister_emptySourceOnFullStack_isUnderflowWithC1Clear() {
        stack(ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE);
        X87Stack.free(s, 3);

        m.exec("d9c3"); // fld st3

        assertAll(() -> assertEquals(0, s.fpuStatus & X87Status.C1), () -> assertEquals(INDEFINITE, m.st(0)),
                () -> assertEquals(X87Status.SF | X87Status.IE, s.fpuStatus & (X87Status.SF | X87Status.IE)));
    }

    @Test
    void fxtract_emptyOnFullStack_pushesOnceWithBothIndefinite() {
        stack(ONE, ONE, ONE, ONE, ONE, ONE, ONE, ONE);
        X87Stack.free(s, 0);
        int top = X87Stack.top(s);

        m.exec("d9f4");

        assertAll(() -> assertEquals((top - 1) & 7, X87Stack.top(s)), () -> assertEquals(INDEFINITE, m.st(0)),
                () -> assertEquals(INDEFINITE, m.st(1)));
    }

    @Test
    void fxtract_quietNaN_clearsC1() {
        stack("7fffc000000000000001");
        s.fpuStatus |= X87Status.C1;

        m.exec("d9f4");

        assertEquals(0, s.fpuStatus & X87Status.C1);
    }

    @Test
    void fscale_unmaskedOverflowInRange_deliversExponentAdjustedResult() {
        stack(ONE, "400d8000000000000000"); // 1 * 2^16384
        s.fpuControl = 0x0377; // OE unmasked

        m.exec("d9fd");

        assertAll(() -> assertEquals("1fff8000000000000000", m.st(0)), // biased 0x7FFF, less 24576
                () -> assertEquals(X87Status.OE | X87Status.ES, s.fpuStatus & (X87Status.OE | X87Status.ES)));
    }

    @Test
    void fscale_unmaskedOverflowBeyondAdjustment_deliversInfinityWithC1() {
        stack(ONE, "400f8000000000000000"); // 1 * 2^65536
        s.fpuControl = 0x0377;

        m.exec("d9fd");

        assertAll(() -> assertEquals("7fff8000000000000000", m.st(0)),
                () -> assertEquals(X87Status.C1 | X87Status.OE | X87Status.PE,
                        s.fpuStatus & (X87Status.C1 | X87Status.OE | X87Status.PE)));
    }

    @Test
    void fscale_unmaskedUnderflowBeyondAdjustment_deliversZeroWithC1Clear() {
        stack(ONE, "c00f8000000000000000"); // 1 * 2^-65536
        s.fpuControl = 0x0B6F; // UE unmasked, rounding up

        m.exec("d9fd");

        assertAll(() -> assertEquals("00000000000000000000", m.st(0)),
                () -> assertEquals(X87Status.UE | X87Status.PE,
                        s.fpuStatus & (X87Status.C1 | X87Status.UE | X87Status.PE)));
    }

    @Test
    void fprem_stackUnderflow_clearsC2AndKeepsC0C3() {
        stack(ONE);
        s.fpuStatus |= X87Status.C0 | X87Status.C2 | X87Status.C3;

        m.exec("d9f8");

        assertEquals(X87Status.C0 | X87Status.C3, s.fpuStatus & X87Status.CONDITION);
    }

    @Test
    void fprem_denormalOverInfinityWithUnmaskedUnderflow_deliversAdjustedDividend() {
        stack("00000000000000000001", "7fff8000000000000000");
        s.fpuControl = 0x036F; // UE unmasked

        m.exec("d9f8");

        assertAll(() -> assertEquals("5fc28000000000000000", m.st(0)), // 2^-16445 * 2^24576
                () -> assertEquals(X87Status.UE | X87Status.DE,
                        s.fpuStatus & (X87Status.UE | X87Status.DE | X87Status.PE)));
    }

    @Test
    void fsin_stackUnderflow_clearsC2() {
        X87Stack.setTop(s, 0);
        s.fpuStatus |= X87Status.C2;

        m.exec("d9fe");

        assertEquals(0, s.fpuStatus & X87Status.C2);
    }

    @Test
    void fsin_outOfRange_setsC2AndClearsC1() {
        stack("403f8000000000000000"); // 2^64
        s.fpuStatus |= X87Status.C1;

        m.exec("d9fe");

        assertAll(() -> assertEquals(X87Status.C2, s.fpuStatus & (X87Status.C1 | X87Status.C2)),
                () -> assertEquals("403f8000000000000000", m.st(0)));
    }

    @Test
    void fdivrMemory_denormalOverZero_isZeroDivideWithoutDenormal() {
        stack("00000000000000000000");
        m.cpu.memory.write64(X87Machine.DATA, 1); // the smallest binary64 denormal

        m.exec("dc3e"); // fdivr qword [rsi]: ST(0) = m64 / ST(0)

        assertAll(() -> assertEquals(X87Status.ZE, s.fpuStatus & X87Status.EXCEPTIONS),
                () -> assertEquals("7fff8000000000000000", m.st(0)));
    }

    @Test
    void fyl2xp1_minusInfinityWithDenormalY_isInvalidWithoutDenormal() {
        stack("ffff8000000000000000", "8000000000000000000b");

        m.exec("d9f9");

        assertAll(() -> assertEquals(X87Status.IE, s.fpuStatus & X87Status.EXCEPTIONS),
                () -> assertEquals(INDEFINITE, m.st(0)));
    }

    @Test
    void fnstenv_afterMemoryOperand_storesCsAndDsSelectors() {
        s.segSelector[CpuState.DS] = 0x2B;
        m.exec("d906"); // fld dword [rsi]

        m.exec("d976" + "20"); // fnstenv [rsi+0x20]

        long env = X87Machine.DATA + 0x20;
        assertAll(() -> assertEquals(0x08, m.cpu.memory.read32(env + 16) & 0xFFFF),
                () -> assertEquals((int) X87Machine.DATA, m.cpu.memory.read32(env + 20)),
                () -> assertEquals(0xFFFF_002B, m.cpu.memory.read32(env + 24)));
    }

    @Test
    void fninit_clearsSelectors() {
        s.fpuCs = 0x33;
        s.fpuDs = 0x2B;

        m.exec("dbe3");

        assertAll(() -> assertEquals(0, s.fpuCs), () -> assertEquals(0, s.fpuDs));
    }

    @Test
    void fstp1Alias_emptySt0_justPopsWithoutStackFault() {
        stack(ONE, TWO);
        X87Stack.free(s, 0);
        int top = X87Stack.top(s);

        m.exec("d9d9"); // FSTP1 st1

        assertAll(() -> assertEquals(0, s.fpuStatus & (X87Status.IE | X87Status.SF | X87Status.C1)),
                () -> assertEquals((top + 1) & 7, X87Stack.top(s)), () -> assertEquals(TWO, m.st(0)));
    }

    @Test
    void fstpDocumented_emptySt0_isStackUnderflow() {
        stack(ONE, TWO);
        X87Stack.free(s, 0);

        m.exec("ddd9"); // fstp st1

        assertAll(() -> assertEquals(X87Status.IE | X87Status.SF, s.fpuStatus & (X87Status.IE | X87Status.SF)),
                () -> assertEquals(INDEFINITE, m.st(0)));
    }

    @Test
    void fneni_withPendingException_doesNotWait() {
        s.fpuStatus = X87Status.IE | X87Status.ES | X87Status.B;
        s.fpuControl = 0x037E;

        m.exec("dbe0"); // FNENI: no #MF

        assertEquals(X87Status.ES, s.fpuStatus & X87Status.ES);
    }
}
