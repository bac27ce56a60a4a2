package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class UserCommandTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream programOut = new ByteArrayOutputStream();

    /** The jefevm command line with the user command bound to in-memory streams. */
    private int jefevm(String... args) {
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        CommandLine user = cmd.getSubcommands().get("user");
        CommandLine bound = new CommandLine(new UserCommand(new ByteArrayInputStream(new byte[0]), programOut,
                new ByteArrayOutputStream(), Map.of("PATH", "/usr/bin:/bin", "GREETING", "hello", "LANG", "C")));
        bound.setErr(user.getErr());
        bound.setParameterExceptionHandler(cmd.getParameterExceptionHandler());
        bound.setExecutionExceptionHandler(cmd.getExecutionExceptionHandler());
        return bound.execute(args);
    }

    private String output() {
        return programOut.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingProgram_exits2WithOneLine() {
        int status = jefevm("/no/such/program");

        assertEquals(ExitStatus.USAGE, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("jefevm: /no/such/program: no such file"), err.toString());
    }

    @Test
    void notAnElf_exits2WithOneLine(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("script.txt"), "hello\n");

        int status = jefevm(text.toString());

        assertEquals(ExitStatus.USAGE, status);
        assertTrue(err.toString().contains("not an ELF file"), err.toString());
    }

    @Test
    void noProgram_printsTheUsageAndExits2() {
        int status = jefevm();

        String text = err.toString();
        assertEquals(ExitStatus.USAGE, status);
        assertTrue(text.startsWith("jefevm: user: no PROGRAM to run\nUsage: "), text);
        assertTrue(text.contains("[PROGRAM]"), text);
        assertTrue(text.contains("Try 'jefevm user --help'"), text);
    }

    @Test
    void wordsAfterProgram_goToTheProgramEvenIfTheyLookLikeOptions() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");

        int status = jefevm(BUSYBOX.toString(), "sh", "-c", "echo $((6*7)) | cat");

        assertEquals(0, status);
        assertEquals("42\n", output());
    }

    @Test
    void exitStatus_isTheProgramsStatus() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");

        int status = jefevm("--memory", "64M", BUSYBOX.toString(), "sh", "-c", "exit 5");

        assertEquals(5, status);
    }

    @Test
    void environment_isTheHostsWithEOptionsSetAndUOptionsRemoved() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");

        int status = jefevm("-E", "GREETING=hola", "-E", "TERM=dumb", "-U", "LANG", BUSYBOX.toString(), "sh", "-c",
                "echo $GREETING $TERM ${LANG:-unset} $PATH");

        assertEquals(0, status);
        assertEquals("hola dumb unset /usr/bin:/bin\n", output());
    }

    @Test
    void malformedEnvironmentOption_exits2() {
        int status = jefevm("-E", "novalue", BUSYBOX.toString());

        assertEquals(ExitStatus.USAGE, status);
        assertTrue(err.toString().contains("NAME=VALUE"), err.toString());
    }

    @Test
    void accelJitAndInterp_printTheSameOutput() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");
        String script = "i=0; s=0; while [ $i -lt 200 ]; do s=$((s + i * i)); i=$((i + 1)); done; echo $s";

        int interpStatus = jefevm("--accel", "interp", BUSYBOX.toString(), "sh", "-c", script);
        String interpOutput = output();
        programOut.reset();
        int jitStatus = jefevm("--accel", "jit", "--jit-threshold", "1", BUSYBOX.toString(), "sh", "-c", script);

        assertAll(() -> assertEquals(0, interpStatus), () -> assertEquals(0, jitStatus),
                () -> assertEquals("2646700\n", interpOutput), () -> assertEquals(interpOutput, output()));
    }

    @Test
    void jitStats_printsTheCountersOnStderrAfterTheProgram() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");

        // a loop long enough for the background compiler to finish units while the program runs
        int status = jefevm("--jit-threshold", "1", "--jit-stats", BUSYBOX.toString(), "sh", "-c",
                "i=0; while [ $i -lt 2000 ]; do i=$((i + 1)); done; echo hi");

        Matcher units = Pattern.compile("jit: (\\d+) units compiled").matcher(err.toString());
        assertAll(() -> assertEquals(0, status), () -> assertEquals("hi\n", output()),
                () -> assertTrue(units.find(), err.toString()),
                () -> assertTrue(Long.parseLong(units.group(1)) > 0, "the JIT compiled nothing: " + err));
    }

    @Test
    void jitStatsOnTheInterpreter_saysTheJitIsNotInUse() {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");

        int status = jefevm("--accel", "interp", "--jit-stats", BUSYBOX.toString(), "true");

        assertEquals(0, status);
        assertEquals("jit: not in use (--accel interp)", err.toString().strip());
    }

    @Test
    void unknownAccelerator_exits2NamingWhatIsAvailable() {
        int status = jefevm("--accel", "kvm", BUSYBOX.toString());

        assertEquals(ExitStatus.USAGE, status);
        assertEquals("jefevm: unknown accelerator 'kvm' (available: jit, interp)", err.toString().strip());
    }

    @Test
    void jitThresholdBelowOne_exits2() {
        int status = jefevm("--jit-threshold", "-3", BUSYBOX.toString());

        assertEquals(ExitStatus.USAGE, status);
        assertEquals("jefevm: --jit-threshold must be at least 1, not -3", err.toString().strip());
    }

    @Test
    void sigint_endsAProgramThatLoopsForever() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "busybox-static is not installed at /bin/busybox");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // env --default-signal: a test run from a background job inherits SIGINT ignored, and the JVM keeps it so.
        Process jefevm = new ProcessBuilder("env", "--default-signal=INT", java, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "user", BUSYBOX.toString(), "sh", "-c",
                "while :; do :; done").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertFalse(jefevm.waitFor(1500, TimeUnit.MILLISECONDS), "the endless loop ended by itself");

        new ProcessBuilder("kill", "-INT", Long.toString(jefevm.pid())).start().waitFor();
        boolean ended = jefevm.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            jefevm.destroyForcibly();
        }

        assertAll(() -> assertTrue(ended, "SIGINT did not end jefevm"), () -> assertEquals(128 + 2, jefevm.exitValue()));
    }
}
