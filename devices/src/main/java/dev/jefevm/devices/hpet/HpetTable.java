package dev.jefevm.devices.hpet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The ACPI "HPET" description table (IA-PC HPET 1.0a, 3.2.4 table 3): the standard header, the
 * Event Timer Block ID (the low half of the capabilities register), the block's base address as a
 * Generic Address Structure in system memory, the HPET sequence number and the minimum periodic
 * tick, with the checksum set so the table sums to zero.
 */
public final class HpetTable {

    static final int LENGTH = 56;
    private static final int HEADER_LENGTH = 36;
    private static final int GAS_SYSTEM_MEMORY = 0;

    private HpetTable() {
    }

    /**
     * The table for the HPET block at physical {@code baseAddress}: number {@code hpetNumber}
     * (0 for the first), with {@code minimumTick} the smallest periodic period in counter ticks
     * the OS should program without losing interrupts.
     */
    public static byte[] bytes(long baseAddress, int hpetNumber, int minimumTick) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        // System Description Table Header (ACPI 6.5, 5.2.6 table 5.4).
        b.put(0, "HPET".getBytes(StandardCharsets.US_ASCII));
        b.putInt(4, LENGTH);
        b.put(8, (byte) 1);                 // revision
        b.put(10, "JEFEVM".getBytes(StandardCharsets.US_ASCII));
        b.put(16, "JEFEVM  ".getBytes(StandardCharsets.US_ASCII));
        b.putInt(24, 1);                    // OEM revision
        b.put(28, "JEFE".getBytes(StandardCharsets.US_ASCII));
        b.putInt(32, 1);                    // creator revision
        b.putInt(HEADER_LENGTH, Hpet.eventTimerBlockId());
        // Base address: Generic Address Structure (ACPI 5.2.3.2), 64-bit registers in memory.
        b.put(40, (byte) GAS_SYSTEM_MEMORY);
        b.put(41, (byte) 64);               // register bit width
        b.put(42, (byte) 0);                // bit offset
        b.put(43, (byte) 0);                // access size: undefined (legacy reason), as HPET tables use
        b.putLong(44, baseAddress);
        b.put(52, (byte) hpetNumber);
        b.putShort(53, (short) minimumTick);
        b.put(55, (byte) 0);                // page protection: none guaranteed
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            sum += b.get(i);
        }
        b.put(9, (byte) -sum);
        return b.array();
    }
}
