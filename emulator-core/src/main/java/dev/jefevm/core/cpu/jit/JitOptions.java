package dev.jefevm.core.cpu.jit;

/**
 * How the JIT back end translates guest code: a unit is compiled once it has been entered
 * {@code threshold} times; the code cache holds at most {@code codeCacheBytes} of generated
 * bytecode before it evicts; {@code backgroundCompile} moves translation to a compiler thread
 * so the guest never waits for it (tests turn it off for determinism of the compile points); a
 * unit entered {@code inlineThreshold} times is translated again with its leaf callees inlined.
 */
public record JitOptions(int threshold, long codeCacheBytes, boolean backgroundCompile, int inlineThreshold) {

    /**
     * Entries before a unit is translated: code entered fewer times is cheaper to interpret than
     * to translate and have HotSpot compile (measured against 50: JefeOS boot 0.89x wall, the
     * compute benchmark within noise at SCALE 16 and 64).
     */
    public static final int DEFAULT_THRESHOLD = 300;
    public static final long DEFAULT_CODE_CACHE_BYTES = 64L << 20;
    /**
     * Entries of a unit before its second translation with callees inlined: a larger unit costs
     * HotSpot more to compile, which pays only where the unit runs long (measured: inlining at
     * first translation made JefeOS's boot 8% slower; at this threshold the boot and the compute
     * benchmark at SCALE 16 are within noise and SCALE 64 is 10% faster).
     */
    public static final int DEFAULT_INLINE_THRESHOLD = 4096;

    public JitOptions {
        if (threshold < 1) {
            throw new IllegalArgumentException("JIT threshold must be at least 1, not " + threshold);
        }
        if (codeCacheBytes < 64 * 1024) {
            throw new IllegalArgumentException("JIT code cache must be at least 64 KiB");
        }
        if (inlineThreshold < 1) {
            throw new IllegalArgumentException("JIT inline threshold must be at least 1, not " + inlineThreshold);
        }
    }

    /** Options with the default inline threshold. */
    public JitOptions(int threshold, long codeCacheBytes, boolean backgroundCompile) {
        this(threshold, codeCacheBytes, backgroundCompile, DEFAULT_INLINE_THRESHOLD);
    }

    /** The defaults a VM runs with. */
    public static JitOptions defaults() {
        return new JitOptions(DEFAULT_THRESHOLD, DEFAULT_CODE_CACHE_BYTES, true);
    }

    public JitOptions withThreshold(int newThreshold) {
        return new JitOptions(newThreshold, codeCacheBytes, backgroundCompile, inlineThreshold);
    }

    public JitOptions withBackgroundCompile(boolean on) {
        return new JitOptions(threshold, codeCacheBytes, on, inlineThreshold);
    }
}
