package dev.jefevm.conformance;

import dev.jefevm.core.cpu.jit.JitOptions;
import java.util.Locale;

/**
 * Which JefeVM CPU back end the conformance suite checks: the interpreter, or the JIT compiling on
 * the vCPU thread, so compile points are the same every build. A differential case runs once, so
 * its blocks are compiled at their first entry (threshold 1, {@value #THRESHOLD_PROPERTY}); a real
 * program compiles the blocks it enters {@value #PROGRAM_THRESHOLD_PROPERTY} times (default: the
 * CLI's threshold, as users run programs; compiling every block busybox touches costs far more
 * than running it). The build picks the back
 * end with the system property {@value #PROPERTY} ({@code interp}, the default, or {@code jit});
 * the pom runs the suite once per back end.
 */
public enum Backend {
    INTERP,
    JIT;

    /** System property naming the back end: interp or jit. */
    public static final String PROPERTY = "conformance.backend";
    /** System property: the JIT's compile threshold for these runs (default 1). */
    public static final String THRESHOLD_PROPERTY = "conformance.jit.threshold";
    /** System property: the JIT's compile threshold for the real programs (default {@link JitOptions#DEFAULT_THRESHOLD}). */
    public static final String PROGRAM_THRESHOLD_PROPERTY = "conformance.jit.program.threshold";

    /** The back end the system properties ask for; an unknown name is an error, never a silent fallback. */
    public static Backend fromSystemProperties() {
        String name = System.getProperty(PROPERTY, "").strip();
        if (name.isEmpty()) {
            return INTERP;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "interp" -> INTERP;
            case "jit" -> JIT;
            default -> throw new IllegalArgumentException(
                    "-D" + PROPERTY + "=" + name + ": expected interp or jit");
        };
    }

    /** What a differential case's {@code Cpu.useJit} gets on this back end; null for the interpreter. */
    public JitOptions jitOptions() {
        return options(THRESHOLD_PROPERTY, 1);
    }

    /** What a real program's runner gets on this back end; null for the interpreter. */
    public JitOptions programJitOptions() {
        return options(PROGRAM_THRESHOLD_PROPERTY, JitOptions.DEFAULT_THRESHOLD);
    }

    private JitOptions options(String thresholdProperty, int defaultThreshold) {
        if (this == INTERP) {
            return null;
        }
        int threshold = Integer.getInteger(thresholdProperty, defaultThreshold);
        return new JitOptions(threshold, JitOptions.DEFAULT_CODE_CACHE_BYTES, false);
    }
}
