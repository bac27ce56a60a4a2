package dev.jefevm.devices.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.devices.bus.IoPortDevice;
import org.junit.jupiter.api.Test;

/** Offsets are from 0xCF8: 0 is CONFIG_ADDRESS, 4..7 are CONFIG_DATA at 0xCFC..0xCFF. */
class PciHostBridgeTest {

    /** Stands in for the PIIX3 Reset Control register at 0xCF9. */
    private static final class Latch implements IoPortDevice {
        int value = 0x5A;
        int writes;

        @Override
        public int read(int offset, int size) {
            return value;
        }

        @Override
        public void write(int offset, int size, int v) {
            value = v;
            writes++;
        }
    }

    private final PciBus bus = new PciBus();
    private final Latch resetControl = new Latch();
    private final PciHostBridge bridge = new PciHostBridge(bus, resetControl);

    PciHostBridgeTest() {
        bus.attach(0, 0, 0, I440fxPmc.create());
        bus.attach(0, 1, 0, new Piix3IsaBridge((pirq, irq) -> { }));
    }

    private static int address(int bus, int device, int function, int register) {
        return 0x8000_0000 | bus << 16 | device << 11 | function << 8 | register;
    }

    @Test
    void configAddress_readsBackWithReservedBitsZero() {
        bridge.write(0, 4, 0xFFFF_FFFF);

        assertEquals(0x80FF_FFFC, bridge.read(0, 4));
    }

    @Test
    void dwordData_readsHostBridgeIds() {
        bridge.write(0, 4, address(0, 0, 0, 0x00));

        assertEquals(0x1237_8086, bridge.read(4, 4));
    }

    @Test
    void byteAndWordData_useThePortsLowBitsAsRegisterOffset() {
        bridge.write(0, 4, address(0, 1, 0, 0x08));

        assertEquals(0x06, bridge.read(7, 1));
        assertEquals(0x0601, bridge.read(6, 2));
        assertEquals(0x00, bridge.read(5, 1));
    }

    @Test
    void byteDataWrite_atUnalignedPort_reachesThatRegisterByte() {
        bridge.write(0, 4, address(0, 1, 0, 0x60));

        bridge.write(6, 1, 0x0B);

        assertEquals(0x800B_8080, bridge.read(4, 4));
    }

    @Test
    void data_withEnableBitClear_readsAllOnesAndIgnoresWrites() {
        bridge.write(0, 4, address(0, 1, 0, 0x3C) & 0x7FFF_FFFF);

        bridge.write(4, 1, 0x0A);

        assertEquals(0xFFFF_FFFF, bridge.read(4, 4));
        bridge.write(0, 4, address(0, 1, 0, 0x3C));
        assertEquals(0x00, bridge.read(4, 1));
    }

    @Test
    void data_absentDevice_readsAllOnes() {
        bridge.write(0, 4, address(0, 5, 0, 0x00));

        assertEquals(0xFFFF_FFFF, bridge.read(4, 4));
        assertEquals(0xFFFF, bridge.read(6, 2));
    }

    @Test
    void data_absentFunctionOfPresentDevice_readsAllOnes() {
        bridge.write(0, 4, address(0, 1, 3, 0x00));

        assertEquals(0xFFFF, bridge.read(4, 2));
    }

    @Test
    void data_accessCrossingTheDword_isIgnored() {
        bridge.write(0, 4, address(0, 0, 0, 0x00));

        assertEquals(0xFFFF_FFFF, bridge.read(6, 4));
        assertEquals(1, bridge.ignoredAccesses());
    }

    @Test
    void byteWriteToCf8_passesThroughAndLeavesConfigAddressAlone() {
        bridge.write(0, 4, 0x8000_0000);

        bridge.write(3, 1, 0x01);
        bridge.write(0, 2, 0x1234);

        assertEquals(0x8000_0000, bridge.read(0, 4));
    }

    @Test
    void byteAccessToCf9_reachesResetControl() {
        bridge.write(1, 1, 0x02);

        assertEquals(1, resetControl.writes);
        assertEquals(0x02, bridge.read(1, 1));
    }

    @Test
    void wordReadAtCf8_combinesNothingAtCf8WithResetControlAtCf9() {
        assertEquals(0x5AFF, bridge.read(0, 2));
    }

    @Test
    void linuxType1Probe_seesConfigAddressLatch() {
        // The order Linux's pci_check_type1() uses: a byte to 0xCFB, then save/restore 0xCF8.
        bridge.write(3, 1, 0x01);
        int saved = bridge.read(0, 4);
        bridge.write(0, 4, 0x8000_0000);

        int probed = bridge.read(0, 4);
        bridge.write(0, 4, saved);

        assertEquals(0x8000_0000, probed);
        assertEquals(0, bridge.configAddress());
    }

    @Test
    void reset_disablesTranslation() {
        bridge.write(0, 4, address(0, 0, 0, 0));

        bridge.reset();

        assertEquals(0xFFFF_FFFF, bridge.read(4, 4));
    }

    @Test
    void restoreState_bringsBackConfigAddress() {
        bridge.write(0, 4, address(0, 1, 0, 0x08));
        PciHostBridge copy = new PciHostBridge(bus, resetControl);

        copy.restoreState(bridge.saveState());

        assertEquals(0x0601, copy.read(6, 2));
    }
}
