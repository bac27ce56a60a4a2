package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import org.junit.jupiter.api.Test;

/**
 * External interrupts taken between compiled units: the CPU must enter the handler, not the
 * unit the previous exit was chained to (an interrupt moves RIP between the two), and the whole
 * run must leave the interpreter's state.
 */
class JitInterruptTest {

    private static final long GDT = 0x4000;
    private static final long IDT = 0x5000;
    private static final long HANDLER = 0x30000;
    private static final int VECTOR = 0x20;
    private static final long OTHER_PAGE = JitTestMachine.CODE + 0x1000;

    /** Two units on two pages jumping to each other (inc rax / inc rbx), a handler that counts in rcx. */
    private static JitTestMachine ping_pong(boolean jit) {
        JitTestMachine m = new JitTestMachine(jit, 37);
        m.memory.write64(GDT + 8, 0x00AF9A000000FFFFL);
        m.memory.write64(GDT + 16, 0x00CF92000000FFFFL);
        m.state.gdtrBase = GDT;
        m.state.gdtrLimit = 23;
        long gate = IDT + VECTOR * 16L;
        m.memory.write64(gate, (HANDLER & 0xFFFF) | 0x08L << 16 | 0x8EL << 40 | ((HANDLER >>> 16) & 0xFFFF) << 48);
        m.memory.write64(gate + 8, HANDLER >>> 32);
        m.state.idtrBase = IDT;
        m.state.idtrLimit = 0xFFF;
        m.load(HANDLER, "48FFC1 48CF");                      // inc rcx; iretq
        m.load(JitTestMachine.CODE, "48FFC0 E9F80F0000");    // inc rax; jmp OTHER_PAGE
        m.load(OTHER_PAGE, "48FFC3 E9F8EFFFFF");             // inc rbx; jmp CODE
        Flags.set(m.state, 0x202);
        return m;
    }

    @Test
    void interruptBetweenChainedUnits_entersTheHandler_asTheInterpreterDoes() {
        JitTestMachine interpreted = ping_pong(false);
        JitTestMachine compiled = ping_pong(true);

        interpreted.run(20_000);
        compiled.run(20_000);

        assertTrue(compiled.state.gpr[CpuState.RCX] > 100, "interrupts handled: " + compiled.state.gpr[CpuState.RCX]);
        assertTrue(compiled.cpu.jitStats().chainedTransfers() > 0, "units were chained");
        assertEquals(interpreted.snapshot(), compiled.snapshot());
    }
}
