package dev.jefevm.linuxuser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds the C programs in src/test/resources/programs with the host's gcc, or skips the test if it cannot. */
final class TestPrograms {

    private TestPrograms() {
    }

    /** Skips the calling test class when gcc is not installed. */
    static void requireGcc() throws InterruptedException {
        boolean ok;
        try {
            ok = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "gcc is not installed (CI installs gcc and libc6-dev)");
    }

    /** programs/NAME.c built with {@code gcc -static -O2} into {@code dir}. */
    static Path compile(Path dir, String name) throws IOException, InterruptedException {
        Path source = dir.resolve(name + ".c");
        try (InputStream in = TestPrograms.class.getResourceAsStream("/programs/" + name + ".c")) {
            Files.write(source, in.readAllBytes());
        }
        Path binary = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", binary.toString(), source.toString(), "-lm")
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes());
        assumeTrue(gcc.waitFor() == 0, "gcc -static failed (static libc missing?): " + log);
        return binary;
    }

    /** What {@code argv} prints on stdout when run natively on this host. */
    static String runNatively(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
