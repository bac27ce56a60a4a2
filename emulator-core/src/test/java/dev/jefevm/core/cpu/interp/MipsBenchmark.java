package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.cpu.RunResult;

/**
 * A manual timing of the interpreter on a simple guest loop (not a unit test): 100 million
 * iterations of {@code add rax,rcx; mov [rbx],rax; mov rdx,[rbx]; dec rcx; jnz} = 500 million
 * instructions. Run with the test classpath: {@code java -cp ... dev.jefevm.core.cpu.interp.MipsBenchmark}.
 */
public final class MipsBenchmark {

    private static final String LOOP = "b900e1f505bb000004004801c8488903488b1348ffc975f2f4";

    public static void main(String[] args) {
        for (int round = 0; round < 5; round++) {
            TestMachine m = new TestMachine();
            m.code(LOOP);
            long t0 = System.nanoTime();
            RunResult r = m.run(Long.MAX_VALUE);
            long ns = System.nanoTime() - t0;
            long n = m.platform.clock.retiredInstructions();
            System.out.printf("round %d: %s, %d instructions in %.3f s = %.1f MIPS%n", round, r, n, ns / 1e9, n * 1e3 / ns);
        }
    }
}
