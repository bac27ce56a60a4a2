package dev.jefevm.core.cpu.jit;

/**
 * How the JIT back end translates guest code: a unit is compiled once it has been entered
 * {@code threshold} times; the code cache holds at most {@code codeCacheBytes} of generated
 * bytecode before it evicts; {@code backgroundCompile} moves translation to a compiler thread
 * so the guest never waits for it (tests turn it off for determinism of the compile points).
 */
public record JitOptions(int threshold, long codeCacheBytes, boolean backgroundCompile) {

    public static final int DEFAULT_THRESHOLD = 50;
    public static final long DEFAULT_CODE_CACHE_BYTES = 64L << 20;

    public JitOptions {
        if (threshold < 1) {
            throw new IllegalArgumentException("JIT threshold must be at least 1, not " + threshold);
        }
        if (codeCacheBytes < 64 * 1024) {
            throw new IllegalArgumentException("JIT code cache must be at least 64 KiB");
        }
    }

    /** The defaults a VM runs with. */
    public static JitOptions defaults() {
        return new JitOptions(DEFAULT_THRESHOLD, DEFAULT_CODE_CACHE_BYTES, true);
    }

    public JitOptions withThreshold(int newThreshold) {
        return new JitOptions(newThreshold, codeCacheBytes, backgroundCompile);
    }

    public JitOptions withBackgroundCompile(boolean on) {
        return new JitOptions(threshold, codeCacheBytes, on);
    }
}
