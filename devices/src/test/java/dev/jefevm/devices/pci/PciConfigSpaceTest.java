package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PciConfigSpaceTest {

    private final PciConfigSpace config = new PciConfigSpace();

    @Test
    void write_readOnlyBytes_keepTheirValue() {
        config.init(0x00, 4, 0x1237_8086);

        config.write(0x00, 4, 0);

        assertEquals(0x1237_8086, config.read(0x00, 4));
    }

    @Test
    void write_changesOnlyWritableBits() {
        config.init(0x40, 2, 0xA5A5);
        config.makeWritable(0x40, 2, 0x0FF0);

        config.write(0x40, 2, 0x1234);

        assertEquals(0xA235, config.read(0x40, 2));
    }

    @Test
    void write_oneToClearBit_clearsIt_zeroLeavesIt() {
        config.init(0x06, 2, 0xF000);
        config.makeWriteOneToClear(0x06, 2, 0xF000);

        config.write(0x06, 2, 0x2000);

        assertEquals(0xD000, config.read(0x06, 2));
    }

    @Test
    void read_isLittleEndianAtAnyByte() {
        config.init(0x08, 4, 0x0600_0002);

        assertEquals(0x06, config.read(0x0B, 1));
        assertEquals(0x0600, config.read(0x0A, 2));
    }

    @Test
    void accessPastTheEnd_readsZeroAndDropsWrites() {
        config.init(0xFE, 2, 0xBEEF);
        config.makeWritable(0xFC, 4, -1);

        config.write(0xFE, 4, 0x1234_5678);

        assertEquals(0x5678, config.read(0xFE, 4));
    }
}
