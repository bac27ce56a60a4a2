// gui/Pointer: see Pointer.h.
#include "gui/Pointer.h"

namespace gui {

namespace {

int clampInt(int v, int low, int high) {
    if (v < low) {
        return low;
    }
    return v > high ? high : v;
}

}  // namespace

void Pointer::report(int dx, int dy, uint8_t buttons, EventQueue& queue) {
    Point next{clampInt(m_pos.x + dx, m_screen.x, m_screen.right() - 1),
               clampInt(m_pos.y + dy, m_screen.y, m_screen.bottom() - 1)};
    if (next.x != m_pos.x || next.y != m_pos.y) {
        m_pos = next;
        queue.post(Event::mouse(EventType::MouseMove, m_pos));
    }
    const uint8_t bits[] = {kLeft, kRight, kMiddle};
    for (uint8_t bit : bits) {
        bool was = (m_buttons & bit) != 0;
        bool now = (buttons & bit) != 0;
        if (was != now) {
            queue.post(Event::mouse(now ? EventType::MouseDown : EventType::MouseUp, m_pos, bit));
        }
    }
    m_buttons = buttons & (kLeft | kRight | kMiddle);
}

}  // namespace gui
