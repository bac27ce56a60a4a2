package dev.jefevm.devices.apic;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the ACPI Multiple APIC Description Table (ACPI 6.5 section 5.2.12, signature "APIC",
 * revision 5): the local APIC address and PCAT_COMPAT flag, then the interrupt controller
 * structures the board adds: processor local APICs (5.2.12.2), I/O APICs (5.2.12.3), interrupt
 * source overrides (5.2.12.5) and local APIC NMI sources (5.2.12.7). {@link #forPc} gives the
 * layout of a single-processor PC with one I/O APIC.
 */
public final class Madt {

    /** MADT flags bit 0 (ACPI 5.2.12): the board also has dual 8259 PICs. */
    public static final int PCAT_COMPAT = 1;

    // MPS INTI flags (ACPI 5.2.12.5): polarity in bits 1:0, trigger mode in bits 3:2
    public static final int ACTIVE_HIGH = 0b01, ACTIVE_LOW = 0b11, EDGE = 0b01 << 2, LEVEL = 0b11 << 2;

    static final int HEADER_LENGTH = 36, REVISION = 5;
    static final int TYPE_LOCAL_APIC = 0, TYPE_IO_APIC = 1, TYPE_SOURCE_OVERRIDE = 2, TYPE_LOCAL_APIC_NMI = 4;
    /** The processor UID in a local APIC NMI structure that means "every processor". */
    public static final int ALL_PROCESSORS = 0xFF;

    private final long localApicAddress;
    private final int flags;
    private final ByteArrayOutputStream structures = new ByteArrayOutputStream();

    /** A table with the given 32-bit local APIC address and MADT flags. */
    public Madt(long localApicAddress, int flags) {
        this.localApicAddress = localApicAddress;
        this.flags = flags;
    }

    /**
     * The MADT of a one-processor PC: processor UID 0 with local APIC {@code apicId} at
     * {@code localApicAddress}, one I/O APIC at GSI base 0, ISA IRQ 0 (the 8254) overridden to
     * GSI 2 edge-triggered, the SCI at ISA IRQ {@code sciIrq} level-triggered active-low
     * (ACPI 5.2.12.5: the SCI is shareable, level, active-low), and NMI on LINT1 for every processor.
     */
    public static byte[] forPc(int apicId, long localApicAddress, int ioApicId, long ioApicAddress, int sciIrq) {
        return new Madt(localApicAddress, PCAT_COMPAT)
                .localApic(0, apicId, true)
                .ioApic(ioApicId, ioApicAddress, 0)
                .interruptSourceOverride(0, 2, ACTIVE_HIGH | EDGE)
                .interruptSourceOverride(sciIrq, sciIrq, ACTIVE_LOW | LEVEL)
                .localApicNmi(ALL_PROCESSORS, ACTIVE_HIGH | EDGE, 1)
                .build();
    }

    /** Processor Local APIC structure (5.2.12.2): flags bit 0 = enabled. */
    public Madt localApic(int processorUid, int apicId, boolean enabled) {
        ByteBuffer b = structure(TYPE_LOCAL_APIC, 8);
        b.put((byte) processorUid).put((byte) apicId).putInt(enabled ? 1 : 0);
        return add(b);
    }

    /** I/O APIC structure (5.2.12.3). */
    public Madt ioApic(int ioApicId, long address, int gsiBase) {
        ByteBuffer b = structure(TYPE_IO_APIC, 12);
        b.put((byte) ioApicId).put((byte) 0).putInt((int) address).putInt(gsiBase);
        return add(b);
    }

    /** Interrupt Source Override structure (5.2.12.5) for ISA bus 0. */
    public Madt interruptSourceOverride(int isaIrq, int gsi, int intiFlags) {
        ByteBuffer b = structure(TYPE_SOURCE_OVERRIDE, 10);
        b.put((byte) 0).put((byte) isaIrq).putInt(gsi).putShort((short) intiFlags);
        return add(b);
    }

    /** Local APIC NMI structure (5.2.12.7). */
    public Madt localApicNmi(int processorUid, int intiFlags, int lint) {
        ByteBuffer b = structure(TYPE_LOCAL_APIC_NMI, 6);
        b.put((byte) processorUid).putShort((short) intiFlags).put((byte) lint);
        return add(b);
    }

    /** The complete table with its checksum (ACPI 5.2.6: all bytes sum to zero). */
    public byte[] build() {
        byte[] body = structures.toByteArray();
        int length = HEADER_LENGTH + 8 + body.length;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("APIC")).putInt(length).put((byte) REVISION).put((byte) 0);
        b.put(ascii("JEFEVM")).put(ascii("JEFEVM  ")).putInt(1);  // OEM ID, OEM table ID, OEM revision
        b.put(ascii("JEFE")).putInt(1);                            // creator ID and revision
        b.putInt((int) localApicAddress).putInt(flags);
        b.put(body);
        byte[] table = b.array();
        int sum = 0;
        for (byte x : table) {
            sum += x;
        }
        table[9] = (byte) -sum;
        return table;
    }

    private static ByteBuffer structure(int type, int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN).put((byte) type).put((byte) length);
    }

    private Madt add(ByteBuffer b) {
        structures.write(b.array(), 0, b.capacity());
        return this;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
