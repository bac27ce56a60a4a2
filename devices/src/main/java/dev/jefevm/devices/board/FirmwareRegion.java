package dev.jefevm.devices.board;

/**
 * A range of guest RAM the board keeps from the operating system: the real-mode IVT/BDA page,
 * the EBDA-to-BIOS hole, or the ACPI tables (which the OS may reclaim once it has read them).
 */
public record FirmwareRegion(long base, long length, Kind kind) {

    /** How the memory map should report the region. */
    public enum Kind {
        /** Never usable by the OS. */
        RESERVED,
        /** Holds ACPI tables; usable once the OS has parsed them. */
        ACPI_RECLAIMABLE
    }
}
