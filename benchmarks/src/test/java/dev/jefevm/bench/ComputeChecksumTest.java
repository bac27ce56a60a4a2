package dev.jefevm.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import dev.jefevm.linuxuser.LinuxUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compute benchmark measures correct work: at a small SCALE, the program prints the same
 * checksums under {@code jefevm user} on the interpreter and on the JIT (its defaults: background
 * compilation, as the CLI runs it) as it does natively. Skipped, with the reason, when the build
 * could not make the static program (no gcc or no static libc).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ComputeChecksumTest {

    private static final String SCALE = "1";
    private static Path program;
    private static String nativeOutput;

    @BeforeAll
    static void runNatively() throws IOException, InterruptedException {
        program = Path.of(System.getProperty("jefevm.compute.binary", "target/compute/compute"));
        Path unavailable = Path.of(program + ".unavailable");
        assumeTrue(!Files.exists(unavailable), () -> "compute program not built: " + readQuietly(unavailable));
        assumeTrue(Files.isExecutable(program), "compute program not built at " + program);
        Process p = new ProcessBuilder(program.toString(), SCALE).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        nativeOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "native run failed");
    }

    @Test
    void userModeOnTheInterpreter_printsTheNativeChecksums() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = LinuxUser.builder(program).args(List.of(program.toString(), SCALE)).stdout(out).build().run();

        assertAll(() -> assertEquals(0, status), () -> assertTrue(nativeOutput.contains("checksum "), nativeOutput),
                () -> assertEquals(nativeOutput, out.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void userModeOnTheJit_printsTheNativeChecksums() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser user = LinuxUser.builder(program).args(List.of(program.toString(), SCALE)).stdout(out)
                .jit(JitOptions.defaults()).build();

        int status = user.run();

        JitStats stats = user.jitStats();
        assertAll(() -> assertEquals(0, status), () -> assertEquals(nativeOutput, out.toString(StandardCharsets.UTF_8)),
                () -> assertNotNull(stats, "the program did not run on the JIT"),
                () -> assertTrue(stats != null && stats.unitsCompiled() > 0, "the JIT compiled nothing"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return file + " unreadable";
        }
    }
}
