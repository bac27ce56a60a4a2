package dev.jefevm.linuxuser.signal;

/** One signal's disposition as rt_sigaction sets it (kernel {@code struct sigaction}: handler, flags, restorer, mask). */
public record SignalAction(long handler, long flags, long restorer, long mask) {

    public static final SignalAction DEFAULT = new SignalAction(Signals.SIG_DFL, 0, 0, 0);
}
