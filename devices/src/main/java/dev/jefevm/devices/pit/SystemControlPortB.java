package dev.jefevm.devices.pit;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.bus.IoPortDevice;

/**
 * PC/AT "port B" at 0x61 (PIIX3 datasheet section 4.7.1 "NMI status and control register"): bit 0
 * drives the 8254 counter 2 GATE, bit 1 the speaker data enable, bits 2-3 the (ignored) PCI SERR
 * and IOCHK NMI enables; reads add bit 4, the refresh-cycle toggle, and bit 5, counter 2 OUT,
 * which firmware and kernels use to calibrate the TSC. Bits 6-7 (NMI sources) read 0: no NMI
 * source exists here. The speaker itself makes no sound.
 */
public final class SystemControlPortB implements IoPortDevice {

    private static final int GATE2 = 0x01, SPEAKER_DATA = 0x02, WRITABLE = 0x0F;
    private static final int REFRESH_TOGGLE = 0x10, OUT2 = 0x20;
    /** The refresh request period of the PC/AT, 15.085 us (8254 counter 1 programmed with 18). */
    private static final long REFRESH_NANOS = 15_085;

    private final VirtualClock clock;
    private final Pit8254 pit;
    private int control;
    private long ignoredAccesses;

    public SystemControlPortB(VirtualClock clock, Pit8254 pit) {
        this.clock = clock;
        this.pit = pit;
    }

    /** Power-on: every control bit 0, so counter 2's GATE is low and the speaker off. */
    public void reset() {
        write(0, 1, 0);
    }

    @Override
    public int read(int offset, int size) {
        if (offset != 0) {
            ignoredAccesses++;
            return -1; // only the one byte port exists; the bus floats elsewhere
        }
        int value = control;
        if ((clock.nanos() / REFRESH_NANOS & 1) != 0) {
            value |= REFRESH_TOGGLE;
        }
        if (pit.output(2)) {
            value |= OUT2;
        }
        // Only the low byte exists; wider reads see a floating bus above it
        return size == 1 ? value : value | (-1 << 8);
    }

    @Override
    public void write(int offset, int size, int value) {
        if (offset != 0) {
            ignoredAccesses++;
            return;
        }
        control = value & WRITABLE;
        pit.setGate(2, (control & GATE2) != 0);
    }

    /** Accesses ignored because they fell outside the one port. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    /** Whether the guest enabled speaker data (bit 1) with the counter 2 gate (bit 0): a tone is playing. */
    public boolean speakerOn() {
        return (control & (GATE2 | SPEAKER_DATA)) == (GATE2 | SPEAKER_DATA);
    }
}
