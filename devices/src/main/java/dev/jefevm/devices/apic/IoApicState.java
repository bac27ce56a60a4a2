package dev.jefevm.devices.apic;

/**
 * The saved state of an {@link IoApic}: IOREGSEL, the APIC ID, the 24 redirection entries
 * (64 bits each, remote IRR included) and the level on each input pin.
 */
public record IoApicState(int select, int id, long[] redirection, boolean[] pinLevels) {

    public IoApicState {
        redirection = redirection.clone();
        pinLevels = pinLevels.clone();
    }

    @Override
    public long[] redirection() {
        return redirection.clone();
    }

    @Override
    public boolean[] pinLevels() {
        return pinLevels.clone();
    }
}
