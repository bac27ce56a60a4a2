package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small static C programs (src/test/resources/programs) compiled with {@code gcc -static -O2}
 * at test time and run on the runner: stdio and malloc, a SIGSEGV handler, fork and pipes,
 * files and directories.
 */
class ProgramsTest {

    @TempDir
    static Path build;

    @BeforeAll
    static void requireGcc() throws Exception {
        TestPrograms.requireGcc();
    }

    private static Path compile(String name) throws Exception {
        return TestPrograms.compile(build, name);
    }

    @Test
    void hello_printsArgumentsAndEnvironmentAndReturnsItsStatus() throws Exception {
        Path p = compile("hello");

        RunResult r = RunResult.run(p, List.of("hello", "a", "b"), "");

        assertAll(() -> assertEquals("hello from 3 args: a b\nbig[1048575]=x HOME=/\n", r.out()),
                () -> assertEquals(3, r.status()));
    }

    @Test
    void segvHandler_catchesTheFaultWithItsAddress() throws Exception {
        Path p = compile("segv");

        RunResult r = RunResult.run(p, List.of("segv"), "");

        assertAll(() -> assertEquals("caught signal 11 at 0xdead000\n", r.out()), () -> assertEquals(0, r.status()));
    }

    @Test
    void uncaughtSegv_killsTheProgramWithStatus139() throws Exception {
        Path p = compile("segv");

        RunResult r = RunResult.run(p, List.of("segv", "again"), "");

        assertEquals(128 + 11, r.status());
    }

    @Test
    void forkAndPipe_childDataAndExitStatusReachTheParent() throws Exception {
        Path p = compile("forkpipe");

        RunResult r = RunResult.run(p, List.of("forkpipe"), "");

        assertAll(() -> assertEquals("through the pipe; child reaped exited 42; sigchld 1\n", r.out()),
                () -> assertEquals(0, r.status()));
    }

    @Test
    void deadlock_everyProcessWaiting_endsWithAClearError() throws Exception {
        Path p = compile("deadlock");

        LinuxUserException e = assertThrows(LinuxUserException.class, () -> RunResult.run(p, List.of("deadlock"), ""));

        assertTrue(e.getMessage().startsWith("deadlock: every process is waiting (pid 100 in read)"), e.getMessage());
    }

    @Test
    void files_createSeekStatListRenameAndRemove(@TempDir Path dir) throws Exception {
        Path p = compile("files");

        RunResult r = RunResult.run(p, List.of("files", dir.toString()), "");

        assertAll(() -> assertEquals("read 456 size 10 regular 1 found 1 cwd-ok 1\n", r.out()),
                () -> assertEquals(0, r.status()),
                () -> assertTrue(Files.notExists(dir.resolve("sub"))));
    }
}
