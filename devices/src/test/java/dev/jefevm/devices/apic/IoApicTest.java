package dev.jefevm.devices.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IoApicTest {

    private final LocalApic lapic = new LocalApic(0, VirtualClock.deterministic());
    private final IoApic ioapic = new IoApic(1, lapic);

    @BeforeEach
    void wire() {
        lapic.setEoiBroadcast(ioapic::eoi);
        lapic.write(0xF0, 4, 0x1FF);
    }

    private void writeRegister(int index, long value) {
        ioapic.write(0x00, 4, index);
        ioapic.write(0x10, 4, value);
    }

    private int readRegister(int index) {
        ioapic.write(0x00, 4, index);
        return (int) ioapic.read(0x10, 4);
    }

    private void route(int pin, long low, int destination) {
        writeRegister(0x11 + 2 * pin, (long) destination << 24);
        writeRegister(0x10 + 2 * pin, low);
    }

    private void eoi() {
        lapic.write(0xB0, 4, 0);
    }

    @Test
    void identificationRegisters_readAsTheDatasheetSays() {
        assertEquals(1 << 24, readRegister(0x00));
        assertEquals(0x0017_0011, readRegister(0x01));
        assertEquals(1 << 24, readRegister(0x02));
        assertEquals((int) IoApic.MASKED, readRegister(0x10), "entries come out of reset masked");
    }

    @Test
    void id_keepsOnlyBits27to24() {
        writeRegister(0x00, 0xFF00_0000L);

        assertEquals(0x0F00_0000, readRegister(0x00));
    }

    @Test
    void redirectionEntry_readsBackWritableBitsOnly() {
        writeRegister(0x12, 0xFFFF_FFFFL);
        writeRegister(0x13, 0xFFFF_FFFFL);

        assertEquals(0x1AFFF, readRegister(0x12), "delivery status and remote IRR are read-only");
        assertEquals(0xFF00_0000, readRegister(0x13));
    }

    @Test
    void edgeInput_deliversOnRisingEdgeOnly() {
        route(4, 0x34, 0);

        ioapic.line(4).set(true);
        assertEquals(0x34, lapic.acknowledge());
        eoi();
        ioapic.line(4).set(true);

        assertFalse(lapic.interruptPending(), "a held level is not a new edge");
    }

    @Test
    void maskedEdge_isLost() {
        route(4, IoApic.MASKED | 0x34, 0);
        ioapic.line(4).set(true);
        ioapic.line(4).set(false);

        route(4, 0x34, 0);

        assertFalse(lapic.interruptPending());
    }

    @Test
    void levelInput_setsRemoteIrrUntilEoiThenRedeliversWhileAsserted() {
        route(9, IoApic.LEVEL | IoApic.ACTIVE_LOW | 0x39, 0);
        ioapic.line(9).set(true);
        assertEquals(0x39, lapic.acknowledge());
        assertTrue((readRegister(0x10 + 18) & IoApic.REMOTE_IRR) != 0);
        assertFalse(lapic.interruptPending(), "remote IRR blocks a second message");

        eoi();

        assertTrue((readRegister(0x10 + 18) & IoApic.REMOTE_IRR) != 0, "still asserted: delivered again");
        assertEquals(0x39, lapic.acknowledge());
        ioapic.line(9).set(false);
        eoi();
        assertEquals(0, readRegister(0x10 + 18) & IoApic.REMOTE_IRR);
        assertFalse(lapic.interruptPending());
    }

    @Test
    void unmaskingAssertedLevelInput_delivers() {
        route(11, IoApic.MASKED | IoApic.LEVEL | 0x3B, 0);
        ioapic.line(11).set(true);
        assertFalse(lapic.interruptPending());

        route(11, IoApic.LEVEL | 0x3B, 0);

        assertEquals(0x3B, lapic.acknowledge());
    }

    @Test
    void destinationNotMatchingTheLocalApic_isDropped() {
        route(1, 0x31, 3);

        ioapic.line(1).set(true);

        assertFalse(lapic.interruptPending());
    }

    @Test
    void nmiDeliveryMode_raisesNmi() {
        route(2, (LocalApic.NMI << 8) | 0x02, 0);

        ioapic.line(2).set(true);

        assertTrue(lapic.nmiPending());
    }

    @Test
    void extIntDeliveryMode_asksForThePicVector() {
        route(0, LocalApic.EXT_INT << 8, 0);

        ioapic.line(0).set(true);

        assertTrue(lapic.extIntPending());
    }

    @Test
    void badOffsetsAndWidths_areIgnoredAndCounted() {
        ioapic.write(0x04, 4, 1);
        ioapic.read(0x10, 2);
        writeRegister(0x40, 1);

        assertEquals(3, ioapic.ignoredAccesses());
    }
}
