package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.RunResult;

/**
 * A manual timing of the interpreter on a simple guest loop (not a unit test): 100 million
 * iterations of {@code add rax,rcx; mov [rbx],rax; mov rdx,[rbx]; dec rcx; jnz} = 500 million
 * instructions, a register-only variant and a bare dec/jnz loop. Run with the test classpath: {@code java -cp ... dev.jefevm.core.cpu.interp.MipsBenchmark}.
 */
public final class MipsBenchmark {

    private static final String LOOP = "b900e1f505bb000004004801c8488903488b1348ffc975f2f4";
    /** The same without memory operands: add rax,rcx; xor rdx,rax; dec rcx; jnz (400 million instructions). */
    private static final String REGISTER_LOOP = "b900e1f5054801c84831c248ffc975f5f4";

    /** The smallest loop: dec rcx; jnz (400 million instructions). */
    private static final String DEC_JNZ_LOOP = "b900c2eb0b48ffc975fbf4";

    public static void main(String[] args) {
        String[] names = {"memory  ", "register", "dec/jnz "};
        String[] loops = {LOOP, REGISTER_LOOP, DEC_JNZ_LOOP};
        for (int round = 0; round < 9; round++) {
            TestMachine m = new TestMachine();
            m.code(loops[round % 3]);
            long t0 = System.nanoTime();
            RunResult r = m.run(Long.MAX_VALUE);
            long ns = System.nanoTime() - t0;
            long n = m.platform.clock.retiredInstructions();
            System.out.printf("%s round %d: %s, %d instructions in %.3f s = %.1f MIPS%n", names[round % 3], round, r, n, ns / 1e9, n * 1e3 / ns);
        }
    }
}
