package dev.jefevm.loader.elf;

/**
 * One PT_LOAD program header (System V gABI, "Program Header"): {@code index} is its position in
 * the program header table; {@code fileSize} bytes from {@code fileOffset} are loaded at
 * {@code virtualAddress} and the rest up to {@code memorySize} is zero (bss).
 */
public record LoadSegment(int index, long fileOffset, long virtualAddress, long physicalAddress,
        long fileSize, long memorySize, long alignment, int flags) {

    /** gABI p_flags bits. */
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    public boolean executable() {
        return (flags & PF_X) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    /** First virtual address past the segment (may wrap to 0 for a segment ending at 2^64). */
    public long virtualEnd() {
        return virtualAddress + memorySize;
    }
}
