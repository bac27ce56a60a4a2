package dev.jefevm.conformance.programs;

import dev.jefevm.linuxuser.LinuxUser;
import dev.jefevm.linuxuser.LinuxUserException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Runs a {@link ProgramLaunch} on JefeVM's CPU through the user-mode Linux runner
 * ({@link LinuxUser}), collecting the outcome in memory the way {@link NativeLauncher} does on
 * the host.
 */
public final class EmulatedLauncher {

    /** Guest memory for one program: plenty for the test programs and busybox. */
    private static final long GUEST_MEMORY = 512L << 20;

    private EmulatedLauncher() {
    }

    /** Runs the program to its end; a runner that cannot start it throws. */
    public static ProgramOutcome run(ProgramLaunch launch) throws LinuxUserException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = LinuxUser.builder(launch.program())
                .args(launch.argv())
                .environment(launch.environment())
                .workingDirectory(launch.workingDirectory())
                .stdin(new ByteArrayInputStream(launch.stdin()))
                .stdout(stdout)
                .stderr(stderr)
                .memory(GUEST_MEMORY)
                .build()
                .run();
        return new ProgramOutcome(status, stdout.toByteArray(), stderr.toByteArray());
    }
}
