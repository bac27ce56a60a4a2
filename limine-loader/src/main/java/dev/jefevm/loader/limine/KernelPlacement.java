package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.loader.elf.ElfImage;
import dev.jefevm.loader.elf.LoadSegment;

/**
 * Where the kernel image went: one physically contiguous block at {@code physicalBase} holding
 * virtual {@code [virtualBase, virtualBase+size)} with one uniform offset (Limine protocol,
 * "Memory Layout at Entry"). {@link #load} copies the PT_LOAD segments there and zeroes the rest.
 */
record KernelPlacement(long physicalBase, long virtualBase, long size) {

    /** Segment alignments beyond this are honoured only up to it: 2 MiB covers large-page links. */
    private static final long MAX_ALIGN = 1L << 21;

    /** Physical address of kernel virtual address {@code virt}. */
    long physical(long virt) {
        return virt - virtualBase + physicalBase;
    }

    /** Allocates room for {@code image} above the allocator's cursor and copies it in. */
    static KernelPlacement load(ElfImage image, PhysicalMemory memory, BootAllocator allocator) throws KernelLoadException {
        long align = BootAllocator.PAGE;
        for (LoadSegment s : image.segments()) {
            if (Long.compareUnsigned(s.alignment(), align) > 0) {
                align = Math.min(s.alignment(), MAX_ALIGN);
            }
        }
        long virtualBase = image.lowestAddress() & -align;
        // Image ends are at most 2^64 and bases at least 0xffffffff80000000, so this span is below 2 GiB.
        long size = BootAllocator.roundUp(image.highestEnd(), BootAllocator.PAGE) - virtualBase;
        long physicalBase = allocator.allocate(size, align, MemoryType.EXECUTABLE_AND_MODULES);
        KernelPlacement placement = new KernelPlacement(physicalBase, virtualBase, size);
        memory.fill(physicalBase, size, (byte) 0);
        for (LoadSegment s : image.segments()) {
            memory.writeBytes(placement.physical(s.virtualAddress()), image.bytes(), (int) s.fileOffset(), (int) s.fileSize());
        }
        return placement;
    }
}
