package dev.jefevm.conformance.programs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a finished program left behind: its exit status (128 + N when killed by signal N, as
 * both the shell and {@code java.lang.Process} report it), standard output and standard error.
 *
 * @param status the exit status
 * @param stdout the bytes written to standard output
 * @param stderr the bytes written to standard error
 */
public record ProgramOutcome(int status, byte[] stdout, byte[] stderr) {

    public ProgramOutcome {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    /** Standard output decoded as UTF-8 (invalid bytes become replacement characters). */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Standard error decoded as UTF-8. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProgramOutcome that && status == that.status
                && Arrays.equals(stdout, that.stdout) && Arrays.equals(stderr, that.stderr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + Arrays.hashCode(stdout)) + Arrays.hashCode(stderr);
    }

    @Override
    public String toString() {
        return "status " + status + ", " + stdout.length + " bytes of stdout, " + stderr.length
                + " bytes of stderr";
    }
}
