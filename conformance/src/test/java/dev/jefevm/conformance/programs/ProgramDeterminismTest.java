package dev.jefevm.conformance.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential tests are only meaningful if our programs print the same transcript every
 * time: no addresses, times, process ids or directory-dependent values. This runs each one
 * natively twice, in two different directories, and requires identical outcomes.
 */
class ProgramDeterminismTest {

    private static StaticProgramCompiler compiler;

    @BeforeAll
    static void requireGcc() {
        assumeTrue(StaticProgramCompiler.gccAvailable(), "gcc is not installed: cannot build the test programs");
        compiler = StaticProgramCompiler.forThisModule();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jefevm.conformance.programs.ProgramCase#all")
    void nativeRun_repeatedInAnotherDirectory_printsTheSameTranscript(ProgramCase program, @TempDir Path scratch)
            throws Exception {
        ProgramLaunch launch = new ProgramLaunch(compiler.executable(program.source(), program.compilerFlags()), program.arguments(),
                program.environment(), scratch, program.stdinBytes());

        ProgramOutcome first = NativeLauncher.run(launch.in(Files.createDirectory(scratch.resolve("first"))));
        ProgramOutcome second = NativeLauncher.run(launch.in(Files.createDirectory(scratch.resolve("second-run"))));

        assertEquals(first, second, () -> first.stdoutText() + "\n----\n" + second.stdoutText());
    }
}
