package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.List;
import java.util.Objects;

/**
 * What the board tells the loader: guest RAM, the ranges of RAM the firmware keeps for itself
 * (low memory, ACPI tables), the framebuffer (null when there is none), where the ACPI RSDP is
 * (physical, 0 for none), the kernel command line, boot modules and the wall-clock time of boot.
 * Null lists and a null command line mean "none" and become empty.
 */
public record BootEnvironment(PhysicalMemory memory, long ramSize,
        List<MemoryRange> firmwareRanges,   // what the board reserves in RAM (low memory, ACPI tables)
        FramebufferInfo framebuffer,        // may be null (no framebuffer)
        long rsdpAddress,                   // physical; 0 = none
        String kernelCmdline, List<BootModule> modules, long bootEpochSeconds) {

    public BootEnvironment {
        Objects.requireNonNull(memory, "memory");
        firmwareRanges = firmwareRanges == null ? List.of() : List.copyOf(firmwareRanges);
        kernelCmdline = kernelCmdline == null ? "" : kernelCmdline;
        modules = modules == null ? List.of() : List.copyOf(modules);
    }
}
