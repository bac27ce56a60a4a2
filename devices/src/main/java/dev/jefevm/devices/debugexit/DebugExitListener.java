package dev.jefevm.devices.debugexit;

/**
 * Told when the guest asks, through the debug-exit port, for the VM to end with an exit status.
 * The launcher stops the machine and exits the host process with that status.
 */
@FunctionalInterface
public interface DebugExitListener {

    /** The guest requested exit with {@code status}, always odd: {@code (V << 1) | 1}. */
    void exitRequested(int status);
}
