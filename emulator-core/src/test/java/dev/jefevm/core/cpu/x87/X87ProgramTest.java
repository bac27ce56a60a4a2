package dev.jefevm.core.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.RunResult;
import org.junit.jupiter.api.Test;

/** Whole-path checks: x87 machine code decoded by the standard decoder and run by the interpreter. */
class X87ProgramTest {

    private final X87Machine m = new X87Machine();

    @Test
    void fld1_faddToItself_leavesTwoOnTheStack() {
        X87Control.init(m.s);

        RunResult r = m.run("d9e8d9e8dec1"); // fld1; fld1; faddp st(1), st

        assertEquals(RunResult.HALTED, r);
        assertEquals(2.0, m.stDouble(0));
        assertEquals(7, X87Stack.top(m.s));
    }
}
