// drivers/Font: the console font as bitmaps. The ASCII art in drivers/FontArt.inc is turned
// into one byte per glyph row at compile time (bit 7 = leftmost pixel); a malformed art row
// (wrong length or a character other than '.'/'X') fails the build. glyph(c) returns the 16
// rows for printable ASCII and the '?' glyph for anything else.
#pragma once

#include <stdint.h>

namespace drivers {

class Font {
public:
    static constexpr int kWidth = 8;
    static constexpr int kHeight = 16;
    static constexpr int kFirst = 0x20;
    static constexpr int kLast = 0x7E;
    static constexpr int kCount = kLast - kFirst + 1;

    static const uint8_t* glyph(char c);
};

namespace font_detail {

inline constexpr const char* kArt[Font::kCount][Font::kHeight] = {
#include "drivers/FontArt.inc"
};

// Not constexpr: reaching a call to it during constant evaluation fails the build.
void fontArtIsMalformed(const char* why);

struct Bitmaps {
    uint8_t rows[Font::kCount][Font::kHeight];
};

consteval uint8_t rowBits(const char* art) {
    uint8_t bits = 0;
    for (int x = 0; x < Font::kWidth; x++) {
        if (art[x] != '.' && art[x] != 'X') {
            fontArtIsMalformed("font art rows use only '.' and 'X'");
        }
        bits = static_cast<uint8_t>(bits | (art[x] == 'X' ? 0x80 >> x : 0));
    }
    if (art[Font::kWidth] != '\0') {
        fontArtIsMalformed("font art rows are 8 columns wide");
    }
    return bits;
}

consteval Bitmaps convert() {
    Bitmaps b{};
    for (int g = 0; g < Font::kCount; g++) {
        for (int y = 0; y < Font::kHeight; y++) {
            b.rows[g][y] = rowBits(kArt[g][y]);
        }
    }
    return b;
}

inline constexpr Bitmaps kBitmaps = convert();

}  // namespace font_detail

inline const uint8_t* Font::glyph(char c) {
    int code = static_cast<unsigned char>(c);
    if (code < kFirst || code > kLast) {
        code = '?';
    }
    return font_detail::kBitmaps.rows[code - kFirst];
}

}  // namespace drivers
