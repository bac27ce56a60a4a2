package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.RunResult;

/**
 * A manual timing (not a unit test) of the interpreter against the JIT on guest loops: the
 * interpreter's {@code MipsBenchmark} loops (memory, register, dec/jnz). Run with the test
 * classpath: {@code java -cp ... dev.jefevm.core.cpu.jit.JitMipsBenchmark}.
 */
public final class JitMipsBenchmark {

    private static final String[] LOOPS = {
        "b900e1f505bb000004004801c8488903488b1348ffc975f2f4",
        "b900e1f5054801c84831c248ffc975f5f4",
        "b900c2eb0b48ffc975fbf4",
    };
    private static final String[] NAMES = {"memory  ", "register", "dec/jnz "};

    public static void main(String[] args) {
        for (int round = 0; round < 12; round++) {
            boolean jit = round % 2 == 1;
            JitTestMachine m = new JitTestMachine(jit ? JitOptions.defaults().withBackgroundCompile(false) : null);
            m.load(JitTestMachine.CODE, LOOPS[(round / 2) % 3]);
            long t0 = System.nanoTime();
            RunResult r = m.run(Long.MAX_VALUE);
            long ns = System.nanoTime() - t0;
            long n = m.clock.retiredInstructions();
            String line = String.format("%s %s: %s, %d instructions in %.3f s = %.1f MIPS", NAMES[(round / 2) % 3],
                    jit ? "jit   " : "interp", r, n, ns / 1e9, n * 1e3 / ns);
            System.out.println(line);
        }
    }
}
