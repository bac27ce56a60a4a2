package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Arbitrary guest code can fault, halt or loop, but never throws out of Cpu.run or runs past its budget. */
class RandomCodePropertiesTest {

    private static final TestMachine MACHINE = new TestMachine();

    @Property(tries = 3000)
    void run_randomCode_returnsWithinBudgetWithoutHostExceptions(@ForAll @Size(64) byte[] code) {
        TestMachine m = MACHINE;
        m.resetLongMode();
        m.state.idtrLimit = 0; // any fault ends in a triple fault (shutdown)
        m.state.gpr[3] = TestMachine.DATA;
        m.memory.writeBytes(TestMachine.CODE, code, 0, code.length);
        long before = m.platform.clock.retiredInstructions();

        m.run(500);

        assertTrue(m.platform.clock.retiredInstructions() - before <= 500);
    }
}
