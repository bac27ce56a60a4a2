// tests/FontTest: the compile-time font conversion.
#include "drivers/Font.h"

#include "tests/Test.h"

namespace {

int inkOf(char c) {
    int ink = 0;
    const uint8_t* rows = drivers::Font::glyph(c);
    for (int r = 0; r < drivers::Font::kHeight; r++) {
        ink += __builtin_popcount(rows[r]);
    }
    return ink;
}

}  // namespace

TEST(font_everyPrintableGlyphButSpace_hasInk) {
    EXPECT_EQ(0, inkOf(' '));
    for (int c = 0x21; c <= 0x7E; c++) {
        if (inkOf(static_cast<char>(c)) == 0) {
            test::fail(__FILE__, __LINE__, "a printable glyph is blank");
        }
    }
}

TEST(font_glyphRows_haveLeftmostPixelInBit7) {
    // 'A' row 3 is "...XX...".
    EXPECT_EQ(0x18, drivers::Font::glyph('A')[3]);
}

TEST(font_nonPrintable_drawsQuestionMark) {
    EXPECT_TRUE(drivers::Font::glyph('\x01') == drivers::Font::glyph('?'));
    EXPECT_TRUE(drivers::Font::glyph('\x7F') == drivers::Font::glyph('?'));
}

TEST(font_distinctCharacters_haveDistinctGlyphs) {
    for (int a = 0x20; a <= 0x7E; a++) {
        for (int b = a + 1; b <= 0x7E; b++) {
            if (__builtin_memcmp(drivers::Font::glyph(static_cast<char>(a)), drivers::Font::glyph(static_cast<char>(b)),
                                 drivers::Font::kHeight) == 0) {
                std::fprintf(stderr, "  '%c' and '%c' look the same\n", a, b);
                test::fail(__FILE__, __LINE__, "two glyphs are identical");
            }
        }
    }
}
