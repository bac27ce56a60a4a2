package dev.jefevm.devices.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IoPortBusTest {

    /** Remembers the last access it saw and answers reads with the offset. */
    private static final class Probe implements IoPortDevice {
        int lastOffset = -1, lastSize, lastValue;

        @Override
        public int read(int offset, int size) {
            lastOffset = offset;
            lastSize = size;
            return 0x40 + offset;
        }

        @Override
        public void write(int offset, int size, int value) {
            lastOffset = offset;
            lastSize = size;
            lastValue = value;
        }
    }

    @Test
    void read_claimedPort_reachesDeviceWithOffsetIntoItsRange() {
        IoPortBus bus = new IoPortBus();
        Probe probe = new Probe();
        bus.register(0x3F8, 8, probe, "probe");

        int value = bus.read(0x3FD, 1);

        assertEquals(0x45, value);
        assertEquals(5, probe.lastOffset);
    }

    @Test
    void write_claimedPort_passesSizeAndValue() {
        IoPortBus bus = new IoPortBus();
        Probe probe = new Probe();
        bus.register(0x600, 4, probe, "probe");

        bus.write(0x602, 2, 0xBEEF);

        assertEquals(2, probe.lastOffset);
        assertEquals(2, probe.lastSize);
        assertEquals(0xBEEF, probe.lastValue);
    }

    @Test
    void register_overlappingRange_isRefused() {
        IoPortBus bus = new IoPortBus();
        bus.register(0x3F8, 8, new Probe(), "COM1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bus.register(0x3FF, 2, new Probe(), "other"));

        assertEquals("other at port 0x3ff overlaps COM1", e.getMessage());
    }

    @Test
    void register_adjacentRanges_areAccepted() {
        IoPortBus bus = new IoPortBus();
        Probe low = new Probe();
        Probe high = new Probe();
        bus.register(0x600, 4, low, "low");
        bus.register(0x604, 2, high, "high");

        bus.write(0x604, 1, 7);

        assertEquals(7, high.lastValue);
        assertEquals(-1, low.lastOffset);
    }

    @Test
    void register_rangePastPortSpace_isRefused() {
        IoPortBus bus = new IoPortBus();

        assertThrows(IllegalArgumentException.class, () -> bus.register(0xFFFE, 4, new Probe(), "x"));
    }

    @Test
    void read_unclaimedPort_returnsAllOnesForEachWidth() {
        IoPortBus bus = new IoPortBus();

        assertEquals(0xFF, bus.read(0x80, 1));
        assertEquals(0xFFFF, bus.read(0x80, 2));
        assertEquals(0xFFFF_FFFF, bus.read(0x80, 4));
    }

    @Test
    void accessToUnclaimedPort_isCounted() {
        IoPortBus bus = new IoPortBus();

        bus.write(0x80, 1, 0x12);
        bus.write(0x80, 1, 0x13);
        bus.read(0x81, 1);

        assertEquals(3, bus.unclaimedAccesses());
    }
}
