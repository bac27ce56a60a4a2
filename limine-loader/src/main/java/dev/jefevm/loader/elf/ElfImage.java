package dev.jefevm.loader.elf;

import java.util.List;

/**
 * A parsed and validated ELF64 x86_64 executable: its entry point and its PT_LOAD segments,
 * sorted by virtual address, non-overlapping, each backed by bytes of {@link #bytes()}.
 */
public record ElfImage(byte[] bytes, long entryPoint, List<LoadSegment> segments) {

    /** Lowest virtual address of any segment. */
    public long lowestAddress() {
        return segments.getFirst().virtualAddress();
    }

    /** First virtual address past the highest segment (0 if it ends exactly at 2^64). */
    public long highestEnd() {
        return segments.getLast().virtualEnd();
    }
}
