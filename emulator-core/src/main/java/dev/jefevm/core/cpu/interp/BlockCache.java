package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.Arrays;

/**
 * A direct-mapped cache of decoded {@link Block}s keyed by the physical address of their first
 * byte. Invalidation is by page generation: a write to a code page bumps that page's counter
 * (O(1)), and a block whose recorded generation differs is stale. Only RAM pages are cached.
 */
final class BlockCache {

    private static final int SIZE = 1 << 14;
    private static final int MASK = SIZE - 1;

    private final Block[] blocks = new Block[SIZE];
    private final PhysicalMemory memory;
    /** Indexed by frame number, up to the highest RAM frame (RAM may sit below and above a hole). */
    private final int[] pageGeneration;

    BlockCache(PhysicalMemory memory) {
        this.memory = memory;
        pageGeneration = new int[memory.frameLimit()];
    }

    private static int slot(long phys) {
        return (int) (phys ^ (phys >>> 13)) & MASK;
    }

    /** The valid block starting at {@code phys}, or null. */
    Block get(long phys) {
        Block b = blocks[slot(phys)];
        if (b != null && b.physStart == phys && b.generation == pageGeneration[(int) (phys >>> PhysicalMemory.PAGE_SHIFT)]) {
            return b;
        }
        return null;
    }

    /** True if {@code b}'s page has not been written since it was decoded. */
    boolean isCurrent(Block b) {
        return b.generation == pageGeneration[(int) (b.physStart >>> PhysicalMemory.PAGE_SHIFT)];
    }

    boolean cacheable(long phys) {
        return memory.isRamFrame(phys >>> PhysicalMemory.PAGE_SHIFT);
    }

    int generation(long phys) {
        return pageGeneration[(int) (phys >>> PhysicalMemory.PAGE_SHIFT)];
    }

    void put(Block b) {
        blocks[slot(b.physStart)] = b;
    }

    /** Page {@code frame} was written: its blocks are stale. */
    void invalidatePage(long frame) {
        if (frame >= 0 && frame < pageGeneration.length) {
            pageGeneration[(int) frame]++;
        }
    }

    void clear() {
        Arrays.fill(blocks, null);
    }
}
