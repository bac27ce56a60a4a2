package dev.jefevm.conformance.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-program tests, own programs: each C program in {@code src/test/c/programs}, built with
 * {@code gcc -O2 -static}, runs natively and under JefeVM's user-mode runner with the same
 * arguments, environment, input and files; exit status, standard output and standard error
 * must be identical. The programs cover integer and floating-point arithmetic (x87 long
 * double printf included), qsort, glibc's CPUID-dispatched string functions, malloc, setjmp,
 * signals, argv/environment and file I/O.
 */
class OwnProgramsTest {

    private static StaticProgramCompiler compiler;

    @BeforeAll
    static void requireGcc() {
        assumeTrue(StaticProgramCompiler.gccAvailable(), "gcc is not installed: cannot build the test programs");
        compiler = StaticProgramCompiler.forThisModule();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jefevm.conformance.programs.ProgramCase#all")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void program_underJefeVm_matchesNativeRun(ProgramCase program, @TempDir Path scratch) throws Exception {
        ProgramLaunch launch = new ProgramLaunch(compiler.executable(program.source(), program.compilerFlags()), program.arguments(),
                program.environment(), scratch, program.stdinBytes());
        ProgramOutcome expected = NativeLauncher.run(launch.in(Files.createDirectory(scratch.resolve("native"))));

        ProgramOutcome actual = EmulatedLauncher.run(launch.in(Files.createDirectory(scratch.resolve("jefevm"))));

        OutcomeAssertions.assertSameOutcome(expected, actual, program.name());
    }
}
