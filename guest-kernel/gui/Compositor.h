// gui/Compositor: puts the desktop on the screen. The window manager paints into a back
// buffer, only inside the dirty rectangles; present() then hides the pointer (its save-under
// restores the screen), copies just those rectangles from the back buffer to the screen
// surface (the framebuffer), and shows the pointer at its new place. When nothing is dirty and
// the pointer stayed put, present() touches nothing.
#pragma once

#include "gui/Canvas.h"
#include "gui/Cursor.h"
#include "gui/DirtyRegion.h"
#include "gui/WindowManager.h"

namespace gui {

class Compositor {
public:
    Compositor(Canvas& back, Canvas& screen, DirtyRegion& dirty, WindowManager& wm, Cursor& cursor)
        : m_back(back), m_screen(screen), m_dirty(dirty), m_wm(wm), m_cursor(cursor) {}

    // Returns the number of pixels copied to the screen (the arrow not counted).
    long present(Point pointer);

private:
    Canvas& m_back;
    Canvas& m_screen;
    DirtyRegion& m_dirty;
    WindowManager& m_wm;
    Cursor& m_cursor;
};

}  // namespace gui
