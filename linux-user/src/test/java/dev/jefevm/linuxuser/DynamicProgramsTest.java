package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's own dynamically linked programs run through the host's dynamic loader (PT_INTERP,
 * as under qemu-x86_64): glibc's start-up (CPU feature checks, IRELATIVE relocations, TLS) and
 * coreutils and dash on top of it. Each test is skipped if its program is not installed.
 */
class DynamicProgramsTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LANG", "C", "TZ", "UTC");

    private static Path require(String program) {
        Path p = Path.of(program);
        assumeTrue(Files.isExecutable(p), program + " is not installed on this host");
        return p;
    }

    private static RunResult run(Path program, List<String> argv, Map<String, String> env) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LinuxUser.builder(program).args(argv).environment(env).memory(256L << 20).stdout(out).stderr(err)
                .build().run();
        return new RunResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void true_exitsZero() throws Exception {
        Path p = require("/bin/true");

        RunResult r = run(p, List.of("true"), ENV);

        assertAll(() -> assertEquals(0, r.status()), () -> assertEquals("", r.err()));
    }

    @Test
    void env_printsExactlyTheEnvironmentItWasGiven() throws Exception {
        Path p = require("/usr/bin/env");

        RunResult r = run(p, List.of("env"), Map.of("ALPHA", "1", "BETA", "two words"));

        assertAll(() -> assertEquals(0, r.status()),
                () -> assertEquals(List.of("ALPHA=1", "BETA=two words"), r.out().lines().sorted().toList()));
    }

    @Test
    void shDashC_runsTheCommand() throws Exception {
        Path p = require("/bin/sh");

        RunResult r = run(p, List.of("sh", "-c", "echo hi; exit 3"), ENV);

        assertAll(() -> assertEquals("hi\n", r.out()), () -> assertEquals(3, r.status()), () -> assertEquals("", r.err()));
    }

    @Test
    void lsLa_listsADirectoryAsTheNativeLsDoes(@TempDir Path dir) throws Exception {
        Path p = require("/bin/ls");
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
        for (String name : List.of("a.txt", "sub", ".")) {
            Files.setLastModifiedTime(dir.resolve(name), FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
        }
        ProcessBuilder nativeLs = new ProcessBuilder("/bin/ls", "-la", dir.toString());
        nativeLs.environment().clear();
        nativeLs.environment().putAll(ENV);
        Process n = nativeLs.start();
        String expected = new String(n.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        n.waitFor();

        RunResult r = run(p, List.of("ls", "-la", dir.toString()), ENV);

        // "total" sums st_blocks, which the JDK cannot read exactly (see FileStat.blocks): compared apart.
        assertAll(() -> assertEquals(0, r.status()), () -> assertEquals("", r.err()),
                () -> assertEquals(withoutTotal(expected), withoutTotal(r.out())));
    }

    private static String withoutTotal(String listing) {
        return listing.lines().filter(l -> !l.startsWith("total ")).collect(Collectors.joining("\n"));
    }
}
