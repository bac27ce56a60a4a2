package dev.jefevm.devices.pit;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.bus.IoPortDevice;
import dev.jefevm.devices.irq.IrqLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Intel 8254 programmable interval timer as the PC wires it (8254 datasheet, order 231164):
 * three 16-bit counters on a 1.193182 MHz CLK derived exactly from the {@link VirtualClock},
 * modes 0-5, binary or BCD counting, LSB/MSB/LSB-then-MSB access, the counter latch command and
 * the read-back command (count and status, with NULL COUNT and OUT). Ports, as offsets: 0-2 the
 * counters, 3 the control word register.
 *
 * <p>Counter 0's OUT drives an {@link IrqLine} (IRQ0 on the PC) and is the only one that arms a
 * {@code ClockTimer}, and only for the instant of its next output edge. Counter 1 (DRAM refresh)
 * has no listener. Counter 2's GATE and OUT are reached through {@link SystemControlPortB}.
 * Multi-byte accesses are split into byte accesses at consecutive offsets.
 */
public final class Pit8254 implements IoPortDevice {

    private static final Logger LOG = LoggerFactory.getLogger(Pit8254.class);

    private static final int CONTROL = 3;
    // Control word SC field value that means read-back (datasheet "Read-back command")
    private static final int SELECT_READ_BACK = 3;
    private static final int READ_BACK_NO_COUNT = 0x20, READ_BACK_NO_STATUS = 0x10;

    private final PitClock clock;
    private final PitChannel[] channels = new PitChannel[3];
    private long ignoredAccesses;

    /** A PIT on {@code clock} whose counter 0 OUT drives {@code irq0}. */
    public Pit8254(VirtualClock clock, IrqLine irq0) {
        this.clock = new PitClock(clock);
        channels[0] = new PitChannel(irq0, this.clock.newTimer("pit.ch0", this::onChannel0Edge), true);
        channels[1] = new PitChannel(IrqLine.DISCONNECTED, null, true);
        channels[2] = new PitChannel(IrqLine.DISCONNECTED, null, false);
    }

    private void onChannel0Edge() {
        channels[0].onEdgeTimer(clock.tick());
    }

    /** Power-on state: every counter in mode 0 with no count; counter 2's GATE low. */
    public void reset() {
        long t = clock.tick();
        channels[0].reset(true, t);
        channels[1].reset(true, t);
        channels[2].reset(false, t);
    }

    @Override
    public int read(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= readByte(offset + i) << (8 * i);
        }
        return value;
    }

    private int readByte(int offset) {
        if (offset < CONTROL) {
            return channels[offset].readCount(clock.tick());
        }
        if (offset > CONTROL) {
            ignored("read beyond offset 3");
        }
        return 0xFF; // the control word register is write-only: the bus floats
    }

    @Override
    public void write(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            int b = (value >>> (8 * i)) & 0xFF;
            int reg = offset + i;
            if (reg < CONTROL) {
                channels[reg].writeCount(b, clock.tick());
            } else if (reg == CONTROL) {
                writeControl(b);
            } else {
                ignored("write beyond offset 3");
            }
        }
    }

    private void writeControl(int controlWord) {
        long t = clock.tick();
        int select = controlWord >>> 6;
        if (select == SELECT_READ_BACK) {
            readBack(controlWord, t);
        } else if ((controlWord & 0x30) == 0) {
            channels[select].latchCount(t); // RW = 00: counter latch command
        } else {
            channels[select].writeControl(controlWord, t);
        }
    }

    /** Read-back: bits 3-1 select counters; a 0 in bit 5 latches counts, a 0 in bit 4 latches status. */
    private void readBack(int command, long t) {
        for (int c = 0; c < 3; c++) {
            if ((command & (2 << c)) == 0) {
                continue;
            }
            if ((command & READ_BACK_NO_COUNT) == 0) {
                channels[c].latchCount(t);
            }
            if ((command & READ_BACK_NO_STATUS) == 0) {
                channels[c].latchStatus(t);
            }
        }
    }

    /** Drives counter {@code channel}'s GATE input (the board: counter 2 from port 0x61 bit 0). */
    public void setGate(int channel, boolean level) {
        channels[channel].setGate(level, clock.tick());
    }

    /** The GATE input of counter {@code channel} as last driven. */
    public boolean gate(int channel) {
        return channels[channel].gate();
    }

    /** The OUT pin of counter {@code channel} now. */
    public boolean output(int channel) {
        return channels[channel].output(clock.tick());
    }

    /** Accesses ignored because they fell outside the four ports. */
    public long ignoredAccesses() {
        return ignoredAccesses;
    }

    private void ignored(String what) {
        ignoredAccesses++;
        LOG.debug("PIT: ignored {}", what);
    }
}
