// gui/Control: something inside a window's client area (a button, a label). Its bounds are
// relative to the client area's top-left corner. paint() draws it at a screen origin;
// controls that react to the mouse override the press/track/release trio, which the window
// manager calls while it holds the mouse for the control (from the button going down until
// it comes up, wherever the pointer goes meanwhile).
#pragma once

#include "gui/Canvas.h"
#include "gui/Geometry.h"
#include "gui/Theme.h"

namespace gui {

class Control {
public:
    explicit Control(Rect bounds) : m_bounds(bounds) {}

    Rect bounds() const { return m_bounds; }
    virtual void paint(Canvas& canvas, Point origin, const Theme& theme) const = 0;
    virtual bool takesMouse() const { return false; }
    // Each returns true when the control's look changed (it needs repainting).
    virtual bool press() { return false; }
    virtual bool track(bool /*inside*/) { return false; }
    // Returns true when the release completed a click (the pointer was inside).
    virtual bool release(bool /*inside*/) { return false; }

protected:
    ~Control() = default;

private:
    Rect m_bounds;
};

}  // namespace gui
