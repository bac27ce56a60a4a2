package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class MemorySizeConverterTest {

    private final MemorySizeConverter converter = new MemorySizeConverter();

    @Test
    void suffixes_areBinaryUnits() {
        assertEquals(512L << 20, converter.convert("512M"));
        assertEquals(1L << 30, converter.convert("1G"));
        assertEquals(64L << 20, converter.convert("65536K"));
        assertEquals(2L << 30, converter.convert("2g"));
    }

    @Test
    void limits_areInclusive() {
        assertEquals(32L << 20, converter.convert("32M"));
        assertEquals(64L << 30, converter.convert("64G"));
    }

    @Test
    void outOfRangeOrMalformed_isRejected() {
        assertThrows(TypeConversionException.class, () -> converter.convert("31M"));
        assertThrows(TypeConversionException.class, () -> converter.convert("65G"));
        assertThrows(TypeConversionException.class, () -> converter.convert("lots"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-1G"));
        assertThrows(TypeConversionException.class, () -> converter.convert("99999999999999999999G"));
    }
}
