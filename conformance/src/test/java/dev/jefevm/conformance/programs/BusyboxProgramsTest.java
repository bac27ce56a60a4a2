package dev.jefevm.conformance.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-program tests, busybox: every row of {@code programs/busybox/scripts.tsv} (shell
 * pipelines, checksums, sort, gzip round trips, awk, sed, bc, tr, wc, od, expr, seq, head,
 * tail, cut, uniq, xargs, find) runs with the Debian {@code busybox-static} binary natively
 * and under JefeVM's user-mode runner, each in its own copy of the same input files; exit
 * status, standard output and standard error must be identical.
 */
class BusyboxProgramsTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @BeforeAll
    static void requireBusybox() {
        assumeTrue(Files.isExecutable(BUSYBOX), "/bin/busybox is absent (install busybox-static)");
    }

    static List<BusyboxScript> scripts() throws IOException {
        return BusyboxScript.table();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void script_underJefeVm_matchesNativeBusybox(BusyboxScript script, @TempDir Path scratch) throws Exception {
        Path nativeDirectory = workspace(scratch.resolve("native"));
        Path emulatedDirectory = workspace(scratch.resolve("jefevm"));
        byte[] stdin = script.stdinFile() == null ? new byte[0] : Files.readAllBytes(nativeDirectory.resolve(script.stdinFile()));
        ProgramLaunch launch = new ProgramLaunch(BUSYBOX, script.arguments(), ProgramLaunch.FIXED_ENVIRONMENT,
                nativeDirectory, stdin);
        ProgramOutcome expected = NativeLauncher.run(launch);

        ProgramOutcome actual = EmulatedLauncher.run(launch.in(emulatedDirectory));

        OutcomeAssertions.assertSameOutcome(expected, actual, script.name());
    }

    private static Path workspace(Path directory) throws IOException {
        Files.createDirectory(directory);
        BusyboxWorkspace.populate(directory);
        return directory;
    }
}
