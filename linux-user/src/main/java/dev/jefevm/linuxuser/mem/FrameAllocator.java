package dev.jefevm.linuxuser.mem;

import dev.jefevm.core.memory.PhysicalMemory;

/**
 * Hands out 4 KiB guest-physical frames for every process's pages and page tables: freed frames
 * first (a stack of frame numbers), then never-used frames above a bump pointer. Each frame is
 * zeroed as it is handed out, which also tells the CPU that code cached from its old contents is
 * stale. Frame 0 is never used, so a zero entry can mean "no frame".
 */
public final class FrameAllocator {

    private final PhysicalMemory memory;
    private final long limit;
    private long next = 1;
    private long[] free = new long[1024];
    private int freeCount;

    public FrameAllocator(PhysicalMemory memory) {
        this.memory = memory;
        this.limit = memory.ramSize() >>> PhysicalMemory.PAGE_SHIFT;
    }

    /** A zeroed frame's physical address, or -1 when guest RAM is exhausted. */
    public long allocate() {
        long frame;
        if (freeCount > 0) {
            frame = free[--freeCount];
        } else if (next < limit) {
            frame = next++;
        } else {
            return -1;
        }
        long pa = frame << PhysicalMemory.PAGE_SHIFT;
        memory.fill(pa, PhysicalMemory.PAGE_SIZE, (byte) 0);
        return pa;
    }

    /** Returns the frame at physical address {@code pa} to the pool. */
    public void release(long pa) {
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = pa >>> PhysicalMemory.PAGE_SHIFT;
    }

    /** Frames currently in use (allocated and not released). */
    public long inUse() {
        return next - 1 - freeCount;
    }
}
