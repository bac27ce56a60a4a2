package dev.jefevm.loader.limine;

import java.util.List;

/**
 * Everything the responses report, gathered once the kernel, its files and the page tables are in
 * place: the direct-map offset, the base revision in force, the kernel's placement, the board's
 * framebuffer and RSDP, the boot time, the final memory map and the loaded files.
 */
record Handoff(long hhdmOffset, int baseRevision, long kernelPhysicalBase, long kernelVirtualBase,
        FramebufferInfo framebuffer, long rsdpAddress, long bootEpochSeconds,
        List<MemoryRange> memoryMap, LoadedFile executable, List<LoadedFile> modules) {
}
