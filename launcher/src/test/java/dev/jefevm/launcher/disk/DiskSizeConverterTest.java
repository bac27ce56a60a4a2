package dev.jefevm.launcher.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The disk size bounds; the size grammar itself is {@code SizeLimitsTest}'s. */
class DiskSizeConverterTest {

    private final DiskSizeConverter converter = new DiskSizeConverter();

    @Test
    void convert_limits_areInclusive() {
        assertEquals(8L << 20, converter.convert("8M"));
        assertEquals(2L << 40, converter.convert("2TiB"));
    }

    @Test
    void convert_outOfRange_isRejectedNamingTheRange() {
        assertThrows(TypeConversionException.class, () -> converter.convert("4M"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("3T"));

        assertEquals("'3T' is outside 8M..2T", e.getMessage());
    }

    @Test
    void convert_partialSector_isRejected() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("8388609"));

        assertEquals("'8388609' is not a multiple of 512 bytes", e.getMessage());
    }

    @Test
    void convert_malformed_suggestsADiskSize() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("big"));

        assertEquals("'big' is not a size (use e.g. 256M or 4G)", e.getMessage());
    }
}
