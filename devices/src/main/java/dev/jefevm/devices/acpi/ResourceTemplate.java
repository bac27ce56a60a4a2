package dev.jefevm.devices.acpi;

import java.io.ByteArrayOutputStream;

/**
 * Builds a resource-template buffer for _CRS and _PRS (ACPI 6.5 6.4, "Resource Data Types for
 * ACPI"): the small IO (6.4.2.5), IRQ (6.4.2.1) and End Tag (6.4.2.9) descriptors and the large
 * Fixed Memory 32 (6.4.3.4), Word (6.4.3.5.3) and DWord (6.4.3.5.2) Address Space descriptors,
 * each little-endian. {@link #toBuffer()} closes the list with an End Tag (checksum 0: "treat as
 * correct") and wraps it in an AML Buffer.
 */
public final class ResourceTemplate {

    // 6.4.2: small item tags are 0 (bit 7), item name bits 6:3, length bits 2:0.
    private static final int IRQ_TAG = 0x04 << 3, IO_TAG = 0x08 << 3, END_TAG = (0x0F << 3) | 1;
    // 6.4.3: large item tags.
    private static final int MEMORY32_FIXED_TAG = 0x86, DWORD_ADDRESS_TAG = 0x87, WORD_ADDRESS_TAG = 0x88;
    // 6.4.3.5.5 table 6.50: Resource Type.
    private static final int TYPE_MEMORY = 0, TYPE_IO = 1, TYPE_BUS_NUMBER = 2;
    // General Flags: bit 3 _MAF, bit 2 _MIF (fixed max/min), bit 1 _DEC = 0 (positive), bit 0 consumer.
    private static final int PRODUCER_FIXED = 0x0C;
    /** IO type-specific flags, bits 1:0 _RNG = 3: the window covers ISA and non-ISA ports. */
    private static final int IO_ENTIRE_RANGE = 0x03;
    /** Memory type-specific flags: bit 0 _RW = read/write, bits 2:1 _MEM = 0 non-cacheable. */
    private static final int MEMORY_READ_WRITE_NON_CACHEABLE = 0x01;
    // 6.4.2.1 IRQ information byte: bit 0 _HE (edge), bit 3 _LL (active low), bit 4 _SHR (shared).
    private static final int IRQ_LEVEL_ACTIVE_LOW_SHARED = (1 << 3) | (1 << 4);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** {@code IO(Decode16, base, base, 1, length)}: a fixed range of {@code length} ports. */
    public ResourceTemplate io(int base, int length) {
        put(IO_TAG | 7, 0x01); // information: bit 0 = 16-bit decode
        put16(base);
        put16(base);
        put(1, length);        // alignment, length
        return this;
    }

    /** {@code IRQNoFlags() { irqs }}: edge triggered, active high, exclusive. */
    public ResourceTemplate irqNoFlags(int... irqs) {
        put(IRQ_TAG | 2);
        put16(mask(irqs));
        return this;
    }

    /** {@code IRQ(Level, ActiveLow, Shared) { irqs }}: what a PCI interrupt link offers or uses. */
    public ResourceTemplate irqLevelActiveLowShared(int... irqs) {
        put(IRQ_TAG | 3);
        put16(mask(irqs));
        put(IRQ_LEVEL_ACTIVE_LOW_SHARED);
        return this;
    }

    /** {@code Memory32Fixed(ReadOnly|ReadWrite, base, length)}. */
    public ResourceTemplate memory32Fixed(boolean writable, long base, long length) {
        put(MEMORY32_FIXED_TAG);
        put16(9);
        put(writable ? 1 : 0);
        put32(base);
        put32(length);
        return this;
    }

    /** {@code WordBusNumber(ResourceProducer, MinFixed, MaxFixed, PosDecode, 0, min, max, 0, count)}. */
    public ResourceTemplate wordBusNumber(int min, int max) {
        put(WORD_ADDRESS_TAG);
        put16(13);
        put(TYPE_BUS_NUMBER, PRODUCER_FIXED, 0);
        put16(0);               // granularity
        put16(min);
        put16(max);
        put16(0);               // translation offset
        put16(max - min + 1);
        return this;
    }

    /** {@code DWordIO(ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0, min, max, 0, length)}. */
    public ResourceTemplate dwordIo(long min, long max) {
        return dwordAddress(TYPE_IO, IO_ENTIRE_RANGE, min, max);
    }

    /**
     * {@code DWordMemory(ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite,
     * 0, min, max, 0, length)}.
     */
    public ResourceTemplate dwordMemory(long min, long max) {
        return dwordAddress(TYPE_MEMORY, MEMORY_READ_WRITE_NON_CACHEABLE, min, max);
    }

    private ResourceTemplate dwordAddress(int type, int typeFlags, long min, long max) {
        put(DWORD_ADDRESS_TAG);
        put16(23);
        put(type, PRODUCER_FIXED, typeFlags);
        put32(0);               // granularity
        put32(min);
        put32(max);
        put32(0);               // translation offset
        put32(max - min + 1);
        return this;
    }

    /** The descriptors and an End Tag, without the Buffer wrapper. */
    public byte[] toBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(out.toByteArray());
        b.write(END_TAG);
        b.write(0);
        return b.toByteArray();
    }

    /** {@code ResourceTemplate() { ... }}: the descriptors as an AML Buffer. */
    public AmlBuilder.Term toBuffer() {
        return Aml.buffer(toBytes());
    }

    private static int mask(int... irqs) {
        int m = 0;
        for (int irq : irqs) {
            if (irq < 0 || irq > 15) {
                throw new IllegalArgumentException("not an ISA IRQ: " + irq);
            }
            m |= 1 << irq;
        }
        return m;
    }

    private void put(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
    }

    private void put16(int v) {
        put(v & 0xFF, (v >>> 8) & 0xFF);
    }

    private void put32(long v) {
        put16((int) (v & 0xFFFF));
        put16((int) ((v >>> 16) & 0xFFFF));
    }
}
