package dev.jefevm.launcher;

/**
 * A mistake in how jefevm was invoked that the user can fix: a missing or unreadable file, an
 * unsupported option value, a kernel the loader rejects. Reported as one line on stderr
 * ("jefevm: ...") with exit status {@link ExitStatus#USAGE}; never with a stack trace.
 */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
