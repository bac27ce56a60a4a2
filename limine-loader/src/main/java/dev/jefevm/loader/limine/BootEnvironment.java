package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.List;

/**
 * What the board tells the loader: guest RAM, the ranges of RAM the firmware keeps for itself
 * (low memory, ACPI tables), the framebuffer (null when there is none), where the ACPI RSDP is
 * (physical, 0 for none), the kernel command line, boot modules and the wall-clock time of boot.
 */
public record BootEnvironment(PhysicalMemory memory, long ramSize,
        List<MemoryRange> firmwareRanges,
        FramebufferInfo framebuffer,
        long rsdpAddress,
        String kernelCmdline, List<BootModule> modules, long bootEpochSeconds) {
}
