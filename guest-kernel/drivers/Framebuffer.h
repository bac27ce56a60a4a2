// drivers/Framebuffer: a linear 32-bpp RGB framebuffer described by the Limine framebuffer
// response (address in the HHDM, width, height, pitch, channel mask shifts and sizes).
// Interface: create() rejects formats we do not draw (not 32 bpp, masks not 8 bits);
// rgb() packs a colour for this layout; fill/fillRect/drawGlyph/scrollUp draw. Whole-screen
// fills and the scroll copy run as single rep stosq / rep movs loops.
#pragma once

#include <stdint.h>

#include "lib/ErrorOr.h"

namespace drivers {

struct FramebufferMode {
    uint64_t address;  // virtual (HHDM) address of pixel (0, 0)
    uint32_t width;
    uint32_t height;
    uint32_t pitch;  // bytes per scan line
    uint16_t bpp;
    uint8_t redShift, redSize, greenShift, greenSize, blueShift, blueSize;
};

class Framebuffer {
public:
    static lib::ErrorOr<Framebuffer> create(const FramebufferMode& mode);

    uint32_t width() const { return m_mode.width; }
    uint32_t height() const { return m_mode.height; }
    uint32_t pitch() const { return m_mode.pitch; }
    uint16_t bpp() const { return m_mode.bpp; }
    uint64_t address() const { return m_mode.address; }
    uint64_t sizeBytes() const { return static_cast<uint64_t>(m_mode.pitch) * m_mode.height; }

    uint32_t rgb(uint8_t r, uint8_t g, uint8_t b) const;
    void fill(uint32_t color);
    void fillRect(uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t color);
    // Draws glyph rows [first, first + count) of an 8x16 glyph (one byte per row, bit 7
    // leftmost) with its background; the glyph's top-left corner is at (x, y).
    void drawGlyph(uint32_t x, uint32_t y, const uint8_t* rows, uint32_t fg, uint32_t bg, int first = 0,
                   int count = 16);
    // Moves the picture up by `lines` scan lines and fills the uncovered bottom with `color`.
    void scrollUp(uint32_t lines, uint32_t color);

private:
    explicit Framebuffer(const FramebufferMode& mode) : m_mode(mode) {}
    uint32_t* line(uint32_t y) const {
        return reinterpret_cast<uint32_t*>(m_mode.address + static_cast<uint64_t>(y) * m_mode.pitch);
    }

    FramebufferMode m_mode;
};

}  // namespace drivers
