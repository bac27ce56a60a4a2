// gui/Cursor: the mouse pointer, an arrow whose tip is its hot spot, drawn last on the
// screen surface with a save-under: show() keeps the pixels it covers and hide() puts them
// back, so the scene below never needs repainting when only the pointer moves. Parts off the
// screen are neither saved nor drawn. hide() must come before anything else draws where
// the arrow is (the compositor hides it before copying dirty rectangles).
#pragma once

#include <stdint.h>

#include "gui/Canvas.h"
#include "gui/Geometry.h"

namespace gui {

class Cursor {
public:
    static constexpr int kWidth = 12;
    static constexpr int kHeight = 19;

    Cursor(uint32_t outline, uint32_t fill) : m_outline(outline), m_fill(fill) {}

    bool visible() const { return m_visible; }
    Point position() const { return m_position; }
    // The screen rectangle the arrow covers at its current position.
    Rect rect() const { return {m_position.x, m_position.y, kWidth, kHeight}; }
    void show(Canvas& screen, Point position);
    void hide(Canvas& screen);

private:
    uint32_t m_outline;
    uint32_t m_fill;
    bool m_visible = false;
    Point m_position{0, 0};
    Rect m_saved;  // the on-screen part of rect() when shown
    uint32_t m_under[kWidth * kHeight] = {};
};

}  // namespace gui
