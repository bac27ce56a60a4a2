// drivers/Ps2Mouse: see Ps2Mouse.h.
#include "drivers/Ps2Mouse.h"

namespace drivers {

namespace {

constexpr uint8_t kLeft = 1 << 0, kRight = 1 << 1, kMiddle = 1 << 2, kAlwaysOne = 1 << 3;
constexpr uint8_t kXSign = 1 << 4, kYSign = 1 << 5, kXOverflow = 1 << 6, kYOverflow = 1 << 7;

int movement(uint8_t low, bool negative) { return negative ? static_cast<int>(low) - 256 : static_cast<int>(low); }

int clamp(int value, int limit) {
    if (value < 0) {
        return 0;
    }
    return value >= limit ? limit - 1 : value;
}

}  // namespace

bool Ps2MouseDecoder::feed(uint8_t byte) {
    if (m_filled == 0 && (byte & kAlwaysOne) == 0) {
        return false;
    }
    m_packet[m_filled++] = byte;
    if (m_filled < 3) {
        return false;
    }
    m_filled = 0;
    apply();
    return true;
}

void Ps2MouseDecoder::apply() {
    uint8_t flags = m_packet[0];
    m_state.left = (flags & kLeft) != 0;
    m_state.right = (flags & kRight) != 0;
    m_state.middle = (flags & kMiddle) != 0;
    m_state.packets++;
    m_last = {0, 0, static_cast<uint8_t>(flags & (kLeft | kRight | kMiddle))};
    if ((flags & (kXOverflow | kYOverflow)) != 0) {
        return;
    }
    int dx = movement(m_packet[1], (flags & kXSign) != 0);
    int dy = movement(m_packet[2], (flags & kYSign) != 0);
    m_last.dx = dx;
    m_last.dy = -dy;
    m_state.x = clamp(m_state.x + dx, m_width);
    m_state.y = clamp(m_state.y - dy, m_height);
}

}  // namespace drivers
