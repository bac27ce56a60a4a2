// gui/Pointer: turns relative mouse reports (the PS/2 packets' dx, dy with y already pointing
// down the screen, and the buttons held) into desktop events. The position moves by the
// deltas one to one (no acceleration, so a host that moves the mouse by N counts moves the
// pointer by N pixels) and is clamped to the screen; a report that moved it posts MouseMove,
// then each button that changed posts MouseDown or MouseUp at the new position.
#pragma once

#include <stdint.h>

#include "gui/EventQueue.h"
#include "gui/Geometry.h"

namespace gui {

class Pointer {
public:
    static constexpr uint8_t kLeft = 1, kRight = 2, kMiddle = 4;

    // Starts at the centre of the screen.
    explicit Pointer(Rect screen) : m_screen(screen), m_pos{screen.x + screen.w / 2, screen.y + screen.h / 2} {}

    Point position() const { return m_pos; }
    uint8_t buttons() const { return m_buttons; }
    void report(int dx, int dy, uint8_t buttons, EventQueue& queue);

private:
    Rect m_screen;
    Point m_pos;
    uint8_t m_buttons = 0;
};

}  // namespace gui
