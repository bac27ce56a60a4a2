package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeLimitsTest {

    private final SizeLimits limits = new SizeLimits(32L << 20, 2L << 40, 4096, "512M or 2G");

    @Test
    void parse_binarySuffixesInAnyCase_areUnderstood() {
        assertEquals(65536L << 10, limits.parse("65536K"));
        assertEquals(512L << 20, limits.parse("512M"));
        assertEquals(2L << 30, limits.parse("2g"));
        assertEquals(1L << 40, limits.parse("1T"));
    }

    @Test
    void parse_byteAndIecSpellings_meanTheSameUnit() {
        assertEquals(1L << 30, limits.parse("1GB"));
        assertEquals(1L << 30, limits.parse("1GiB"));
        assertEquals(1L << 30, limits.parse(" 1gib "));
    }

    @Test
    void parse_bareNumber_isBytes() {
        assertEquals(33554432L, limits.parse("33554432"));
    }

    @Test
    void parse_limits_areInclusive() {
        assertEquals(32L << 20, limits.parse("32M"));
        assertEquals(2L << 40, limits.parse("2T"));
    }

    @Test
    void parse_textThatIsNoSize_namesTheTextAndAnExample() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> limits.parse("lots"));

        assertEquals("'lots' is not a size (use e.g. 512M or 2G)", e.getMessage());
    }

    @Test
    void parse_outsideTheLimits_namesTheRange() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> limits.parse("31M"));

        assertEquals("'31M' is outside 32M..2T", e.getMessage());
    }

    @Test
    void parse_negativeOrOverflowingNumbers_areOutsideTheRange() {
        assertThrows(TypeConversionException.class, () -> limits.parse("-1G"));
        assertThrows(TypeConversionException.class, () -> limits.parse("0"));
        assertThrows(TypeConversionException.class, () -> limits.parse("9999999999999G"));
        assertThrows(TypeConversionException.class, () -> limits.parse("99999999999999999999G"));
    }

    @Test
    void parse_notAWholeMultiple_namesTheMultiple() {
        TypeConversionException pages = assertThrows(TypeConversionException.class, () -> limits.parse("33554433"));
        SizeLimits sectors = new SizeLimits(1L << 20, 1L << 30, 512, "4M");
        TypeConversionException bytes = assertThrows(TypeConversionException.class, () -> sectors.parse("1048577"));

        assertEquals("'33554433' is not a multiple of 4K", pages.getMessage());
        assertEquals("'1048577' is not a multiple of 512 bytes", bytes.getMessage());
    }
}
