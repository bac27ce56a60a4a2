package dev.jefevm.conformance.differential;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jefevm.conformance.ConformanceReport;
import dev.jefevm.conformance.CpuCase;
import dev.jefevm.conformance.Differential;
import dev.jefevm.conformance.OracleProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Shared by every family's properties: one native oracle process for the test JVM, the check
 * that runs a case on both sides (failing on a mismatch only for families marked complete),
 * the skip hook that turns a missing oracle into a skipped container with its reason, and
 * replayable generation: each case comes from its own 64-bit seed, and a mismatch names the
 * Maven command that regenerates exactly that case ({@code -Dconformance.replay=<seed>}).
 */
final class DifferentialSupport implements SkipExecutionHook, AroundPropertyHook {

    /** System property: a hex case seed; when set, each replayable property runs only that case. */
    /** Base seed (hex) of the bounded run's case sequence, or "random" (conformance/pom.xml sets it). */
    static final String SEED = "conformance.seed";
    private static final java.util.Map<String, SplittableRandom> FIXED_SEQUENCES = new java.util.HashMap<>();
    static final String REPLAY = "conformance.replay";

    private static Differential differential;
    private static volatile String currentProperty = "";
    private static CpuCase lastCase;
    private static long lastSeed;

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

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        currentProperty = context.containerClass().getSimpleName() + "#" + context.targetMethod().getName();
        return property.execute();
    }

    /**
     * Cases from {@code generator}, each fed a {@link Random} seeded with a fresh 64-bit seed that
     * a mismatch reports; with {@code -Dconformance.replay=<seed>} only the case of that seed.
     */
    static Arbitrary<CpuCase> replayable(Function<Random, CpuCase> generator) {
        String replay = System.getProperty(REPLAY, "").strip();
        if (!replay.isEmpty()) {
            return Arbitraries.just(generate(generator, Long.parseUnsignedLong(replay, 16)));
        }
        String base = System.getProperty(SEED, "random").strip();
        if (base.isEmpty() || base.equals("random")) {
            return Arbitraries.randomValue(r -> generate(generator, r.nextLong()));
        }
        // A fixed base seed (the bounded run in `verify`): each property draws its case seeds
        // from its own sequence, so a build checks the same cases every time (deterministic
        // tests); -Pconformance-full explores with random seeds.
        long fixed = Long.parseUnsignedLong(base, 16);
        return Arbitraries.randomValue(r -> generate(generator, nextFixedSeed(fixed)));
    }

    private static synchronized long nextFixedSeed(long base) {
        SplittableRandom sequence = FIXED_SEQUENCES.computeIfAbsent(currentProperty,
                name -> new SplittableRandom(base ^ (name.hashCode() * 0x9E37_79B9_7F4A_7C15L)));
        return sequence.nextLong();
    }

    private static synchronized CpuCase generate(Function<Random, CpuCase> generator, long seed) {
        CpuCase c = generator.apply(new Random(seed));
        lastCase = c;
        lastSeed = seed;
        return c;
    }

    /**
     * The command that replays {@code c}: exactly this case when {@link #replayable} made it;
     * otherwise the property again, whose failing sample jqwik replays first from its database.
     */
    static synchronized String reproduction(CpuCase c) {
        if (currentProperty.isEmpty()) {
            return "";
        }
        String command = "./mvnw -B -o -pl conformance -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='"
                + currentProperty + "'";
        return c == lastCase ? command + " -D" + REPLAY + "=" + Long.toHexString(lastSeed)
                : command + "  # jqwik replays the failing sample first; its seed is in the surefire report";
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
            v = differential().check(c, reproduction(c));
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
