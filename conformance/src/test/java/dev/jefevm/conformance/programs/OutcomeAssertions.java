package dev.jefevm.conformance.programs;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/**
 * Compares the outcome under JefeVM with the native one and, when they differ, says where:
 * the exit statuses, the first differing line of standard output or standard error, and the
 * tail of the emulated run's standard error (where a runner reports a fault or a missing
 * system call).
 */
final class OutcomeAssertions {

    private static final int TAIL_CHARS = 1500;

    private OutcomeAssertions() {
    }

    /** Fails unless status, standard output and standard error are byte for byte the same. */
    static void assertSameOutcome(ProgramOutcome expected, ProgramOutcome actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        StringBuilder message = new StringBuilder(what).append(" differs from the native run:\n");
        if (expected.status() != actual.status()) {
            message.append("  exit status: native ").append(expected.status()).append(", JefeVM ")
                    .append(actual.status()).append('\n');
        }
        describeDifference(message, "stdout", expected.stdoutText(), actual.stdoutText(),
                Arrays.equals(expected.stdout(), actual.stdout()));
        describeDifference(message, "stderr", expected.stderrText(), actual.stderrText(),
                Arrays.equals(expected.stderr(), actual.stderr()));
        String stderr = actual.stderrText();
        message.append("  JefeVM stderr tail:\n")
                .append(stderr.substring(Math.max(0, stderr.length() - TAIL_CHARS)));
        fail(message.toString());
    }

    private static void describeDifference(StringBuilder message, String stream, String expected,
            String actual, boolean same) {
        if (same) {
            return;
        }
        String[] expectedLines = expected.split("\n", -1);
        String[] actualLines = actual.split("\n", -1);
        int line = 0;
        while (line < expectedLines.length && line < actualLines.length
                && expectedLines[line].equals(actualLines[line])) {
            line++;
        }
        message.append("  ").append(stream).append(" first differs at line ").append(line + 1)
                .append(" (native ").append(expectedLines.length).append(" lines, JefeVM ")
                .append(actualLines.length).append(")\n")
                .append("    native: ").append(lineOrEnd(expectedLines, line)).append('\n')
                .append("    JefeVM: ").append(lineOrEnd(actualLines, line)).append('\n');
    }

    private static String lineOrEnd(String[] lines, int index) {
        return index < lines.length ? lines[index] : "<end of output>";
    }
}
