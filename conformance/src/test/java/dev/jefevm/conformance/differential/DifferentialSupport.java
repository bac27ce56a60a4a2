package dev.jefevm.conformance.differential;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jefevm.conformance.ConformanceReport;
import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Differential;
import dev.jefevm.conformance.OracleProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Shared by every family's properties: one native oracle process for the test JVM, the check
 * that runs a case on both sides (failing on a mismatch only for families marked complete),
 * and the skip hook that turns a missing oracle into a skipped container with its reason.
 */
final class DifferentialSupport implements SkipExecutionHook {

    private static Differential differential;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ConformanceReport::write, "conformance-report"));
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        OracleProcess.Availability a = OracleProcess.locate();
        if (a.available()) {
            return SkipResult.doNotSkip();
        }
        ConformanceReport.recordOracleUnavailable(a.reason());
        ConformanceReport.write();
        return SkipResult.skip(a.reason());
    }

    private static synchronized Differential differential() {
        if (differential == null) {
            try {
                differential = Differential.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return differential;
    }

    /** Runs {@code c} on the host and on JefeVM; a mismatch fails the property if the family is complete. */
    static void check(CpuCase c) {
        Differential.Verdict v;
        try {
            v = differential().check(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (v.mismatch() && c.family().complete) {
            fail("JefeVM differs from the host CPU:\n" + v.detail());
        }
    }

    /** Called after each family's container: the report on disk always reflects what ran. */
    static void writeReport() {
        String problem = ConformanceReport.write();
        if (!problem.isEmpty()) {
            fail(problem);
        }
    }
}
