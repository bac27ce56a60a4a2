package dev.jefevm.launcher;

/**
 * The jefevm process's exit statuses, as the README documents them: 0 when the guest powers off
 * (or the user quits with Ctrl-A x), 1 when the guest halts with interrupts disabled (a kernel
 * panic), 2 for a usage error (bad option, unreadable file, malformed kernel), 3 for a triple
 * fault, 70 for an internal error of the VM itself (BSD sysexits EX_SOFTWARE).
 */
public final class ExitStatus {

    public static final int POWER_OFF = 0;
    public static final int GUEST_HALTED = 1;
    public static final int USAGE = 2;
    public static final int TRIPLE_FAULT = 3;
    public static final int INTERNAL_ERROR = 70;

    private ExitStatus() {
    }
}
