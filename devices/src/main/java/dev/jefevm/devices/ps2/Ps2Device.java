package dev.jefevm.devices.ps2;

/**
 * A device on one of the 8042's two PS/2 ports (keyboard or auxiliary), as the controller sees
 * it: it receives command and argument bytes the guest sends through the controller, and it
 * holds the bytes it wants to send back in a bounded {@link Ps2OutputQueue} that the controller
 * drains one byte at a time into its output buffer (IBM PS/2 Hardware Interface Technical
 * Reference, "Keyboard/Auxiliary Device Controller").
 */
public interface Ps2Device {

    /** A byte from the host (controller) to the device: a command or a command's argument. */
    void receive(int data);

    /** The bytes waiting to go from the device to the controller. */
    Ps2OutputQueue output();
}
