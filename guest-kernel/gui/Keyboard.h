// gui/Keyboard: turns raw PS/2 scancode set 1 bytes (IBM PS/2 Technical Reference, keyboard
// scan code set 1: bit 7 set = break, E0 = extended prefix, E1 = the six-byte Pause sequence)
// into KeyDown/KeyUp events carrying the make code (0xE0xx for extended keys) and, for key
// downs that type a single character, that character (from drivers/Ps2Keyboard, so Shift and
// Caps Lock count). Escape is make code 0x01.
#pragma once

#include <stdint.h>

#include "drivers/Ps2Keyboard.h"
#include "gui/EventQueue.h"

namespace gui {

class Keyboard {
public:
    static constexpr uint16_t kEscape = 0x01;

    void feed(uint8_t byte, EventQueue& queue);

private:
    drivers::Ps2KeyboardDecoder m_decoder;
    bool m_extended = false;
    int m_pauseBytesLeft = 0;
};

}  // namespace gui
