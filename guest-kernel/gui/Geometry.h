// gui/Geometry: points and rectangles in screen pixels (x right, y down). A Rect is the
// half-open area [x, x + w) x [y, y + h); one with w <= 0 or h <= 0 is empty and contains
// nothing. Pure value types: the window manager, the canvas clip and the dirty region share them.
#pragma once

namespace gui {

struct Point {
    int x;
    int y;
};

struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;

    int right() const { return x + w; }
    int bottom() const { return y + h; }
    bool empty() const { return w <= 0 || h <= 0; }
    bool contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
    bool contains(const Rect& r) const {
        return !r.empty() && r.x >= x && r.y >= y && r.right() <= right() && r.bottom() <= bottom();
    }
    bool intersects(const Rect& r) const { return !intersect(r).empty(); }
    Rect offset(int dx, int dy) const { return {x + dx, y + dy, w, h}; }
    // The overlap of both rectangles (empty when they do not overlap).
    Rect intersect(const Rect& r) const {
        int left = x > r.x ? x : r.x;
        int top = y > r.y ? y : r.y;
        int rgt = right() < r.right() ? right() : r.right();
        int bot = bottom() < r.bottom() ? bottom() : r.bottom();
        if (rgt <= left || bot <= top) {
            return {};
        }
        return {left, top, rgt - left, bot - top};
    }
    // The smallest rectangle holding both; an empty operand is ignored.
    Rect unite(const Rect& r) const {
        if (empty()) {
            return r;
        }
        if (r.empty()) {
            return *this;
        }
        int left = x < r.x ? x : r.x;
        int top = y < r.y ? y : r.y;
        int rgt = right() > r.right() ? right() : r.right();
        int bot = bottom() > r.bottom() ? bottom() : r.bottom();
        return {left, top, rgt - left, bot - top};
    }
    bool operator==(const Rect& r) const { return x == r.x && y == r.y && w == r.w && h == r.h; }
};

}  // namespace gui
