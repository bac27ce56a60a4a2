// gui/Compositor: see Compositor.h.
#include "gui/Compositor.h"

namespace gui {

long Compositor::present(Point pointer) {
    bool pointerMoved = !m_cursor.visible() || m_cursor.position().x != pointer.x ||
                        m_cursor.position().y != pointer.y;
    if (m_dirty.empty() && !pointerMoved) {
        return 0;
    }
    m_cursor.hide(m_screen);
    long copied = 0;
    for (int i = 0; i < m_dirty.count(); i++) {
        Rect r = m_dirty.rect(i);
        m_back.setClip(r);
        m_wm.paint(m_back);
        m_screen.copyFrom(m_back, r);
        copied += static_cast<long>(r.w) * r.h;
    }
    m_back.setClip(m_back.bounds());
    m_dirty.clear();
    m_cursor.show(m_screen, pointer);
    return copied;
}

}  // namespace gui
