package dev.jefevm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guest MIPS of the interpreter on {@link GuestLoopMachine}'s compute loop. The score is in
 * operations per microsecond, where one operation is one retired guest instruction: that is,
 * guest MIPS. Run: {@code java -jar benchmarks/target/benchmarks.jar InterpreterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class InterpreterBenchmark {

    static final int INSTRUCTIONS_PER_CALL = 10_000_000;

    private GuestLoopMachine machine;

    @Setup
    public void setUp() {
        machine = new GuestLoopMachine();
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS_PER_CALL)
    public long computeLoop() {
        return machine.run(INSTRUCTIONS_PER_CALL);
    }
}
