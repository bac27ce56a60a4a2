package dev.jefevm.launcher;

import dev.jefevm.devices.board.PcBoard;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses a guest RAM size such as {@code 512M}, {@code 1G} or {@code 65536K} (binary units; a
 * bare number is bytes; see {@link SizeLimits}) and checks it lies within 32 MiB .. 64 GiB and
 * is a whole number of 4 KiB pages.
 */
public final class MemorySizeConverter implements ITypeConverter<Long> {

    static final long MIN = 32L << 20;
    /** The board's ceiling: RAM above 3 GiB is remapped above 4 GiB, so the framebuffer is no limit. */
    static final long MAX = PcBoard.MAX_RAM_SIZE;
    private static final long PAGE_SIZE = 4096;
    private static final SizeLimits LIMITS = new SizeLimits(MIN, MAX, PAGE_SIZE, "512M or 2G");

    @Override
    public Long convert(String text) {
        return LIMITS.parse(text);
    }
}
