package dev.jefevm.linuxuser.mem;

/**
 * A host-side access to a process's memory hit an address it may not touch (unmapped, or
 * without the needed permission): the system call that made it answers -EFAULT. Stackless and
 * shared, since it is control flow rather than an error of the emulator.
 */
public final class GuestFault extends RuntimeException {

    static final GuestFault INSTANCE = new GuestFault();

    private GuestFault() {
        super("bad guest address", null, false, false);
    }
}
