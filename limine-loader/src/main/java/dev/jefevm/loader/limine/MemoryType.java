package dev.jefevm.loader.limine;

/**
 * Memory map entry types of the Limine memory map feature, in the protocol's numbering
 * ({@link #limineCode()}: USABLE = 0 ... FRAMEBUFFER = 7).
 */
public enum MemoryType {
    USABLE, RESERVED, ACPI_RECLAIMABLE, ACPI_NVS, BAD_MEMORY, BOOTLOADER_RECLAIMABLE,
    EXECUTABLE_AND_MODULES, FRAMEBUFFER;

    /** The value of {@code limine_memmap_entry.type} for this type. */
    public int limineCode() {
        return ordinal();
    }
}
