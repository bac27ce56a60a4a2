// drivers/Framebuffer: see Framebuffer.h.
#include "drivers/Framebuffer.h"

#include "drivers/Font.h"
#include "lib/String.h"

namespace drivers {

lib::ErrorOr<Framebuffer> Framebuffer::create(const FramebufferMode& mode) {
    if (mode.bpp != 32 || mode.redSize != 8 || mode.greenSize != 8 || mode.blueSize != 8) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "framebuffer: only 32-bpp 8:8:8 RGB is drawn");
    }
    if (mode.address == 0 || mode.width < Font::kWidth || mode.height < Font::kHeight ||
        mode.pitch < mode.width * 4) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "framebuffer: bad geometry");
    }
    return Framebuffer(mode);
}

uint32_t Framebuffer::rgb(uint8_t r, uint8_t g, uint8_t b) const {
    return (static_cast<uint32_t>(r) << m_mode.redShift) | (static_cast<uint32_t>(g) << m_mode.greenShift) |
           (static_cast<uint32_t>(b) << m_mode.blueShift);
}

void Framebuffer::fill(uint32_t color) {
    uint64_t pattern = (static_cast<uint64_t>(color) << 32) | color;
    if (m_mode.pitch == m_mode.width * 4 && m_mode.width % 2 == 0) {
        lib::fill64(line(0), pattern, sizeBytes() / 8);
        return;
    }
    fillRect(0, 0, m_mode.width, m_mode.height, color);
}

void Framebuffer::fillRect(uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t color) {
    if (x >= m_mode.width || y >= m_mode.height) {
        return;
    }
    if (w > m_mode.width - x) {
        w = m_mode.width - x;
    }
    if (h > m_mode.height - y) {
        h = m_mode.height - y;
    }
    for (uint32_t row = y; row < y + h; row++) {
        uint32_t* p = line(row) + x;
        for (uint32_t i = 0; i < w; i++) {
            p[i] = color;
        }
    }
}

void Framebuffer::drawGlyph(uint32_t x, uint32_t y, const uint8_t* rows, uint32_t fg, uint32_t bg, int first,
                            int count) {
    if (x + Font::kWidth > m_mode.width || y + Font::kHeight > m_mode.height) {
        return;
    }
    for (int r = first; r < first + count && r < Font::kHeight; r++) {
        uint32_t* p = line(y + r) + x;
        uint8_t bits = rows[r];
        for (int c = 0; c < Font::kWidth; c++) {
            p[c] = (bits & (0x80 >> c)) != 0 ? fg : bg;
        }
    }
}

void Framebuffer::scrollUp(uint32_t lines, uint32_t color) {
    if (lines >= m_mode.height) {
        fill(color);
        return;
    }
    uint64_t keep = static_cast<uint64_t>(m_mode.height - lines) * m_mode.pitch;
    memmove(line(0), line(lines), keep);
    fillRect(0, m_mode.height - lines, m_mode.width, lines, color);
}

}  // namespace drivers
