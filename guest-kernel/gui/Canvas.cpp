// gui/Canvas: see Canvas.h.
#include "gui/Canvas.h"

#include "drivers/Font.h"
#include "lib/String.h"

namespace gui {

void Canvas::fillRect(Rect r, uint32_t color) {
    r = r.intersect(m_clip);
    for (int y = r.y; y < r.bottom(); y++) {
        uint32_t* p = row(y) + r.x;
        for (int i = 0; i < r.w; i++) {
            p[i] = color;
        }
    }
}

void Canvas::frame(Rect r, uint32_t color) {
    fillRect({r.x, r.y, r.w, 1}, color);
    fillRect({r.x, r.bottom() - 1, r.w, 1}, color);
    fillRect({r.x, r.y, 1, r.h}, color);
    fillRect({r.right() - 1, r.y, 1, r.h}, color);
}

void Canvas::bevel(Rect r, uint32_t light, uint32_t dark, int depth) {
    for (int i = 0; i < depth; i++) {
        Rect e{r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i};
        fillRect({e.x, e.y, e.w - 1, 1}, light);
        fillRect({e.x, e.y, 1, e.h - 1}, light);
        fillRect({e.x, e.bottom() - 1, e.w, 1}, dark);
        fillRect({e.right() - 1, e.y, 1, e.h}, dark);
    }
}

void Canvas::text(int x, int y, const char* s, uint32_t color) {
    using drivers::Font;
    for (; *s != '\0'; s++, x += Font::kWidth) {
        Rect cell = Rect{x, y, Font::kWidth, Font::kHeight}.intersect(m_clip);
        if (cell.empty()) {
            continue;
        }
        const uint8_t* rows = Font::glyph(*s);
        for (int py = cell.y; py < cell.bottom(); py++) {
            uint8_t bits = rows[py - y];
            uint32_t* p = row(py);
            for (int px = cell.x; px < cell.right(); px++) {
                if ((bits & (0x80 >> (px - x))) != 0) {
                    p[px] = color;
                }
            }
        }
    }
}

int Canvas::textWidth(const char* s) { return static_cast<int>(strlen(s)) * drivers::Font::kWidth; }

void Canvas::stamp(int x, int y, const char* const* rows, int rowCount, char ink, uint32_t inkColor, char paper,
                   uint32_t paperColor) {
    for (int ry = 0; ry < rowCount; ry++) {
        int py = y + ry;
        if (py < m_clip.y || py >= m_clip.bottom()) {
            continue;
        }
        uint32_t* p = row(py);
        for (int rx = 0; rows[ry][rx] != '\0'; rx++) {
            int px = x + rx;
            if (px < m_clip.x || px >= m_clip.right()) {
                continue;
            }
            char c = rows[ry][rx];
            if (c == ink) {
                p[px] = inkColor;
            } else if (c == paper) {
                p[px] = paperColor;
            }
        }
    }
}

void Canvas::copyFrom(const Canvas& source, Rect r) {
    r = r.intersect(m_clip).intersect(source.bounds());
    for (int y = r.y; y < r.bottom(); y++) {
        memcpy(row(y) + r.x, source.row(y) + r.x, static_cast<size_t>(r.w) * sizeof(uint32_t));
    }
}

}  // namespace gui
