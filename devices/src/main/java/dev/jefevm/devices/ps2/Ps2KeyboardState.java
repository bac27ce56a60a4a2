package dev.jefevm.devices.ps2;

/**
 * The saved state of a {@link Ps2Keyboard}: its settings, the command awaiting an argument
 * (-1 for none), the last byte sent (for Resend), the key repeating and its next repeat time
 * ({@code null} and 0 when none), and the output buffer's contents, oldest first.
 */
public record Ps2KeyboardState(
        int scancodeSet, int typematic, boolean scanning, int pendingCommand, int lastSent,
        KeyCode repeatingKey, long repeatDeadlineNanos, byte[] output) {

    public Ps2KeyboardState {
        output = output.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }
}
