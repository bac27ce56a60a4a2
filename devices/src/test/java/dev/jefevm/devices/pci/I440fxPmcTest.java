package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class I440fxPmcTest {

    private final PciType0Function pmc = I440fxPmc.create();

    @Test
    void identity_isIntel1237HostBridge() {
        assertEquals(0x1237_8086, pmc.configRead(0x00, 4));
        assertEquals(0x0600_0002, pmc.configRead(0x08, 4));
        assertEquals(0x00, pmc.configRead(0x0E, 1));
    }

    @Test
    void commandAndStatus_havePowerOnValues() {
        assertEquals(0x0280_0006, pmc.configRead(0x04, 4));
    }
}
