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

/**
 * Precise faults, self-modifying code, invalidation by device writes, eviction, chaining and the
 * indirect cache, inlined calls (guards, invalidation and remapping of the callee's page).
 */
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
        return ranOn(jit, code, 10_000);
    }

    private static JitTestMachine ranOn(boolean jit, String code, long instructions) {
        JitTestMachine m = new JitTestMachine(jit);
        m.load(JitTestMachine.CODE, code);
        m.run(instructions);
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
    void run_callsOfCalleesThatCallInALoop_chainUnitsAndHitTheIndirectCache() {
        // loop (ecx = 100): call f1; lea rdx, [f2]; call rdx; dec ecx; jnz loop; hlt
        // f1: call g; ret   g: add rax, rcx; ret   f2: call g2; ret   g2: xor rax, 0x5a; ret
        // f1 and f2 call, so they are not inlined where they are called: units chain and return
        String code = "b96400000031c0e80e000000488d1511000000ffd2ffc975eef4e801000000c34801c8c3e801000000c34883f05ac3";
        JitTestMachine m = ranOn(true, code);

        JitStats stats = m.cpu.jitStats();
        assertEquals(ranOn(false, code).snapshot(), m.snapshot());
        assertTrue(stats.chainedTransfers() >= 90, stats.format());
        assertTrue(stats.indirectHits() >= 200, stats.format());
    }

    @Test
    void run_leafCallsInALoop_areInlinedAndTheLoopStaysInItsUnit() {
        // JitTranslationTest.CALLS with ecx = 1000: call f1 (direct) and call rdx (f2) per iteration.
        // Both are inlined when the loop's unit is translated again after INLINE_THRESHOLD entries,
        // by which time the profile of the call through rdx has settled on f2.
        String code = "b9e803000031c0e80e000000488d150b000000ffd2ffc975eef44801c8c34883f05ac3";
        JitTestMachine m = new JitTestMachine(true);
        m.load(JitTestMachine.CODE, code);

        m.run(100_000);

        JitStats stats = m.cpu.jitStats();
        assertEquals(ranOn(false, code, 100_000).snapshot(), m.snapshot());
        assertTrue(stats.retranslations() >= 1, stats.format());
        // without inlining each of the 1000 iterations enters units at every call and return
        // (over 3000 entries); inlined, the loop stays in its unit after the second translation
        assertTrue(stats.unitEntries() < 500, stats.format());
    }

    @Test
    void run_callThroughAPointerWhoseTargetChangesAfterInlining_leavesForTheNewTarget() {
        // ecx = 300 down to 1: call rsi, where rsi is f2 (add rax, rcx) until ecx = 100, then f3
        // (imul rax, rcx; xor rax, 0x55): the inlined f2 is guarded by its address
        String code = "b92c01000031c0488d3516000000488d3d1300000083f96475034889feffd6ffc975f2f44801c8c3480fafc14883f055c3";
        JitTestMachine jit = ranOn(true, code, 100_000);

        assertEquals(ranOn(false, code, 100_000).snapshot(), jit.snapshot());
        assertTrue(jit.cpu.jitStats().retranslations() >= 1, jit.cpu.jitStats().format());
    }

    @Test
    void run_inlinedCalleeThatChangesItsReturnAddress_returnsWhereTheAddressSays() {
        // loop (ecx = 100): call f; inc rbx; add rax, 1; dec ecx; jnz loop; hlt
        // f: add qword [rsp], 3; ret (returns past the 3-byte inc rbx)
        String code = "b964000000e80c00000048ffc34883c001ffc975f0f44883042403c3";
        JitTestMachine jit = ranOn(true, code);

        assertEquals(0, jit.state.gpr[CpuState.RBX]);
        assertEquals(100, jit.state.gpr[CpuState.RAX]);
        assertEquals(ranOn(false, code).snapshot(), jit.snapshot());
    }

    /** loop (ecx = 100): call 0x205000; dec ecx; jnz loop; hlt: the callee in another 2 MiB page. */
    private static final String CALL_FAR = "b964000000e8f64f1f00ffc975f7f4";
    private static final String ADD_1_RET = "4883c001c3";
    private static final String ADD_1000_RET = "4805e8030000c3";

    @Test
    void run_afterDeviceWriteIntoAnInlinedCalleesPage_runsTheNewCallee() {
        JitTestMachine m = new JitTestMachine(true);
        m.load(JitTestMachine.CODE, CALL_FAR);
        m.load(0x205000, ADD_1_RET);
        m.run(10_000);
        assertEquals(100, m.state.gpr[CpuState.RAX]);

        m.load(0x205000, ADD_1000_RET); // a DMA-style write into the callee's page only
        m.state.rip = JitTestMachine.CODE;
        m.state.halted = false;
        m.run(10_000);

        assertEquals(100_100, m.state.gpr[CpuState.RAX]);
        assertTrue(m.cpu.jitStats().invalidations() >= 1, m.cpu.jitStats().format());
    }

    @Test
    void run_afterTheCalleesPageIsMappedElsewhere_runsTheCalleeMappedNow() {
        JitTestMachine m = new JitTestMachine(true);
        m.load(JitTestMachine.CODE, CALL_FAR);
        m.load(0x205000, ADD_1_RET);
        m.load(0x5000, ADD_1000_RET);
        m.run(10_000);
        assertEquals(100, m.state.gpr[CpuState.RAX]);

        m.memory.write64(0x3008, 0x83); // linear 2-4 MiB now maps physical 0-2 MiB: 0x205000 -> 0x5000
        m.cpu.mmu.flushAll(); // as a MOV to CR3 would
        m.state.rip = JitTestMachine.CODE;
        m.state.halted = false;
        m.run(10_000);

        assertEquals(100_100, m.state.gpr[CpuState.RAX]);
    }
}
