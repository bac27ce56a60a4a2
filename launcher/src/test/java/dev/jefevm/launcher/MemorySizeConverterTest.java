package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The guest RAM bounds; the size grammar itself is {@link SizeLimitsTest}'s. */
class MemorySizeConverterTest {

    private final MemorySizeConverter converter = new MemorySizeConverter();

    @Test
    void convert_limits_areInclusive() {
        assertEquals(32L << 20, converter.convert("32M"));
        assertEquals(64L << 30, converter.convert("64G"));
    }

    @Test
    void convert_outOfRange_isRejectedNamingTheRange() {
        assertThrows(TypeConversionException.class, () -> converter.convert("31M"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("65G"));

        assertEquals("'65G' is outside 32M..64G", e.getMessage());
    }

    @Test
    void convert_partialPage_isRejected() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("33556480"));

        assertEquals("'33556480' is not a multiple of 4K", e.getMessage());
    }

    @Test
    void convert_malformed_suggestsAMemorySize() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("lots"));

        assertEquals("'lots' is not a size (use e.g. 512M or 2G)", e.getMessage());
    }
}
