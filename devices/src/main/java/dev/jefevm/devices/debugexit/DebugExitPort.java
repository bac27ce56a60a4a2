package dev.jefevm.devices.debugexit;

import dev.jefevm.devices.bus.IoPortDevice;

/**
 * A test-harness port in the manner of QEMU's isa-debug-exit (conventionally I/O port 0xF4,
 * one port wide, accepting 1-, 2- or 4-byte writes): writing V asks the VM to exit with status
 * {@code (V << 1) | 1}, computed on the low {@code size} bytes of V in 32 bits, so a guest test
 * runner can report success or failure through the host's exit code and no written value can
 * look like a clean exit 0. There is no real chip behind it; reads return all ones, like an
 * unclaimed ISA port.
 */
public final class DebugExitPort implements IoPortDevice {

    private final DebugExitListener listener;

    public DebugExitPort(DebugExitListener listener) {
        this.listener = listener;
    }

    /** The exit status for a write of the low {@code size} bytes of {@code value}. */
    public static int exitStatus(int value, int size) {
        int written = size >= 4 ? value : value & ((1 << (8 * size)) - 1);
        return (written << 1) | 1;
    }

    @Override
    public int read(int offset, int size) {
        return size >= 4 ? 0xFFFF_FFFF : (1 << (8 * size)) - 1;
    }

    @Override
    public void write(int offset, int size, int value) {
        listener.exitRequested(exitStatus(value, size));
    }
}
