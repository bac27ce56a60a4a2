package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CPU exceptions of a user program become the signals Linux sends, with its si_code and
 * si_addr: programs/faults.c raises one exception per run, and the runner must report exactly
 * what the same binary reports natively on this host (the kernel is the oracle).
 */
class FaultSignalProgramsTest {

    @TempDir
    static Path build;
    private static Path faults;

    @BeforeAll
    static void buildProgram() throws Exception {
        TestPrograms.requireGcc();
        faults = TestPrograms.compile(build, "faults");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x87-div", "x87-inv", "sse-div", "sse-ovf", "sse-und", "sse-res", "sse-inv", "int3", "int21", "hlt",
        "cli", "in", "out"})
    void exception_becomesTheSameSignalAsOnLinux(String which) throws Exception {
        String expected = TestPrograms.runNatively(faults.toString(), which);

        RunResult r = RunResult.run(faults, List.of("faults", which), "");

        assertEquals(expected, r.out());
    }
}
