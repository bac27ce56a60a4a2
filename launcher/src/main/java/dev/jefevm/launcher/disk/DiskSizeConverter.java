package dev.jefevm.launcher.disk;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a disk size such as {@code 256M}, {@code 4G} or {@code 1T} (binary units, a bare
 * number is bytes) for {@code jefevm disk create}, and checks it is a whole number of 512-byte
 * sectors within 8 MiB .. 2 TiB: room for the 1 MiB partition gap and a usable NTFS volume, and
 * no more than an MBR partition can describe.
 */
public final class DiskSizeConverter implements ITypeConverter<Long> {

    static final long MIN = 8L << 20;
    static final long MAX = 2L << 40;

    @Override
    public Long convert(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> { }
            }
        }
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size (use e.g. 256M or 4G)");
        }
        if (n <= 0 || n > (MAX >> shift) || (n << shift) < MIN) {
            throw new TypeConversionException("'" + text + "' is outside 8M..2T");
        }
        long bytes = n << shift;
        if (bytes % 512 != 0) {
            throw new TypeConversionException("'" + text + "' is not a multiple of 512 bytes");
        }
        return bytes;
    }
}
