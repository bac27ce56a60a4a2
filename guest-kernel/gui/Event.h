// gui/Event: one thing that happened to the desktop — the pointer moved, a mouse button went
// down or up (at the pointer position), a key went down or up (scancode set 1 make code, 0xE0xx
// for extended keys, plus the character it types when it types one), a window must be
// repainted, or a window was asked to close.
#pragma once

#include <stdint.h>

#include "gui/Geometry.h"

namespace gui {

class Window;

enum class EventType : uint8_t { MouseMove, MouseDown, MouseUp, KeyDown, KeyUp, Paint, Close };

struct Event {
    EventType type;
    Point pos;            // mouse events: the pointer position after the event
    uint8_t button;       // MouseDown/MouseUp: 1 left, 2 right, 4 middle
    uint16_t scancode;    // key events; 0 for keys that came from the serial line
    char ascii;           // key events: the character typed, or 0
    Window* window;       // Paint/Close: the window concerned

    static Event mouse(EventType type, Point pos, uint8_t button = 0) { return {type, pos, button, 0, 0, nullptr}; }
    static Event key(EventType type, uint16_t scancode, char ascii) { return {type, {0, 0}, 0, scancode, ascii, nullptr}; }
    static Event forWindow(EventType type, Window* window) { return {type, {0, 0}, 0, 0, 0, window}; }
};

}  // namespace gui
