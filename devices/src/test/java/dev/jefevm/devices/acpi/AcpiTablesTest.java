package dev.jefevm.devices.acpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads the installed tables back the way an OS would: RSDP -> XSDT -> FADT -> DSDT. */
class AcpiTablesTest {

    private static final long BASE = 0xE0000;
    private final PhysicalMemory memory = new PhysicalMemory(2 << 20);
    private long rsdp;

    @BeforeEach
    void install() {
        AcpiHardware hw = new AcpiHardware(0x600, 4, 0x604, 2, 0xCF9, 0x06, 9, 5);
        rsdp = new AcpiTables(hw).install(memory, BASE);
    }

    private String signature(long at, int length) {
        byte[] b = new byte[length];
        memory.readBytes(at, b, 0, length);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private int sum(long at, int length) {
        int s = 0;
        for (int i = 0; i < length; i++) {
            s += memory.read8(at + i);
        }
        return s & 0xFF;
    }

    private long fadt() {
        long xsdt = memory.read64(rsdp + 24);
        return memory.read64(xsdt + 36);
    }

    @Test
    void rsdp_isAtBoardAddressWithRevision2AndBothChecksums() {
        assertEquals(BASE, rsdp);
        assertEquals("RSD PTR ", signature(rsdp, 8));
        assertEquals(2, memory.read8(rsdp + 15));
        assertEquals(36, memory.read32(rsdp + 20));
        assertEquals(0, sum(rsdp, 20));
        assertEquals(0, sum(rsdp, 36));
    }

    @Test
    void xsdt_listsTheFadtAndChecksums() {
        long xsdt = memory.read64(rsdp + 24);
        int length = memory.read32(xsdt + 4);

        assertEquals("XSDT", signature(xsdt, 4));
        assertEquals(44, length);
        assertEquals(0, sum(xsdt, length));
        assertEquals("FACP", signature(fadt(), 4));
    }

    @Test
    void fadt_isRevision6WithPm1aBlocksAndChecksum() {
        long f = fadt();
        int length = memory.read32(f + 4);

        assertEquals(276, length);
        assertEquals(6, memory.read8(f + 8));
        assertEquals(0, sum(f, length));
        assertEquals(0x600, memory.read32(f + 56));
        assertEquals(0x604, memory.read32(f + 64));
        assertEquals(4, memory.read8(f + 88));
        assertEquals(2, memory.read8(f + 89));
    }

    @Test
    void fadt_extendedPm1aBlocksAreSystemIoGas() {
        long f = fadt();

        assertEquals(1, memory.read8(f + 148));      // X_PM1a_EVT_BLK: system I/O
        assertEquals(32, memory.read8(f + 149));
        assertEquals(0x600, memory.read64(f + 152));
        assertEquals(1, memory.read8(f + 172));      // X_PM1a_CNT_BLK
        assertEquals(16, memory.read8(f + 173));
        assertEquals(0x604, memory.read64(f + 176));
    }

    @Test
    void fadt_resetRegisterIsPortCf9WithValue6AndSupportedFlag() {
        long f = fadt();
        int flags = memory.read32(f + 112);

        assertEquals(1, memory.read8(f + 116));
        assertEquals(8, memory.read8(f + 117));
        assertEquals(0xCF9, memory.read64(f + 120));
        assertEquals(0x06, memory.read8(f + 128));
        assertEquals(1 << 10, flags & (1 << 10));   // RESET_REG_SUP
        assertEquals(0, flags & (1 << 20));         // HW_REDUCED_ACPI clear
    }

    @Test
    void fadt_dsdtPointersAgree_andFacsIsPresentAndAligned() {
        long f = fadt();
        long dsdt = memory.read64(f + 140);
        long facs = memory.read64(f + 132);

        assertEquals(dsdt, memory.read32(f + 40) & 0xFFFF_FFFFL);
        assertEquals(facs, memory.read32(f + 36) & 0xFFFF_FFFFL);
        assertEquals("FACS", signature(facs, 4));
        assertEquals(0, facs & 63);
    }

    @Test
    void dsdt_holdsOnlyTheS5PackageAml() {
        long dsdt = memory.read64(fadt() + 140);
        int length = memory.read32(dsdt + 4);
        byte[] aml = new byte[length - 36];
        memory.readBytes(dsdt + 36, aml, 0, aml.length);

        assertEquals("DSDT", signature(dsdt, 4));
        assertEquals(0, sum(dsdt, length));
        assertArrayEquals(new byte[] {0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0A, 0x05, 0x0A, 0x05, 0x00, 0x00},
                aml);
    }

    @Test
    void fadt_namesCenturyByteLegacyDevicesAnd8042AndFixedPowerButton() {
        long fadt = fadt();

        assertEquals(0x32, memory.read8(fadt + 108));
        assertEquals(0b111, memory.read16(fadt + 109) & 0b111);
        assertEquals(0, memory.read32(fadt + 112) & (1 << 4)); // PWR_BUTTON clear: fixed-feature button
    }

    @Test
    void extraTables_areListedAfterTheFadtAndCopiedWhole() {
        AcpiHardware hw = new AcpiHardware(0x600, 4, 0x604, 2, 0xCF9, 0x06, 9, 5);
        byte[] table = new byte[40];
        table[0] = 'T';
        table[1] = 'E';
        table[2] = 'S';
        table[3] = 'T';
        long at = new AcpiTables(hw, java.util.List.of(table)).install(memory, BASE);
        long xsdt = memory.read64(at + 24);

        assertEquals(52, memory.read32(xsdt + 4));
        assertEquals(0, sum(xsdt, 52));
        assertEquals("TEST", signature(memory.read64(xsdt + 44), 4));
    }

    @Test
    void dsdt_holdsS5ThenTheDeviceAml_lastInTheImage() {
        AcpiHardware hw = new AcpiHardware(0x600, 4, 0x604, 2, 0xCF9, 0x06, 9, 5);
        byte[] deviceAml = new byte[3000];
        deviceAml[0] = 0x10; // arbitrary bytes: only their placement matters here
        deviceAml[2999] = 0x7F;
        AcpiTables tables = new AcpiTables(hw, java.util.List.of(new byte[40]), deviceAml);
        long at = tables.install(memory, BASE);
        long xsdt = memory.read64(at + 24);
        long dsdt = memory.read64(memory.read64(xsdt + 36) + 140);
        int length = memory.read32(dsdt + 4);

        assertEquals(36 + 14 + 3000, length);
        assertEquals(0, sum(dsdt, length));
        assertEquals('_', memory.read8(dsdt + 36 + 1));          // \_S5_ first
        assertEquals(0x10, memory.read8(dsdt + 36 + 14));
        assertEquals(BASE + tables.size(), dsdt + length);       // the DSDT ends the image
        assertEquals(true, memory.read64(xsdt + 44) + 40 <= dsdt); // the extra table lies before it
    }
}
