package dev.jefevm.core.cpu.jit;

/**
 * A snapshot of the JIT's counters, for {@code --jit-stats} and the benchmarks: units compiled
 * and the bytecode they hold, how often compiled code ran versus the interpreter, how often a
 * transfer went straight to the next unit (chaining) or through the indirect-branch cache, time
 * spent compiling, units dropped by code writes (invalidations) or by the cache bound, and units
 * translated again to inline the callee a call site's profile settled on (retranslations).
 */
public record JitStats(long unitsCompiled, long bytecodeBytes, long unitEntries, long blocksInterpreted,
        long chainedTransfers, long indirectHits, long indirectMisses, long compileNanos,
        long invalidations, long evictions, long retranslations) {

    /** Share of guest blocks entered in compiled code, 0..1. */
    public double compiledShare() {
        long total = unitEntries + blocksInterpreted;
        return total == 0 ? 0 : (double) unitEntries / total;
    }

    /** The counters as a few human-readable lines. */
    public String format() {
        long lookups = indirectHits + indirectMisses;
        return String.format(
                "jit: %d units compiled, %d bytes of bytecode, %.1f ms compiling%n"
                        + "jit: %d unit entries, %d blocks interpreted (%.1f%% compiled)%n"
                        + "jit: %d chained transfers, indirect cache %d/%d hits (%.1f%%)%n"
                        + "jit: %d invalidations, %d evictions, %d retranslations",
                unitsCompiled, bytecodeBytes, compileNanos / 1e6,
                unitEntries, blocksInterpreted, 100 * compiledShare(),
                chainedTransfers, indirectHits, lookups, lookups == 0 ? 0.0 : 100.0 * indirectHits / lookups,
                invalidations, evictions, retranslations);
    }
}
