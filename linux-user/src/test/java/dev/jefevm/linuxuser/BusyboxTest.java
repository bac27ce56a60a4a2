package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** busybox-static's shell and applets on the runner: fork, exec of /proc/self/exe, pipes, wait, exit codes. */
class BusyboxTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @BeforeAll
    static void requireBusybox() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox (CI installs it)");
    }

    private static RunResult sh(String script) throws LinuxUserException {
        return RunResult.run(BUSYBOX, List.of("busybox", "sh", "-c", script), "");
    }

    @Test
    void pipeline_echoArithmeticIntoCat_prints42() throws Exception {
        RunResult r = sh("echo $((6*7)) | cat");

        assertAll(() -> assertEquals("42\n", r.out()), () -> assertEquals(0, r.status()));
    }

    @Test
    void sequenceAndConditionals_runInOrder() throws Exception {
        RunResult r = sh("echo a; false && echo never; true && echo b; false || echo c");

        assertEquals("a\nb\nc\n", r.out());
    }

    @Test
    void subshellExitCode_isSeenByTheParentShell() throws Exception {
        RunResult r = sh("(echo inside; exit 3); echo status=$?");

        assertEquals("inside\nstatus=3\n", r.out());
    }

    @Test
    void forLoopAndCommandSubstitution_work() throws Exception {
        RunResult r = sh("for i in 1 2 3; do echo -n $i; done; echo; x=$(echo abc | tr a-c A-C); echo $x");

        assertEquals("123\nABC\n", r.out());
    }

    @Test
    void longerPipeline_passesDataThroughEveryStage() throws Exception {
        RunResult r = sh("echo 'b a c' | tr ' ' '\\n' | sort | tr -d '\\n'; echo");

        assertEquals("abc\n", r.out());
    }

    @Test
    void exitStatus_isTheShellsExitStatus() throws Exception {
        assertEquals(7, sh("exit 7").status());
    }

    @Test
    void killedBySignal_statusIs128PlusSignal() throws Exception {
        assertEquals(128 + 9, sh("kill -9 $$").status());
    }

    @Test
    void stdin_reachesTheProgram() throws Exception {
        RunResult r = RunResult.run(BUSYBOX, List.of("busybox", "wc", "-l"), "one\ntwo\nthree\n");

        assertEquals("3", r.out().strip());
    }

    @Test
    void fileRedirection_writesAndReadsHostFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.txt");

        RunResult r = sh("echo saved > " + f + "; cat " + f + "; ls " + dir);

        assertAll(() -> assertEquals("saved\nout.txt\n", r.out()),
                () -> assertEquals("saved\n", Files.readString(f)));
    }
}
