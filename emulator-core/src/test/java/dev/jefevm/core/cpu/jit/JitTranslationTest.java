package dev.jefevm.core.cpu.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.RunResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each snippet runs once on the interpreter and once on the JIT (threshold 1, synchronous
 * compilation); the architectural state, memory and retired count must be identical, and the
 * JIT must really have run compiled code. Sources (GNU as, Intel syntax) are in the comments.
 */
class JitTranslationTest {

    /** ALU loop: add/xor/sub/and/or/cmp, adc (executor call), shl/shr/sar, inc, 8/16-bit ops, neg, imul, dec/jnz. */
    static final String ALU = "b92c01000048b8896745230100000048c7c30000040049c7c0ffffffff4801c84831c283ea074921d04109c14839d0"
            + "4983d20348c1e00348c1ea0541c1f90241ffc34100cc664129c549f7de4c6bf80748ffc975c8f4";
    /** Memory loop: loads, stores, RMW add/inc/sub, movzx/movsx/movsxd, lea, push/pop, setl, cmovg/cmovle, test/jz, rol. */
    static final String MEMORY = "b9c800000048c7c30000040048b88877665544332211488904cb488b53084801030fb67303480fbf7b054c6343014c8d"
            + "648b08888b00080000ff8304080000506a55415d415939fe0f9cc04c0f4ff2450f4efdf7c1030000007406298b0808000048d1c0ffc975aef4";
    /** Conditions: every Jcc after cmp, add, test, dec, shl and an 8-bit cmp, counting not-taken branches in memory. */
    static final String CONDITIONS = "b94000000048c7c30000040048c7c6feffff7f4889c869c0b179370039f07c0348ff03720448ff4308760448ff4310"
            + "7e0448ff4318700448ff4320780448ff43287a0448ff433001f0720448ff4338700448ff434085c07f0448ff43487e0448ff4350ffc87904"
            + "48ff43587c0448ff4360d1e0770448ff43683c807d0448ff4370ffc9758ef4";
    /** Calls: call rel / ret and call through a register (lea rip-relative) in a loop. */
    static final String CALLS = "b96400000031c0e80e000000488d150b000000ffd2ffc975eef44801c8c34883f05ac3";

    private static String runOn(boolean jit, String code, long budget) {
        JitTestMachine m = new JitTestMachine(jit);
        m.load(JitTestMachine.CODE, code);
        RunResult r = m.run(budget);
        if (jit && budget > 1000) {
            assertTrue(m.cpu.jitStats().unitEntries() > 0, "compiled code ran");
        }
        return r + " " + m.snapshot();
    }

    @ParameterizedTest
    @ValueSource(strings = {ALU, MEMORY, CONDITIONS, CALLS})
    void run_snippetOnJit_leavesTheInterpretersState(String code) {
        String interp = runOn(false, code, 1_000_000);

        String jit = runOn(true, code, 1_000_000);

        assertEquals(interp, jit);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 100, 1001, 4095})
    void run_withSmallBudgets_retiresExactlyTheInterpretersCount(long budget) {
        String interp = runOn(false, ALU, budget);

        String jit = runOn(true, ALU, budget);

        assertEquals(interp, jit);
    }
}
