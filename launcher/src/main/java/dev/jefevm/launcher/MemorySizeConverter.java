package dev.jefevm.launcher;

import dev.jefevm.devices.board.PcBoard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a guest RAM size such as {@code 512M}, {@code 1G} or {@code 65536K} (binary units; a
 * bare number is bytes) and checks it lies within 32 MiB .. 64 GiB and is a whole number of
 * 4 KiB pages.
 */
public final class MemorySizeConverter implements ITypeConverter<Long> {

    static final long MIN = 32L << 20;
    /** The board's ceiling: RAM above 3 GiB is remapped above 4 GiB, so the framebuffer is no limit. */
    static final long MAX = PcBoard.MAX_RAM_SIZE;

    @Override
    public Long convert(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                default -> { }
            }
        }
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size (use e.g. 512M or 2G)");
        }
        if (n <= 0 || n > (MAX >> shift)) {
            throw new TypeConversionException("'" + text + "' is outside 32M..64G");
        }
        long bytes = n << shift;
        if (bytes < MIN) {
            throw new TypeConversionException("'" + text + "' is outside 32M..64G");
        }
        if ((bytes & 0xFFF) != 0) {
            throw new TypeConversionException("'" + text + "' is not a multiple of 4K");
        }
        return bytes;
    }
}
