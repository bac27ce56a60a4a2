package dev.jefevm.devices.ps2;

/**
 * The saved state of a {@link Ps2Mouse}: its settings and modes, device ID, buttons held,
 * movement counters not yet reported, the command awaiting an argument (-1 for none), the last
 * byte sent, the last three sample rates (IntelliMouse unlock), and the output buffer, oldest first.
 */
public record Ps2MouseState(
        int sampleRate, int resolution, boolean scaling2to1, boolean reporting, boolean remoteMode,
        boolean wrapMode, int deviceId, int buttons, int dx, int dy, int dz, int pendingCommand,
        int lastSent, int[] recentRates, byte[] output) {

    public Ps2MouseState {
        recentRates = recentRates.clone();
        output = output.clone();
    }

    @Override
    public int[] recentRates() {
        return recentRates.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }
}
