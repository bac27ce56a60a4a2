// drivers/Ps2Mouse: decodes standard PS/2 mouse stream packets (IBM PS/2 Technical
// Reference, pointing device: 3 bytes; byte 0 = Y overflow, X overflow, Y sign, X sign,
// always 1 (bit 3), middle, right, left; bytes 1-2 = X and Y movement, 9-bit two's
// complement with the sign bits) into a pointer position kept inside a width x height area,
// with y growing downwards (the device reports up as positive). A first byte without bit 3
// is dropped to regain packet alignment; movement with an overflow bit set is ignored.
// Pure code: host unit-tested; drivers/I8042 feeds it from IRQ 12.
#pragma once

#include <stdint.h>

namespace drivers {

struct MouseState {
    int x;
    int y;
    bool left;
    bool right;
    bool middle;
    uint64_t packets;
};

// One packet's movement, with dy growing down the screen (0 when the packet overflowed),
// and the buttons held (bit 0 left, bit 1 right, bit 2 middle: the packet's own order).
struct MousePacket {
    int dx;
    int dy;
    uint8_t buttons;
};

class Ps2MouseDecoder {
public:
    constexpr Ps2MouseDecoder(int width, int height)
        : m_width(width), m_height(height), m_state{width / 2, height / 2, false, false, false, 0} {}

    // Feeds one byte; returns true when it completed a packet.
    bool feed(uint8_t byte);
    const MouseState& state() const { return m_state; }
    // The movement and buttons of the packet feed() last completed.
    const MousePacket& lastPacket() const { return m_last; }

private:
    void apply();

    int m_width;
    int m_height;
    MouseState m_state;
    MousePacket m_last = {};
    uint8_t m_packet[3] = {};
    int m_filled = 0;
};

}  // namespace drivers
