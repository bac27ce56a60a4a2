package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;

/**
 * A bootloader-reclaimable block of guest RAM that holds the responses and the data they point
 * to. Space is handed out upward, zeroed; {@link #pointer(long)} turns a physical address into
 * the HHDM virtual address the protocol's pointers carry ("General Notes": pointers have the
 * HHDM offset added).
 */
final class ResponseArena {

    private final PhysicalMemory memory;
    private final long hhdmOffset;
    private final long end;
    private long next;

    ResponseArena(PhysicalMemory memory, long base, long size, long hhdmOffset) {
        this.memory = memory;
        this.hhdmOffset = hhdmOffset;
        this.next = base;
        this.end = base + size;
        memory.fill(base, size, (byte) 0);
    }

    /** Reserves {@code size} zeroed bytes aligned to 8 (16 for larger structs) and returns their physical address. */
    long reserve(long size) {
        long align = size >= 16 ? 16 : 8;
        long at = BootAllocator.roundUp(next, align);
        if (at + size > end) {
            // The arena is sized from the request counts before any is answered; running out is a loader bug.
            throw new IllegalStateException("response arena exhausted");
        }
        next = at + size;
        return at;
    }

    /** Stores a 0-terminated ASCII copy of {@code text} and returns its HHDM pointer. */
    long string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        long at = reserve(bytes.length + 1L);
        memory.writeBytes(at, bytes, 0, bytes.length);
        return pointer(at);
    }

    /** An array of {@code count} 64-bit pointers; returns its physical address. */
    long pointerArray(int count) {
        return reserve(8L * Math.max(count, 1));
    }

    long pointer(long physical) {
        return physical + hhdmOffset;
    }

    void put64(long physical, long value) {
        memory.write64(physical, value);
    }

    void put32(long physical, int value) {
        memory.write32(physical, value);
    }

    void put16(long physical, int value) {
        memory.write16(physical, value);
    }

    void put8(long physical, int value) {
        memory.write8(physical, value);
    }

    /** Bytes an arena needs for {@code text} as a string. */
    static long stringSize(String text) {
        return text.length() + 1L + 16;
    }
}
