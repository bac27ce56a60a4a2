package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.RunResult;

/**
 * A manual timing (not a unit test) of the interpreter against the JIT on guest loops: the
 * interpreter's {@code MipsBenchmark} loops (memory, register, dec/jnz) and a call/ret loop
 * through a register, whose cost is the unit entries. Run with the test
 * classpath: {@code java -cp ... dev.jefevm.core.cpu.jit.JitMipsBenchmark}.
 */
public final class JitMipsBenchmark {

    private static final String[] LOOPS = {
        "b900e1f505bb000004004801c8488903488b1348ffc975f2f4",
        "b900e1f5054801c84831c248ffc975f5f4",
        "b900c2eb0b48ffc975fbf4",
        // call rdx in a loop to a 5-instruction comparator (load, xor, cmp, setb, ret): unit entries
        "b9002d3101488d151400000048c7c3000004004889dfffd24801c6ffc975f4f4488b0731c04839c80f92c0c3",
    };
    private static final String[] NAMES = {"memory  ", "register", "dec/jnz ", "call/ret"};

    public static void main(String[] args) {
        for (int round = 0; round < 16; round++) {
            boolean jit = round % 2 == 1;
            JitTestMachine m = new JitTestMachine(jit ? JitOptions.defaults().withBackgroundCompile(false) : null);
            m.load(JitTestMachine.CODE, LOOPS[(round / 2) % LOOPS.length]);
            long t0 = System.nanoTime();
            RunResult r = m.run(Long.MAX_VALUE);
            long ns = System.nanoTime() - t0;
            long n = m.clock.retiredInstructions();
            String line = String.format("%s %s: %s, %d instructions in %.3f s = %.1f MIPS", NAMES[(round / 2) % NAMES.length],
                    jit ? "jit   " : "interp", r, n, ns / 1e9, n * 1e3 / ns);
            System.out.println(line);
        }
    }
}
