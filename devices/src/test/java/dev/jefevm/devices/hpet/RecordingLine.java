package dev.jefevm.devices.hpet;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.irq.IrqLine;

/** An interrupt line that remembers its level, its rising edges and when the last one came. */
final class RecordingLine implements IrqLine {

    private final VirtualClock clock;
    boolean level;
    int rises;
    long lastRise = -1;

    RecordingLine(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public void set(boolean asserted) {
        if (asserted && !level) {
            rises++;
            lastRise = clock.nanos();
        }
        level = asserted;
    }
}
