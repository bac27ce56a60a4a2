package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PciBusTest {

    private final PciBus bus = new PciBus();

    @Test
    void read_absentFunction_readsAllOnesOfTheWidth() {
        assertEquals(0xFF, bus.read(0, 3, 0, 0x00, 1));
        assertEquals(0xFFFF, bus.read(0, 3, 0, 0x00, 2));
        assertEquals(0xFFFF_FFFF, bus.read(0, 3, 0, 0x00, 4));
    }

    @Test
    void access_reachesOnlyTheAttachedLocation() {
        PciType0Function f = new PciType0Function(0x1AF4, 0x1000, 0, 0x02_00_00, false);
        bus.attach(0, 2, 1, f);

        bus.write(0, 2, 1, 0x3C, 1, 9);

        assertEquals(0x1000_1AF4, bus.read(0, 2, 1, 0x00, 4));
        assertEquals(9, bus.read(0, 2, 1, 0x3C, 1));
        assertEquals(0xFFFF, bus.read(0, 2, 0, 0x00, 2));
        assertEquals(0xFFFF, bus.read(1, 2, 1, 0x00, 2));
        assertSame(f, bus.functionAt(0, 2, 1));
        assertNull(bus.functionAt(0, 2, 2));
    }

    @Test
    void attach_takenOrInvalidLocation_isRejected() {
        bus.attach(0, 0, 0, I440fxPmc.create());

        assertThrows(IllegalArgumentException.class, () -> bus.attach(0, 0, 0, I440fxPmc.create()));
        assertThrows(IllegalArgumentException.class, () -> bus.attach(0, 32, 0, I440fxPmc.create()));
        assertThrows(IllegalArgumentException.class, () -> bus.attach(0, 0, 8, I440fxPmc.create()));
    }
}
