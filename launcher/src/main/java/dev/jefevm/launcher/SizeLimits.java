package dev.jefevm.launcher;

import java.util.Locale;
import picocli.CommandLine.TypeConversionException;

/**
 * The sizes one command-line option accepts (inclusive bounds and the unit they must be a whole
 * number of) and the one parser every size option shares: a number with an optional binary
 * suffix {@code K}, {@code M}, {@code G} or {@code T} (case-insensitive, optionally followed by
 * {@code B} or {@code iB}); a bare number is bytes. A size the user gets wrong becomes a
 * {@link TypeConversionException} naming the text, so picocli reports it as a usage error.
 */
public record SizeLimits(long min, long max, long multiple, String example) {

    private static final String UNITS = "KMGT";

    /** The size {@code text} names, in bytes, if it lies within these limits. */
    public long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int unit = t.isEmpty() ? -1 : UNITS.indexOf(t.charAt(t.length() - 1));
        int shift = 10 * (unit + 1);
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a size (use e.g. " + example + ")");
        }
        // Compare before shifting so a huge number cannot overflow into the range.
        if (n <= 0 || n > (max >> shift) || (n << shift) < min) {
            throw new TypeConversionException("'" + text + "' is outside " + format(min) + ".." + format(max));
        }
        long bytes = n << shift;
        if (bytes % multiple != 0) {
            throw new TypeConversionException("'" + text + "' is not a multiple of " + format(multiple));
        }
        return bytes;
    }

    /** {@code bytes} as the user would type it: {@code 32M}, {@code 2T}, {@code 4K}, else {@code 512 bytes}. */
    private static String format(long bytes) {
        int unit = -1;
        long value = bytes;
        while (unit < UNITS.length() - 1 && value >= 1024 && value % 1024 == 0) {
            value >>= 10;
            unit++;
        }
        return unit < 0 ? value + " bytes" : value + String.valueOf(UNITS.charAt(unit));
    }
}
