// gui/DirtyRegion: the parts of the screen that must be redrawn and copied to the
// framebuffer before the next frame. add() keeps a short list of rectangles: one that
// overlaps a listed rectangle is merged with it into their bounding box (repeatedly, so the
// list never holds two overlapping rectangles and no pixel is copied twice), one inside a
// listed rectangle is dropped, and when the list is full everything collapses into a single
// bounding box. Everything is clipped to the screen given at construction.
#pragma once

#include "gui/Geometry.h"

namespace gui {

class DirtyRegion {
public:
    static constexpr int kMaxRects = 16;

    explicit DirtyRegion(Rect screen) : m_screen(screen) {}

    void add(Rect r);
    void addAll() { add(m_screen); }
    void clear() { m_count = 0; }
    bool empty() const { return m_count == 0; }
    int count() const { return m_count; }
    const Rect& rect(int i) const { return m_rects[i]; }
    Rect bounds() const;

private:
    void removeAt(int i);

    Rect m_screen;
    Rect m_rects[kMaxRects];
    int m_count = 0;
};

}  // namespace gui
