package dev.jefevm.conformance.programs;

import dev.jefevm.conformance.Backend;
import dev.jefevm.linuxuser.LinuxUser;
import dev.jefevm.linuxuser.LinuxUserException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Runs a {@link ProgramLaunch} on JefeVM's CPU through the user-mode Linux runner
 * ({@link LinuxUser}), on the back end the build asks for ({@link Backend}), collecting the
 * outcome in memory the way {@link NativeLauncher} does on the host.
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
        Backend backend = Backend.fromSystemProperties();
        LinuxUser user = LinuxUser.builder(launch.program())
                .args(launch.argv())
                .environment(launch.environment())
                .workingDirectory(launch.workingDirectory())
                .stdin(new ByteArrayInputStream(launch.stdin()))
                .stdout(stdout)
                .stderr(stderr)
                .memory(GUEST_MEMORY)
                .jit(backend.programJitOptions())
                .build();
        int status = user.run();
        // a run meant for the JIT that compiled nothing would compare the interpreter twice
        if (backend == Backend.JIT && (user.jitStats() == null || user.jitStats().unitsCompiled() == 0)) {
            throw new AssertionError("the JIT back end compiled nothing for " + launch.program());
        }
        return new ProgramOutcome(status, stdout.toByteArray(), stderr.toByteArray());
    }
}
