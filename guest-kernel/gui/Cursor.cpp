// gui/Cursor: see Cursor.h.
#include "gui/Cursor.h"

namespace gui {

namespace {

// 'X' outline, '.' fill, ' ' transparent; the tip (hot spot) is the top-left pixel.
constexpr const char* kArrow[Cursor::kHeight] = {
    "X           ", "XX          ", "X.X         ", "X..X        ", "X...X       ", "X....X      ",
    "X.....X     ", "X......X    ", "X.......X   ", "X........X  ", "X.........X ", "X......XXXXX",
    "X...X..X    ", "X..XX..X    ", "X.X  X..X   ", "XX   X..X   ", "X     X..X  ", "      X..X  ",
    "       XX   ",
};

}  // namespace

void Cursor::show(Canvas& screen, Point position) {
    if (m_visible) {
        hide(screen);
    }
    m_position = position;
    m_saved = rect().intersect(screen.bounds());
    for (int y = 0; y < m_saved.h; y++) {
        for (int x = 0; x < m_saved.w; x++) {
            m_under[y * kWidth + x] = screen.pixel(m_saved.x + x, m_saved.y + y);
        }
    }
    Rect clip = screen.clip();
    screen.setClip(screen.bounds());
    screen.stamp(position.x, position.y, kArrow, kHeight, 'X', m_outline, '.', m_fill);
    screen.setClip(clip);
    m_visible = true;
}

void Cursor::hide(Canvas& screen) {
    if (!m_visible) {
        return;
    }
    for (int y = 0; y < m_saved.h; y++) {
        uint32_t* row = screen.row(m_saved.y + y) + m_saved.x;
        for (int x = 0; x < m_saved.w; x++) {
            row[x] = m_under[y * kWidth + x];
        }
    }
    m_visible = false;
}

}  // namespace gui
