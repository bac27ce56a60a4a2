package dev.jefevm.devices.ata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Piix3IdeConfigTest {

    private final IdeHarness h = new IdeHarness(null);

    @Test
    void identity_isPiix3IdeWithBusMasterClassCode() {
        assertEquals(0x7010_8086, h.ide.configRead(0x00, 4));
        assertEquals(0x0101_8000, h.ide.configRead(0x08, 4));
        assertEquals(0, h.ide.configRead(0x3D, 1));
    }

    @Test
    void bar4_sizesAs16BytesOfIoSpace() {
        h.ide.configWrite(Piix3Ide.BAR4, 4, 0xFFFF_FFFF);

        assertEquals(0xFFFF_FFF1, h.ide.configRead(Piix3Ide.BAR4, 4));
    }

    @Test
    void firmwareSetup_placesBar4AndEnablesDecode() {
        assertEquals(IdeHarness.BUS_MASTER_BASE | 1, h.ide.configRead(Piix3Ide.BAR4, 4));
        assertEquals(Piix3Ide.IDETIM_DECODE_ENABLE, h.ide.configRead(Piix3Ide.IDETIM_PRIMARY, 2));
        assertEquals(Piix3Ide.IDETIM_DECODE_ENABLE, h.ide.configRead(Piix3Ide.IDETIM_SECONDARY, 2));
    }

    @Test
    void legacyBars_readZero() {
        for (int bar = 0x10; bar < 0x20; bar += 4) {
            assertEquals(0, h.ide.configRead(bar, 4));
        }
    }
}
