package dev.jefevm.launcher.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DiskSizeConverterTest {

    private final DiskSizeConverter converter = new DiskSizeConverter();

    @Test
    void binarySuffixes_areUnderstood() {
        assertEquals(256L << 20, converter.convert("256M"));
        assertEquals(4L << 30, converter.convert("4g"));
        assertEquals(1L << 40, converter.convert("1TiB"));
        assertEquals(16L << 20, converter.convert("16777216"));
    }

    @Test
    void sizesOutsideTheRangeOrNotWholeSectors_areRefused() {
        assertThrows(TypeConversionException.class, () -> converter.convert("4M"));
        assertThrows(TypeConversionException.class, () -> converter.convert("3T"));
        assertThrows(TypeConversionException.class, () -> converter.convert("8388609"));
        assertThrows(TypeConversionException.class, () -> converter.convert("big"));
    }
}
