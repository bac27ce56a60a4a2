// drivers/Ps2Keyboard: turns PS/2 scancode set 1 bytes (what the 8042 delivers with
// translation on; IBM PS/2 Technical Reference, keyboard scan code set 1) into the bytes a
// serial terminal would send for the same keys, US layout: printable ASCII, CR for Enter,
// DEL for Backspace, TAB, ESC, Ctrl-letter control codes, and ESC [ A/B/C/D for the arrow
// keys (E0-prefixed codes). Break codes (bit 7 set) release keys; Shift, Ctrl and Caps Lock
// are tracked; the E1 Pause sequence and the E0 2A/E0 AA "fake shift" codes are swallowed.
// Pure code: host unit-tested; drivers/I8042 feeds it from IRQ 1.
#pragma once

#include <stdint.h>

namespace drivers {

class Ps2KeyboardDecoder {
public:
    static constexpr int kMaxOutput = 3;

    // Feeds one scancode byte; writes 0 to kMaxOutput terminal bytes to out and returns how many.
    int feed(uint8_t scancode, char out[kMaxOutput]);

    bool shiftDown() const { return m_leftShift || m_rightShift; }
    bool ctrlDown() const { return m_ctrl; }
    bool capsLock() const { return m_capsLock; }

private:
    int extendedKey(uint8_t code, bool released, char out[kMaxOutput]);
    char translate(uint8_t code) const;

    bool m_extended = false;
    int m_pauseBytesLeft = 0;
    bool m_leftShift = false;
    bool m_rightShift = false;
    bool m_ctrl = false;
    bool m_capsLock = false;
};

}  // namespace drivers
