package dev.jefevm.linuxuser.signal;

/**
 * Linux x86_64 signal numbers, sigaction flags and the default action of each signal
 * (signal(7), asm-generic/signal.h).
 */
public final class Signals {

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
            SIGURG = 23, SIGWINCH = 28;
    public static final int NSIG = 64;

    public static final long SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000L, SA_RESTART = 0x1000_0000L,
            SA_NODEFER = 0x4000_0000L, SA_RESETHAND = 0x8000_0000L, SA_RESTORER = 0x0400_0000L;
    public static final long SIG_DFL = 0, SIG_IGN = 1;

    /** Signals that can be neither caught, blocked nor ignored. */
    public static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    private Signals() {
    }

    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** True if the default action is to ignore {@code sig} (job-control stops are ignored too: no terminal here). */
    public static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT
                || sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }
}
