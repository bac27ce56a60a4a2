package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Piix3IsaBridgeTest {

    private final List<String> routed = new ArrayList<>();
    private final Piix3IsaBridge piix3 = new Piix3IsaBridge((pirq, irq) -> routed.add("ABCD".charAt(pirq) + "=" + irq));

    @Test
    void identity_isIsaBridgeWithMultifunctionHeader() {
        assertEquals(0x7000_8086, piix3.configRead(0x00, 4));
        assertEquals(0x0601_0000, piix3.configRead(0x08, 4));
        assertEquals(0x80, piix3.configRead(0x0E, 1));
    }

    @Test
    void pirqRouteControl_powerOnValueIs80_unrouted() {
        assertEquals(0x8080_8080, piix3.configRead(0x60, 4));
        assertEquals(PirqRouteListener.NOT_ROUTED, piix3.routeOf(0));
        assertTrue(routed.isEmpty());
    }

    @Test
    void byteWrite_routesOnePirqAndTellsTheBoard() {
        piix3.configWrite(0x61, 1, 0x0A);

        assertEquals(0x0A, piix3.configRead(0x61, 1));
        assertEquals(10, piix3.routeOf(1));
        assertEquals(List.of("B=10"), routed);
    }

    @Test
    void dwordWrite_routesAllFourInOrder() {
        piix3.configWrite(0x60, 4, 0x0B0B_0A0A);

        assertEquals(List.of("A=10", "B=10", "C=11", "D=11"), routed);
    }

    @Test
    void reservedBits6to4_readZero() {
        piix3.configWrite(0x62, 1, 0x7B);

        assertEquals(0x0B, piix3.configRead(0x62, 1));
    }

    @Test
    void bit7_disablesARoute() {
        piix3.configWrite(0x63, 1, 0x05);

        piix3.configWrite(0x63, 1, 0x85);

        assertEquals(List.of("D=5", "D=-1"), routed);
    }

    @Test
    void reservedIrqValues_routeNowhere() {
        for (int irq : new int[] {0, 1, 2, 8, 13}) {
            piix3.configWrite(0x60, 1, irq);

            assertEquals(PirqRouteListener.NOT_ROUTED, piix3.routeOf(0), "IRQ " + irq);
        }
        assertTrue(routed.isEmpty());
    }

    @Test
    void rewritingTheSameRoute_isReportedOnce() {
        piix3.configWrite(0x60, 1, 0x0B);

        piix3.configWrite(0x60, 1, 0x0B);

        assertEquals(List.of("A=11"), routed);
    }

    @Test
    void programRoutes_withDefaults_routes10_10_11_11() {
        piix3.programRoutes(PirqRouting.defaultIsaIrqs());

        assertEquals(0x0B0B_0A0A, piix3.configRead(0x60, 4));
        assertEquals(List.of("A=10", "B=10", "C=11", "D=11"), routed);
    }

    @Test
    void reset_unroutesEveryPirq() {
        piix3.configWrite(0x60, 2, 0x0B0A);

        piix3.reset();

        assertEquals(0x8080_8080, piix3.configRead(0x60, 4));
        assertEquals(List.of("A=10", "B=11", "A=-1", "B=-1"), routed);
    }

    @Test
    void restoreState_reportsTheRestoredRoutes() {
        piix3.configWrite(0x63, 1, 0x0E);
        List<String> restored = new ArrayList<>();
        Piix3IsaBridge copy = new Piix3IsaBridge((pirq, irq) -> restored.add("ABCD".charAt(pirq) + "=" + irq));

        copy.restoreState(piix3.saveState());

        assertEquals(0x0E80_8080, copy.configRead(0x60, 4));
        assertEquals(List.of("D=14"), restored);
    }
}
