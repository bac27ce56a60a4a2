package dev.jefevm.loader.limine;

import java.util.List;

/**
 * The result of loading a kernel: where execution starts, the direct-map offset, where the
 * image went physically and virtually, the memory map given to the kernel and the base revision
 * the loader booted it with.
 */
public record LoadedKernel(long entryPoint, long hhdmOffset, long kernelPhysicalBase,
        long kernelVirtualBase, List<MemoryRange> memoryMap, int baseRevision) {
}
