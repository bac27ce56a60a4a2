package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The back-end switch of the conformance runs, and the runner on the JIT against the runner on the interpreter. */
class BackendTest {

    private final String savedBackend = System.getProperty(Backend.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (savedBackend == null) {
            System.clearProperty(Backend.PROPERTY);
        } else {
            System.setProperty(Backend.PROPERTY, savedBackend);
        }
    }

    @Test
    void fromSystemProperties_readsTheNamedBackEnd() {
        System.setProperty(Backend.PROPERTY, "jit");

        assertEquals(Backend.JIT, Backend.fromSystemProperties());
    }

    @Test
    void fromSystemProperties_unknownName_isAnErrorNamingTheChoices() {
        System.setProperty(Backend.PROPERTY, "kvm");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Backend::fromSystemProperties);

        assertTrue(e.getMessage().contains("expected interp or jit"), e.getMessage());
    }

    @Test
    void jitOptions_compileAtFirstEntryOnTheCallingThread() {
        JitOptions options = Backend.JIT.jitOptions();

        assertAll(() -> assertEquals(1, options.threshold()), () -> assertFalse(options.backgroundCompile()),
                () -> assertNull(Backend.INTERP.jitOptions()), () -> assertNull(Backend.INTERP.programJitOptions()),
                () -> assertFalse(Backend.JIT.programJitOptions().backgroundCompile()));
    }

    @Test
    void run_loopOnTheJit_compilesAndMatchesTheInterpreter() {
        // mov ecx, 100; top: add rax, rcx; dec ecx; jnz top
        byte[] code = {(byte) 0xB9, 100, 0, 0, 0, 0x48, 0x01, (byte) 0xC8, (byte) 0xFF, (byte) 0xC9, 0x75, (byte) 0xF9};
        long[] gpr = new long[16];
        gpr[CpuState.RSP] = GuestLayout.DEFAULT_RSP;
        CpuCase loop = new CpuCase(Family.INTEGER_ALU, "loop", code, gpr, 0, 0x1F80, new long[32], X87State.initial(), 5,
                List.of(), 0, 0);
        JefeVmRunner jit = new JefeVmRunner(Backend.JIT);

        CaseResult interpreted = new JefeVmRunner(Backend.INTERP).run(loop);
        CaseResult compiled = jit.run(loop);

        JitStats stats = jit.jitStats();
        assertAll(() -> assertEquals(5050, interpreted.gpr()[CpuState.RAX]),
                () -> assertEquals(List.of(), Comparison.differences(loop, interpreted, compiled)),
                () -> assertNotNull(stats, "the runner did not switch to the JIT"),
                () -> assertTrue(stats != null && stats.unitsCompiled() > 0, "the JIT compiled nothing"));
    }
}
