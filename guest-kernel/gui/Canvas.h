// gui/Canvas: drawing on a 32-bit pixel surface (the GUI's back buffer or the framebuffer
// itself) through a clip rectangle. Colours are already packed for the surface's pixel layout
// (gui/Theme packs them). Interface: fillRect, frame (1-px outline), bevel (3-D edges), text
// in the 8x16 console font with a transparent background, stamp (a small picture written as
// rows of characters), copyFrom (the same rectangle of another surface of equal size). Every
// operation is cut to the clip and to the surface, so callers may draw partly off screen.
#pragma once

#include <stdint.h>

#include "gui/Geometry.h"

namespace gui {

class Canvas {
public:
    // stride: pixels from one row to the next (>= width).
    Canvas(uint32_t* pixels, int width, int height, int stride)
        : m_pixels(pixels), m_width(width), m_height(height), m_stride(stride), m_clip{0, 0, width, height} {}

    int width() const { return m_width; }
    int height() const { return m_height; }
    Rect bounds() const { return {0, 0, m_width, m_height}; }
    Rect clip() const { return m_clip; }
    void setClip(Rect clip) { m_clip = clip.intersect(bounds()); }
    uint32_t pixel(int x, int y) const { return m_pixels[y * m_stride + x]; }
    uint32_t* row(int y) const { return m_pixels + y * m_stride; }

    void fillRect(Rect r, uint32_t color);
    void frame(Rect r, uint32_t color);
    // Top and left edges in `light`, bottom and right in `dark`, `depth` pixels thick.
    void bevel(Rect r, uint32_t light, uint32_t dark, int depth = 1);
    void text(int x, int y, const char* s, uint32_t color);
    static int textWidth(const char* s);
    // Draws a picture given as `rows` strings of equal length: `ink` characters become
    // `inkColor`, `paper` characters `paperColor`; anything else is left transparent.
    void stamp(int x, int y, const char* const* rows, int rowCount, char ink, uint32_t inkColor, char paper,
               uint32_t paperColor);
    void copyFrom(const Canvas& source, Rect r);

private:
    uint32_t* m_pixels;
    int m_width;
    int m_height;
    int m_stride;
    Rect m_clip;
};

}  // namespace gui
