package dev.jefevm.loader.limine;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out physical RAM for everything the loader places (kernel image, page tables, stack,
 * responses, modules), bumping upward from a start address and stepping over the ranges the
 * firmware keeps. Every allocation is 4 KiB aligned and sized, and is remembered with its
 * memory map type so the memory map can report it; adjacent allocations of one type merge.
 */
final class BootAllocator {

    static final long PAGE = 4096;

    private final long ramSize;
    private final List<MemoryRange> firmwareRanges;
    private final List<MemoryRange> allocations = new ArrayList<>();
    private long cursor;

    BootAllocator(long ramSize, List<MemoryRange> firmwareRanges, long start) {
        this.ramSize = ramSize;
        this.firmwareRanges = List.copyOf(firmwareRanges);
        this.cursor = start;
    }

    /**
     * Allocates {@code size} bytes (rounded up to pages) at a multiple of {@code align} (a power
     * of two of at least 4 KiB) and returns the physical address.
     */
    long allocate(long size, long align, MemoryType type) throws KernelLoadException {
        if (size < 0 || size > ramSize) {
            throw tooBig(size < 0 ? Long.MAX_VALUE : size);
        }
        long length = roundUp(size, PAGE);
        long base = roundUp(cursor, align);
        MemoryRange clash = firmwareClash(base, length);
        while (clash != null) {
            base = roundUp(clash.end(), align);
            clash = firmwareClash(base, length);
        }
        if (base > ramSize - length) {
            throw tooBig(base + length);
        }
        cursor = base + length;
        record(base, length, type);
        return base;
    }

    /** Loader allocations so far, in address order, adjacent same-type ones merged. */
    List<MemoryRange> allocations() {
        return List.copyOf(allocations);
    }

    private void record(long base, long length, MemoryType type) {
        if (!allocations.isEmpty()) {
            MemoryRange last = allocations.getLast();
            if (last.type() == type && last.end() == base) {
                allocations.set(allocations.size() - 1, new MemoryRange(last.base(), last.length() + length, type));
                return;
            }
        }
        allocations.add(new MemoryRange(base, length, type));
    }

    private MemoryRange firmwareClash(long base, long length) {
        for (MemoryRange r : firmwareRanges) {
            if (r.type() != MemoryType.USABLE && base < r.end() && r.base() < base + length) {
                return r;
            }
        }
        return null;
    }

    private KernelLoadException tooBig(long needed) {
        return new KernelLoadException("kernel needs " + size(needed) + " of RAM but the VM has " + size(ramSize));
    }

    /** A size for people: whole MiB below 1 GiB, else GiB to one decimal (a trailing ".0" dropped). */
    static String size(long bytes) {
        long mib = (bytes + (1L << 20) - 1) >>> 20;
        if (mib < 1024) {
            return mib + " MiB";
        }
        String gib = String.format(java.util.Locale.ROOT, "%.1f", mib / 1024.0);
        return (gib.endsWith(".0") ? gib.substring(0, gib.length() - 2) : gib) + " GiB";
    }

    static long roundUp(long v, long align) {
        return (v + align - 1) & -align;
    }
}
