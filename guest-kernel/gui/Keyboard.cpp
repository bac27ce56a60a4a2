// gui/Keyboard: see Keyboard.h.
#include "gui/Keyboard.h"

namespace gui {

namespace {

constexpr uint8_t kExtendedPrefix = 0xe0, kPausePrefix = 0xe1, kBreakBit = 0x80;
constexpr int kPauseSequenceRest = 5;  // E1 1D 45 E1 9D C5

}  // namespace

void Keyboard::feed(uint8_t byte, EventQueue& queue) {
    char typed[drivers::Ps2KeyboardDecoder::kMaxOutput];
    int n = m_decoder.feed(byte, typed);
    if (m_pauseBytesLeft > 0) {
        m_pauseBytesLeft--;
        return;
    }
    if (byte == kPausePrefix) {
        m_pauseBytesLeft = kPauseSequenceRest;
        return;
    }
    if (byte == kExtendedPrefix) {
        m_extended = true;
        return;
    }
    bool released = (byte & kBreakBit) != 0;
    uint16_t code = static_cast<uint16_t>((byte & ~kBreakBit) | (m_extended ? 0xe000 : 0));
    m_extended = false;
    char ascii = (!released && n == 1) ? typed[0] : 0;
    queue.post(Event::key(released ? EventType::KeyUp : EventType::KeyDown, code, ascii));
}

}  // namespace gui
