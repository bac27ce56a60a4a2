package dev.jefevm.linuxuser.mem;

/**
 * Guest RAM (the runner's {@code --memory}) has no free frame left for a page or page table the
 * program needs. The kernel ends the process that needed it, as the Linux OOM killer would
 * (SIGKILL), and says why; it never reaches the user as a Java error. Stackless and shared,
 * like {@link GuestFault}.
 */
public final class GuestMemoryExhausted extends RuntimeException {

    static final GuestMemoryExhausted INSTANCE = new GuestMemoryExhausted();

    private GuestMemoryExhausted() {
        super("guest RAM exhausted", null, false, false);
    }
}
