package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.cpu.UserModeTraps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precise faults, self-modifying code, invalidation by device writes, eviction, chaining and the indirect cache. */
class JitBehaviourTest {

    /** Records the first exception and stops the CPU. */
    private static final class Recorder implements UserModeTraps {
        CpuFault fault;

        @Override
        public void systemCall(Cpu cpu) {
        }

        @Override
        public void exception(Cpu cpu, CpuFault f) {
            if (fault == null) {
                fault = f;
            }
            cpu.state.halted = true;
            cpu.requestStop();
        }
    }

    private static String faultRun(boolean jit, Recorder traps) {
        JitTestMachine m = new JitTestMachine(jit);
        m.cpu.setUserModeTraps(traps);
        m.state.gpr[CpuState.RSI] = 0x8000_0000L; // beyond the 1 GiB identity map
        m.load(JitTestMachine.CODE, "4883c005 4883eb03 488b0e f4"); // add rax,5; sub rbx,3; mov rcx,[rsi]; hlt
        m.run(1000);
        return m.snapshot();
    }

    private static String faultRun(boolean jit, Recorder traps, String code) {
        JitTestMachine m = new JitTestMachine(jit);
        m.cpu.setUserModeTraps(traps);
        m.state.gpr[CpuState.RSI] = 0x8000_0000L; // beyond the 1 GiB identity map
        m.state.gpr[CpuState.RDI] = JitTestMachine.DATA + 1; // misaligned for a 16-byte operand
        m.state.gpr[CpuState.RDX] = 0x8000_0000_0000_0000L; // not canonical
        m.load(JitTestMachine.CODE, code);
        m.run(1000);
        return m.snapshot();
    }

    /**
     * A fault in a natively generated instruction after register and flag changes: the fault
     * vector, RIP, registers, flags and retired count are the interpreter's. Sources: add rax,5
     * then sub/cmp/sbb/imul rbx, then the faulting one (imul rcx,[rsi]; neg qword [rsi];
     * call [rsi]; jmp rdx (non-canonical); movaps xmm0,[rdi] with CR4.OSFXSR clear, and with it
     * set after mov cr4 (misaligned); movups [rsi],xmm0 after the same).
     */
    @ParameterizedTest
    @CsvSource({
        "4883c005486bdb03480faf0ef4, 14",
        "4883c0054883eb0348f71ef4, 14",
        "4883c0054883fb03ff16f4, 14",
        "4883c0054883db03ffe2f4, 13",
        "4883c0054883eb030f2807f4, 6",
        "0f20e00d000200000f22e04883c3030f2807f4, 13",
        "0f20e00d000200000f22e04883c3030f1106f4, 14",
    })
    void run_faultInNativeInstruction_leavesTheInterpretersState(String code, int vector) {
        Recorder interpTraps = new Recorder();
        Recorder jitTraps = new Recorder();

        String interp = faultRun(false, interpTraps, code);
        String jit = faultRun(true, jitTraps, code);

        assertEquals(vector, jitTraps.fault.vector);
        assertEquals(interp, jit);
    }

    @Test
    void run_pageFaultOnThirdInstruction_leavesTheInterpretersState() {
        Recorder interpTraps = new Recorder();
        Recorder jitTraps = new Recorder();

        String interp = faultRun(false, interpTraps);
        String jit = faultRun(true, jitTraps);

        assertEquals(CpuFault.PF, jitTraps.fault.vector);
        assertEquals(interp, jit);
        assertTrue(jit.contains("rip=10008 "), jit);
        assertTrue(jit.contains("retired=2 "), jit);
    }

    @Test
    void run_loopPatchingItsOwnImmediate_seesEveryNewValue() {
        // top: mov eax, 0 ; add rdx, rax ; inc dword [top+1] ; dec ecx ; jnz top ; hlt  (ecx = 10)
        String code = "b90a000000 b800000000 4801c2 ff05f3ffffff ffc9 75ee f4";
        JitTestMachine jit = ranOn(true, code);
        JitTestMachine interp = ranOn(false, code);

        assertEquals(45, jit.state.gpr[CpuState.RDX]);
        assertEquals(interp.snapshot(), jit.snapshot());
        assertTrue(jit.cpu.jitStats().invalidations() > 0);
    }

    @Test
    void run_unitEnteredAfterItsLoopHead_keepsTheFlagsOfTheFallThroughIntoItsEntry() {
        // mov ecx, 5; mov eax, -1; mov rbx, entry; jmp rbx; top: add eax, 1; entry: adc edx, 0;
        // dec ecx; jnz top; hlt. The unit compiled at entry holds top before it: the ADD's carry
        // reaches the ADC by falling through into the entry, not from CpuState.
        String code = "b905000000 b8ffffffff 48c7c316000100 ffe3 83c001 83d200 ffc9 75f6 f4";
        JitTestMachine jit = ranOn(true, code);
        JitTestMachine interp = ranOn(false, code);

        assertEquals(1, interp.state.gpr[CpuState.RDX]);
        assertEquals(interp.snapshot(), jit.snapshot());
    }

    /** A test machine on the JIT or the interpreter that has run {@code code} (hex) from CODE for 10,000 instructions. */
    private static JitTestMachine ranOn(boolean jit, String code) {
        JitTestMachine m = new JitTestMachine(jit);
        m.load(JitTestMachine.CODE, code);
        m.run(10_000);
        return m;
    }

    @Test
    void run_afterDeviceWriteIntoCompiledCode_runsTheNewCode() {
        JitTestMachine m = new JitTestMachine(true);
        m.load(JitTestMachine.CODE, "b807000000 f4"); // mov eax, 7; hlt
        m.run(100);
        m.load(JitTestMachine.CODE, "b809000000 f4"); // a DMA-style write (PhysicalMemory.writeBytes): mov eax, 9
        m.state.rip = JitTestMachine.CODE;
        m.state.halted = false;

        m.run(100);

        assertEquals(9, m.state.gpr[CpuState.RAX]);
        assertTrue(m.cpu.jitStats().invalidations() >= 1);
    }

    @Test
    void run_manyUnitsUnderTinyCodeCache_evictsAndStaysCorrect() {
        JitTestMachine m = new JitTestMachine(new JitOptions(1, 64 * 1024, false));
        int blocks = 200;
        for (int k = 0; k < blocks; k++) {
            long at = JitTestMachine.CODE + k * 0x1000L;
            // add rax, k ; jmp rel32 to the next page (the last one halts)
            String jump = k == blocks - 1 ? "f4" : "e9" + String.format("%08x", Integer.reverseBytes(0x1000 - 9));
            m.load(at, String.format("4883c0%02x", k & 0x7F) + jump);
        }

        RunResult r = m.run(100_000);

        long expected = 0;
        for (int k = 0; k < blocks; k++) {
            expected += k & 0x7F;
        }
        assertEquals(RunResult.HALTED, r);
        assertEquals(expected, m.state.gpr[CpuState.RAX]);
        assertTrue(m.cpu.jitStats().evictions() > 0, m.cpu.jitStats().format());
    }

    @Test
    void run_callsInALoop_chainUnitsAndHitTheIndirectCache() {
        JitTestMachine m = new JitTestMachine(true);
        m.load(JitTestMachine.CODE, JitTranslationTest.CALLS);

        m.run(100_000);

        JitStats stats = m.cpu.jitStats();
        assertTrue(stats.chainedTransfers() >= 90, stats.format());
        assertTrue(stats.indirectHits() >= 200, stats.format());
    }
}
