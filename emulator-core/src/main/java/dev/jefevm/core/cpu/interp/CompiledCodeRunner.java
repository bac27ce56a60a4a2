package dev.jefevm.core.cpu.interp;

/**
 * A back end that runs compiled code (the JIT) in the {@link Interpreter}'s loop: before each
 * block the loop, having taken due timers and interrupts, offers it the CPU; it runs compiled
 * code from the current RIP, delivering any fault itself, or declines and the interpreter runs
 * a decoded block as usual.
 */
public interface CompiledCodeRunner {

    /**
     * Runs compiled code at the current RIP, retiring at most {@code budget} instructions.
     *
     * @return the instructions retired (0 when the first one faulted and the fault was
     *     delivered), or -1 when there is no compiled code to run here
     */
    int runCompiled(long budget);
}
