package dev.jefevm.devices.acpi;

import dev.jefevm.core.memory.PhysicalMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the board's ACPI tables (ACPI 6.5 chapter 5) and writes them into guest RAM: an RSDP
 * (revision 2, both checksums) pointing to an XSDT, whose first entry is a FADT (revision 6
 * layout, ACPI 6.5 table 5.9) naming the PM1a blocks (legacy and X_ GAS forms), the reset
 * register, the SCI, the CMOS century byte, the IA-PC legacy/8042 boot flags, a fixed-feature
 * power button and the FACS and DSDT, followed by the board's own tables (MADT, HPET). The
 * DSDT's AML defines {@code \_S5_}, the soft-off sleep type, followed by the board's device
 * description (see {@code PcDsdt}). HW_REDUCED_ACPI is clear, so the FACS that such a FADT
 * requires is present (64 bytes, 64-byte aligned). The tables lie one after another from the
 * base address, the DSDT last; {@link #MAX_SIZE} bounds the whole image.
 */
public final class AcpiTables {

    // Offsets from the base address; each table is 16-byte aligned, the FACS 64-byte aligned
    // (5.2.10). The board's own tables follow the FADT, then the DSDT, whose size varies.
    static final int RSDP_OFFSET = 0x000;
    static final int XSDT_OFFSET = 0x040;
    /** Bytes of guest RAM the tables may occupy from the base address. */
    public static final int MAX_SIZE = 0x4000;

    static final int HEADER_LENGTH = 36; // System Description Table Header (5.2.6)
    static final int RSDP_LENGTH = 36;   // 5.2.5.3

    static final int FACS_LENGTH = 64;   // 5.2.10
    static final int FADT_LENGTH = 276;  // table 5.9, revision 6

    // FADT Flags (table 5.10)
    static final int FLAG_WBINVD = 1, FLAG_SLP_BUTTON = 1 << 5,
            FLAG_RESET_REG_SUP = 1 << 10, FLAG_HW_REDUCED_ACPI = 1 << 20;
    // IA-PC boot architecture flags (table 5.11): ISA legacy devices, an 8042, no VGA registers.
    static final int IAPC_LEGACY_DEVICES = 1, IAPC_8042 = 1 << 1, IAPC_VGA_NOT_PRESENT = 1 << 2;
    /** FADT CENTURY: the CMOS RAM index of the century byte (ACPI 6.5 table 5.9). */
    static final int CMOS_CENTURY_INDEX = 0x32;
    // Generic Address Structure (table 5.1)
    static final int GAS_SYSTEM_IO = 1, ACCESS_BYTE = 1, ACCESS_WORD = 2;

    private static final byte[] OEM_ID = ascii("JEFEVM", 6);
    private static final byte[] OEM_TABLE_ID = ascii("JEFEVM  ", 8);
    private static final byte[] CREATOR_ID = ascii("JEFE", 4);

    private final AcpiHardware hardware;
    private final List<byte[]> extraTables;
    private final byte[] deviceAml;
    // Layout, fixed at construction: the XSDT lists the FADT and the extra tables.
    private final int facsOffset, fadtOffset, extraOffset, dsdtOffset, size;

    /** Tables for {@code hardware}: the XSDT lists only the FADT; the DSDT holds only {@code \_S5_}. */
    public AcpiTables(AcpiHardware hardware) {
        this(hardware, List.of(), new byte[0]);
    }

    /** Tables for {@code hardware} whose XSDT also lists {@code extraTables}, with no device AML. */
    public AcpiTables(AcpiHardware hardware, List<byte[]> extraTables) {
        this(hardware, extraTables, new byte[0]);
    }

    /**
     * Tables for {@code hardware} whose XSDT also lists {@code extraTables} (complete, checksummed
     * tables such as the MADT and HPET table), in that order, and whose DSDT holds {@code \_S5_}
     * followed by {@code deviceAml} (a TermList in the root scope).
     */
    public AcpiTables(AcpiHardware hardware, List<byte[]> extraTables, byte[] deviceAml) {
        this.hardware = hardware;
        this.extraTables = List.copyOf(extraTables);
        this.deviceAml = deviceAml.clone();
        int xsdtEnd = XSDT_OFFSET + HEADER_LENGTH + 8 * (1 + extraTables.size());
        this.facsOffset = align(xsdtEnd, 64);
        this.fadtOffset = align16(facsOffset + FACS_LENGTH);
        int at = align16(fadtOffset + FADT_LENGTH);
        this.extraOffset = at;
        for (byte[] t : extraTables) {
            at = align16(at + t.length);
        }
        this.dsdtOffset = at;
        this.size = dsdtOffset + HEADER_LENGTH + s5Aml().length + deviceAml.length;
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("the board's ACPI tables (" + size + " bytes) do not fit in 0x"
                    + Integer.toHexString(MAX_SIZE));
        }
    }

    private static int align(int n, int to) {
        return (n + to - 1) & -to;
    }

    private static int align16(int n) {
        return align(n, 16);
    }

    /** Bytes the image occupies from the base address. */
    public int size() {
        return size;
    }

    /**
     * Writes the tables at physical {@code base} (which must be 16-byte aligned RAM) and returns
     * the RSDP's physical address.
     */
    public long install(PhysicalMemory memory, long base) {
        byte[] image = build(base);
        if ((base & 0xF) != 0 || !memory.isRam(base, image.length)) {
            throw new IllegalArgumentException("ACPI tables need 16-byte aligned RAM at 0x" + Long.toHexString(base));
        }
        memory.writeBytes(base, image, 0, image.length);
        return base + RSDP_OFFSET;
    }

    /** The table image as it would sit at physical {@code base}. */
    public byte[] build(long base) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        long[] entries = new long[1 + extraTables.size()];
        entries[0] = base + fadtOffset;
        int at = extraOffset;
        for (int i = 0; i < extraTables.size(); i++) {
            byte[] t = extraTables.get(i);
            b.put(at, t);
            entries[i + 1] = base + at;
            at = align16(at + t.length);
        }
        writeXsdt(b, entries);
        writeFacs(b);
        writeFadt(b, base + facsOffset, base + dsdtOffset);
        writeDsdt(b);
        writeRsdp(b, base + XSDT_OFFSET);
        return b.array();
    }

    /** The complete DSDT (header, checksum and AML), as it sits in the image. */
    public byte[] dsdtTable() {
        byte[] image = build(0);
        return Arrays.copyOfRange(image, dsdtOffset, size);
    }

    /** The DSDT's AML: {@code Name(_S5_, Package() {5, 5, 0, 0})} (ACPI 6.5 20.2.5.1 and 20.2.5.4). */
    public byte[] s5Aml() {
        int typ = hardware.s5SleepType();
        return new byte[] {
            0x08,                   // NameOp
            '_', 'S', '5', '_',     // NameSeg
            0x12,                   // PackageOp
            0x08,                   // PkgLength: one byte, counts itself and the 7 bytes after it
            0x04,                   // NumElements
            0x0A, (byte) typ,       // BytePrefix SLP_TYPa
            0x0A, (byte) typ,       // BytePrefix SLP_TYPb
            0x00,                   // ZeroOp (reserved)
            0x00                    // ZeroOp (reserved)
        };
    }

    // RSDP (5.2.5.3): checksum covers the first 20 bytes (the ACPI 1.0 part), the extended one all 36.
    private void writeRsdp(ByteBuffer b, long xsdtAddress) {
        int o = RSDP_OFFSET;
        b.position(o);
        b.put(ascii("RSD PTR ", 8));
        b.put((byte) 0);                // checksum, below
        b.put(OEM_ID);
        b.put((byte) 2);                // revision: ACPI 2.0 or later
        b.putInt(0);                    // RsdtAddress: no RSDT, the XSDT is authoritative
        b.putInt(RSDP_LENGTH);
        b.putLong(xsdtAddress);
        b.put((byte) 0);                // extended checksum, below
        b.put(new byte[3]);
        b.put(o + 8, checksum(b, o, 20));
        b.put(o + 32, checksum(b, o, RSDP_LENGTH));
    }

    private static void writeXsdt(ByteBuffer b, long[] entries) {
        int length = HEADER_LENGTH + 8 * entries.length;
        header(b, XSDT_OFFSET, "XSDT", length, 1);
        for (int i = 0; i < entries.length; i++) {
            b.putLong(XSDT_OFFSET + HEADER_LENGTH + 8 * i, entries[i]);
        }
        seal(b, XSDT_OFFSET, length);
    }

    // FACS (5.2.10, table 5.13): no checksum; no waking vector, no global lock in use.
    private void writeFacs(ByteBuffer b) {
        int o = facsOffset;
        b.position(o);
        b.put(ascii("FACS", 4));
        b.putInt(FACS_LENGTH);
        b.putInt(0);                    // hardware signature
        b.putInt(0);                    // firmware waking vector
        b.putInt(0);                    // global lock
        b.putInt(0);                    // flags
        b.putLong(0);                   // X firmware waking vector
        b.put((byte) 2);                // version
    }

    private void writeFadt(ByteBuffer b, long facsAddress, long dsdtAddress) {
        int o = fadtOffset;
        header(b, o, "FACP", FADT_LENGTH, 6);
        b.putInt(o + 36, (int) facsAddress);              // FIRMWARE_CTRL
        b.putInt(o + 40, (int) dsdtAddress);              // DSDT
        b.put(o + 45, (byte) 0);                          // Preferred_PM_Profile: unspecified
        b.putShort(o + 46, (short) hardware.sciInterrupt()); // SCI_INT
        b.putInt(o + 48, 0);                              // SMI_CMD: 0, always in ACPI mode
        b.putInt(o + 56, hardware.pm1aEventPort());       // PM1a_EVT_BLK
        b.putInt(o + 64, hardware.pm1aControlPort());     // PM1a_CNT_BLK
        b.put(o + 88, (byte) hardware.pm1aEventLength()); // PM1_EVT_LEN
        b.put(o + 89, (byte) hardware.pm1aControlLength()); // PM1_CNT_LEN
        b.put(o + 108, (byte) CMOS_CENTURY_INDEX);        // CENTURY
        b.putShort(o + 109, (short) (IAPC_LEGACY_DEVICES | IAPC_8042 | IAPC_VGA_NOT_PRESENT)); // IAPC_BOOT_ARCH
        // Flags: HW_REDUCED_ACPI stays clear: this is fixed-hardware ACPI with PM1 blocks. PWR_BUTTON
        // clear = a fixed-feature power button (PM1 PWRBTN_STS); SLP_BUTTON set = no sleep button.
        b.putInt(o + 112, FLAG_WBINVD | FLAG_SLP_BUTTON | FLAG_RESET_REG_SUP);
        gas(b, o + 116, 8, ACCESS_BYTE, hardware.resetPort()); // RESET_REG
        b.put(o + 128, (byte) hardware.resetValue());     // RESET_VALUE
        b.put(o + 131, (byte) 0);                         // FADT minor version
        b.putLong(o + 132, facsAddress);                  // X_FIRMWARE_CTRL
        b.putLong(o + 140, dsdtAddress);                  // X_DSDT
        gas(b, o + 148, 8 * hardware.pm1aEventLength(), ACCESS_WORD, hardware.pm1aEventPort());     // X_PM1a_EVT_BLK
        gas(b, o + 172, 8 * hardware.pm1aControlLength(), ACCESS_WORD, hardware.pm1aControlPort()); // X_PM1a_CNT_BLK
        b.put(o + 268, ascii("JefeVM  ", 8));             // Hypervisor Vendor Identity
        seal(b, o, FADT_LENGTH);
    }

    private void writeDsdt(ByteBuffer b) {
        byte[] s5 = s5Aml();
        int length = HEADER_LENGTH + s5.length + deviceAml.length;
        header(b, dsdtOffset, "DSDT", length, 2); // revision 2: 64-bit AML integers
        b.put(dsdtOffset + HEADER_LENGTH, s5);
        b.put(dsdtOffset + HEADER_LENGTH + s5.length, deviceAml);
        seal(b, dsdtOffset, length);
    }

    // System Description Table Header (5.2.6, table 5.4); the checksum is filled in by seal().
    private static void header(ByteBuffer b, int o, String signature, int length, int revision) {
        b.put(o, ascii(signature, 4));
        b.putInt(o + 4, length);
        b.put(o + 8, (byte) revision);
        b.put(o + 9, (byte) 0);
        b.put(o + 10, OEM_ID);
        b.put(o + 16, OEM_TABLE_ID);
        b.putInt(o + 24, 1);            // OEM revision
        b.put(o + 28, CREATOR_ID);
        b.putInt(o + 32, 1);            // creator revision
    }

    private static void seal(ByteBuffer b, int o, int length) {
        b.put(o + 9, checksum(b, o, length));
    }

    // Generic Address Structure (5.2.3.2) in system I/O space.
    private static void gas(ByteBuffer b, int o, int bitWidth, int accessSize, int port) {
        b.put(o, (byte) GAS_SYSTEM_IO);
        b.put(o + 1, (byte) bitWidth);
        b.put(o + 2, (byte) 0);
        b.put(o + 3, (byte) accessSize);
        b.putLong(o + 4, port);
    }

    /** The byte that makes {@code length} bytes from {@code o} sum to zero (mod 256). */
    static byte checksum(ByteBuffer b, int o, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += b.get(o + i);
        }
        return (byte) -sum;
    }

    private static byte[] ascii(String s, int length) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != length) {
            throw new IllegalArgumentException("'" + s + "' is not " + length + " bytes");
        }
        return bytes;
    }
}
