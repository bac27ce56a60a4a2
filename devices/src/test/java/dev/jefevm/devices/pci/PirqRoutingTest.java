package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PirqRoutingTest {

    @Test
    void pirqFor_rotatesPinsByDeviceNumber() {
        assertEquals(0, PirqRouting.pirqFor(0, 1));
        assertEquals(1, PirqRouting.pirqFor(1, 1));
        assertEquals(3, PirqRouting.pirqFor(1, 3));
        assertEquals(0, PirqRouting.pirqFor(1, 4));
        assertEquals(2, PirqRouting.pirqFor(5, 2));
    }

    @Test
    void defaultRoutes_are10_10_11_11() {
        assertEquals(List.of(10, 10, 11, 11), List.of(PirqRouting.defaultIsaIrq(0), PirqRouting.defaultIsaIrq(1),
                PirqRouting.defaultIsaIrq(2), PirqRouting.defaultIsaIrq(3)));
    }

    @Test
    void entries_giveFourPinsPerDeviceWithPrtAddressAndLinkName() {
        List<PirqRouting.Entry> rows = PirqRouting.entries(2, 3);

        assertEquals(8, rows.size());
        PirqRouting.Entry device3IntB = rows.get(5);
        assertEquals(0x3_FFFFL, device3IntB.acpiAddress());
        assertEquals(1, device3IntB.acpiPin());
        assertEquals("LNKA", device3IntB.linkName());
    }
}
