package dev.jefevm.conformance;

import java.io.IOException;
import java.util.List;

/**
 * Runs cases on both sides and judges them: the host through an {@link OracleProcess}, JefeVM
 * through a {@link JefeVmRunner}. Each verdict is counted in the {@link ConformanceReport}. One
 * instance per test class (it owns an oracle process); close it when the class is done.
 */
public final class Differential implements AutoCloseable {

    private final OracleProcess oracle;
    private final JefeVmRunner jefe = new JefeVmRunner();

    private Differential(OracleProcess oracle) {
        this.oracle = oracle;
    }

    /** Starts the oracle; fails with the reason from {@link OracleProcess#locate()} if it is absent. */
    public static Differential start() throws IOException {
        OracleProcess.Availability a = OracleProcess.locate();
        if (!a.available()) {
            throw new IOException(a.reason());
        }
        return new Differential(OracleProcess.start(a.binary()));
    }

    /** The result of one case: empty {@code differences} means agreement. */
    public record Verdict(boolean comparable, List<String> differences, String detail) {
        public boolean mismatch() {
            return comparable && !differences.isEmpty();
        }
    }

    /** Runs {@code c} on both sides, compares, and records the verdict in the report. */
    public Verdict check(CpuCase c) throws IOException {
        return check(c, "");
    }

    /**
     * As {@link #check(CpuCase)}; a mismatch's detail and report entry also carry
     * {@code reproduce}, the command that replays this case (empty when there is none).
     */
    public Verdict check(CpuCase c, String reproduce) throws IOException {
        CaseResult host = oracle.run(c);
        if (host.outcome() == CaseResult.Outcome.NOT_COMPARABLE || host.outcome() == CaseResult.Outcome.TIMEOUT) {
            ConformanceReport.recordNotComparable(c.family(), host.detail());
            return new Verdict(false, List.of(), host.detail());
        }
        CaseResult mine = jefe.run(c);
        List<String> d = Comparison.differences(c, host, mine);
        if (d.isEmpty()) {
            if (c.excludedGprs() != 0) {
                // agreed on everything compared, but part of the state was left out: say which and why
                ConformanceReport.recordNotComparable(c.family(), c.exclusionReason());
            } else {
                ConformanceReport.recordMatch(c.family());
            }
            return new Verdict(true, d, "");
        }
        String detail = c + "\n  differences:\n    " + String.join("\n    ", d) + "\n  host:   " + host.describe()
                + "\n  jefevm: " + mine.describe();
        ConformanceReport.recordMismatch(c.family(), detail, reproduce);
        if (!reproduce.isEmpty()) {
            detail += "\n  reproduce: " + reproduce;
        }
        return new Verdict(true, d, detail);
    }

    @Override
    public void close() throws IOException {
        oracle.close();
    }
}
