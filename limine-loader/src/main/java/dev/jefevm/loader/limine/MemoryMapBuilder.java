package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.RamRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Limine memory map (protocol, "Memory Map Feature") by painting ranges over RAM:
 * RAM (one range, or two around the PCI hole, which is never reported usable) starts usable, then firmware ranges, loader allocations and the framebuffer are painted
 * over it, later paints winning. The result is sorted, non-overlapping, merges neighbours of one
 * type, and shrinks usable entries to whole 4 KiB pages, as the protocol guarantees.
 */
final class MemoryMapBuilder {

    /** Sorted, non-overlapping, half-open ranges. */
    private final List<MemoryRange> ranges = new ArrayList<>();

    /** A map whose RAM is one block {@code [0, ramSize)}. */
    MemoryMapBuilder(long ramSize) {
        this(List.of(new RamRange(0, ramSize)));
    }

    /** A map whose RAM is {@code ram} (sorted, disjoint), all of it usable to start with. */
    MemoryMapBuilder(List<RamRange> ram) {
        for (RamRange r : ram) {
            ranges.add(new MemoryRange(r.base(), r.size(), MemoryType.USABLE));
        }
    }

    /** Marks {@code [base, base+length)} as {@code type}, replacing whatever was there. */
    MemoryMapBuilder paint(long base, long length, MemoryType type) {
        if (length <= 0) {
            return this;
        }
        long end = base + length;
        List<MemoryRange> out = new ArrayList<>(ranges.size() + 2);
        boolean placed = false;
        for (MemoryRange r : ranges) {
            if (r.end() <= base || r.base() >= end) {
                if (!placed && r.base() >= end) {
                    out.add(new MemoryRange(base, length, type));
                    placed = true;
                }
                out.add(r);
                continue;
            }
            if (r.base() < base) {
                out.add(new MemoryRange(r.base(), base - r.base(), r.type()));
            }
            if (!placed) {
                out.add(new MemoryRange(base, length, type));
                placed = true;
            }
            if (r.end() > end) {
                out.add(new MemoryRange(end, r.end() - end, r.type()));
            }
        }
        if (!placed) {
            out.add(new MemoryRange(base, length, type));
        }
        ranges.clear();
        ranges.addAll(out);
        return this;
    }

    /** The finished map. */
    List<MemoryRange> build() {
        List<MemoryRange> out = new ArrayList<>();
        for (MemoryRange r : ranges) {
            MemoryRange e = r;
            if (e.type() == MemoryType.USABLE) {
                // Protocol: usable entries are 4 KiB aligned in base and length; give up the partial pages.
                long start = BootAllocator.roundUp(e.base(), BootAllocator.PAGE);
                long stop = e.end() & -BootAllocator.PAGE;
                if (stop <= start) {
                    continue;
                }
                e = new MemoryRange(start, stop - start, MemoryType.USABLE);
            }
            if (!out.isEmpty()) {
                MemoryRange last = out.getLast();
                if (last.type() == e.type() && last.end() == e.base()) {
                    out.set(out.size() - 1, new MemoryRange(last.base(), last.length() + e.length(), e.type()));
                    continue;
                }
            }
            out.add(e);
        }
        return List.copyOf(out);
    }
}
