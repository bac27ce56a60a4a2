package dev.jefevm.linuxuser;

/**
 * A program the user-mode runner cannot start: not a file, not an ELF, not x86_64, dynamically
 * linked, or with malformed program headers. The message is one line naming the file and the
 * problem, fit for a command-line error.
 */
public final class LinuxUserException extends Exception {

    public LinuxUserException(String message) {
        super(message, null, false, false);
    }
}
