package dev.jefevm.loader.limine;

/**
 * One physical address range with its memory map type: an entry of the Limine memory map, or a
 * range the board reserves in RAM (low memory, ACPI tables) handed to the loader.
 */
public record MemoryRange(long base, long length, MemoryType type) {

    /** First address past the range. */
    public long end() {
        return base + length;
    }
}
