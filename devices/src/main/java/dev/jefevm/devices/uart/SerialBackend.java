package dev.jefevm.devices.uart;

/**
 * The host end of a serial line. Output bytes come from the vCPU thread as the guest transmits
 * them; input, if the backend has any, is read on a thread of the backend's own and posted into
 * the {@link SerialInbox} it was started with, which the vCPU thread drains into the UART
 * between instruction blocks (so no other thread ever touches device state).
 */
public interface SerialBackend extends AutoCloseable {

    /** Starts delivering host input into {@code inbox} (a backend without input does nothing). */
    void start(SerialInbox inbox);

    /** One byte transmitted by the guest (vCPU thread). May buffer until {@link #flush()}. */
    void write(int b);

    /** Pushes buffered output to the host (called when the vCPU pauses between blocks). */
    void flush();

    /** Flushes and releases host resources; input reading stops. */
    @Override
    void close();
}
