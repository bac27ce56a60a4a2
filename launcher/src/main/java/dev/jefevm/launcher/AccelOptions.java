package dev.jefevm.launcher;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The CPU back-end options that {@code jefevm run} and {@code jefevm user} share (a picocli
 * mixin): {@code --accel jit|interp} (the JIT by default), {@code --jit-threshold N} (entries
 * before a unit is compiled) and {@code --jit-stats} (the JIT's counters on stderr when the VM
 * ends). KVM is not offered yet, so asking for it is a usage error that lists what is.
 */
final class AccelOptions {

    /** The back ends this build can run, as the error for an unknown one lists them. */
    static final String AVAILABLE = "jit, interp";

    @Option(names = "--accel", paramLabel = "BACKEND", defaultValue = "jit",
            description = "CPU back end; available: jit (default: hot code compiled to JVM bytecode), interp.")
    private String accel;

    @Option(names = "--jit-threshold", paramLabel = "N", defaultValue = "" + JitOptions.DEFAULT_THRESHOLD,
            description = "With --accel jit: compile a unit once it has been entered N times, N >= 1 (default: ${DEFAULT-VALUE}).")
    private int jitThreshold;

    @Option(names = "--jit-stats",
            description = "With --accel jit: print the JIT's counters (units, bytes, hit rates, compile time) on stderr at the end.")
    private boolean jitStats;

    /**
     * The JIT options the user asked for, or null for the interpreter.
     *
     * @throws UsageException for an unknown back end or a threshold below 1
     */
    JitOptions jitOptions() throws UsageException {
        if (jitThreshold < 1) {
            throw new UsageException("--jit-threshold must be at least 1, not " + jitThreshold);
        }
        return switch (accel) {
            case "jit" -> JitOptions.defaults().withThreshold(jitThreshold);
            case "interp" -> null;
            default -> throw new UsageException("unknown accelerator '" + accel + "' (available: " + AVAILABLE + ")");
        };
    }

    /** Prints {@code stats} on {@code err} if --jit-stats was given (saying so when the JIT did not run). */
    void report(PrintWriter err, JitStats stats) {
        if (!jitStats) {
            return;
        }
        err.println(stats == null ? "jit: not in use (--accel " + accel + ")" : stats.format());
        err.flush();
    }
}
