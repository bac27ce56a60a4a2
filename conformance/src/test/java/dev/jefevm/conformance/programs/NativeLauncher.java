package dev.jefevm.conformance.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ProgramLaunch} on the host as an ordinary process, giving the reference
 * outcome. Output goes through files beside the working directory so that no pipe-draining
 * threads are needed and the files themselves stay out of the program's view.
 */
public final class NativeLauncher {

    private static final long TIMEOUT_SECONDS = 60;

    private NativeLauncher() {
    }

    /** Starts the program, waits for it and collects its outcome; fails the run on timeout. */
    public static ProgramOutcome run(ProgramLaunch launch) throws IOException, InterruptedException {
        Path side = Files.createTempDirectory(launch.workingDirectory().getParent(), "native-io");
        Path in = Files.write(side.resolve("stdin"), launch.stdin());
        Path out = side.resolve("stdout");
        Path err = side.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(launch.argv())
                .directory(launch.workingDirectory().toFile())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("native run of " + launch.argv() + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new ProgramOutcome(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }
}
