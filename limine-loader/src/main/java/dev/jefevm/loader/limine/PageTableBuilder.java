package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;

/**
 * Builds x86_64 4-level page tables (SDM Vol.3 4.5) in guest RAM: 4 KiB and 2 MiB leaf
 * mappings, table pages taken from the {@link BootAllocator} as bootloader-reclaimable memory.
 * Non-leaf entries are present, writable and supervisor so that the leaf alone decides access.
 */
final class PageTableBuilder {

    // SDM Vol.3 Table 4-19/4-20: paging-structure entry bits.
    static final long PRESENT = 1L, WRITABLE = 1L << 1, USER = 1L << 2, PWT = 1L << 3, PCD = 1L << 4;
    static final long LARGE = 1L << 7, PAT_4K = 1L << 7, PAT_LARGE = 1L << 12, NO_EXECUTE = 1L << 63;
    static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;
    static final long LARGE_PAGE = 1L << 21;

    private final PhysicalMemory memory;
    private final BootAllocator allocator;
    private final long root;

    PageTableBuilder(PhysicalMemory memory, BootAllocator allocator) throws KernelLoadException {
        this.memory = memory;
        this.allocator = allocator;
        this.root = newTable();
    }

    /** Physical address of the PML4, for CR3. */
    long root() {
        return root;
    }

    /**
     * Maps {@code [virt, virt+size)} to {@code [phys, ...)} with {@code flags} on each leaf, using
     * 2 MiB pages where both addresses are 2 MiB aligned and a whole large page fits, else 4 KiB
     * pages. Addresses and size must be 4 KiB aligned. {@code flags} uses the 4 KiB PAT bit
     * position; it is moved to bit 12 for large pages.
     */
    void mapRange(long virt, long phys, long size, long flags) throws KernelLoadException {
        long done = 0;
        while (Long.compareUnsigned(done, size) < 0) {
            long v = virt + done;
            long p = phys + done;
            if (((v | p) & (LARGE_PAGE - 1)) == 0 && Long.compareUnsigned(size - done, LARGE_PAGE) >= 0) {
                mapLarge(v, p, flags);
                done += LARGE_PAGE;
            } else {
                map4k(v, p, flags);
                done += BootAllocator.PAGE;
            }
        }
    }

    /**
     * Maps one 4 KiB page. If the page is already mapped (two segments sharing a page), the
     * permissions combine: writable if either is, executable if either is.
     */
    void map4k(long virt, long phys, long flags) throws KernelLoadException {
        long pd = descend(descend(root, virt, 39), virt, 30);
        long pt = descend(pd, virt, 21);
        long slot = pt + index(virt, 12) * 8;
        long old = memory.read64(slot);
        long entry = (phys & ADDRESS_MASK) | flags | PRESENT;
        if ((old & PRESENT) != 0) {
            entry = (old | (flags & WRITABLE)) & ~(NO_EXECUTE & ~(old & flags));
        }
        memory.write64(slot, entry);
    }

    private void mapLarge(long virt, long phys, long flags) throws KernelLoadException {
        long pd = descend(descend(root, virt, 39), virt, 30);
        long leafFlags = (flags & ~PAT_4K) | ((flags & PAT_4K) != 0 ? PAT_LARGE : 0) | LARGE | PRESENT;
        memory.write64(pd + index(virt, 21) * 8, (phys & ADDRESS_MASK) | leafFlags);
    }

    /** The next-level table for {@code virt} under {@code table} at {@code shift}, created if absent. */
    private long descend(long table, long virt, int shift) throws KernelLoadException {
        long slot = table + index(virt, shift) * 8;
        long entry = memory.read64(slot);
        if ((entry & PRESENT) == 0) {
            long next = newTable();
            memory.write64(slot, next | PRESENT | WRITABLE);
            return next;
        }
        if ((entry & LARGE) != 0) {
            throw new IllegalStateException("loader mapping clash at 0x" + Long.toHexString(virt));
        }
        return entry & ADDRESS_MASK;
    }

    private long newTable() throws KernelLoadException {
        long page = allocator.allocate(BootAllocator.PAGE, BootAllocator.PAGE, MemoryType.BOOTLOADER_RECLAIMABLE);
        memory.fill(page, BootAllocator.PAGE, (byte) 0);
        return page;
    }

    private static long index(long virt, int shift) {
        return (virt >>> shift) & 0x1FF;
    }
}
