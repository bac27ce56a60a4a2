// tests/Ps2Test: scancode set 1 to terminal bytes, and mouse packet decoding.
#include "drivers/Ps2Keyboard.h"
#include "drivers/Ps2Mouse.h"

#include <string>

#include "tests/Test.h"

namespace {

std::string type(drivers::Ps2KeyboardDecoder& k, std::initializer_list<uint8_t> codes) {
    std::string out;
    for (uint8_t code : codes) {
        char bytes[drivers::Ps2KeyboardDecoder::kMaxOutput];
        int n = k.feed(code, bytes);
        out.append(bytes, static_cast<size_t>(n));
    }
    return out;
}

}  // namespace

TEST(keyboard_letterMakeAndBreak_typesOnce) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x1e, 0x9e}) == std::string("a"));
}

TEST(keyboard_digitsAndEnter_typeLikeATerminal) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x02, 0x82, 0x0b, 0x8b, 0x1c, 0x9c}) == std::string("10\r"));
}

TEST(keyboard_shiftHeld_typesUpperCaseAndSymbols) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x2a, 0x23, 0xa3, 0x02, 0x82, 0xaa}) == std::string("H!"));
    EXPECT_TRUE(type(k, {0x23}) == std::string("h"));
}

TEST(keyboard_capsLock_invertsLettersOnly) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x3a, 0xba, 0x1e, 0x02}) == std::string("A1"));
    EXPECT_TRUE(type(k, {0x2a, 0x1e}) == std::string("a"));
}

TEST(keyboard_ctrlU_isControlCode) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x1d, 0x16, 0x96, 0x9d}) == std::string("\x15"));
}

TEST(keyboard_arrows_sendAnsiSequences) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0xe0, 0x4b, 0xe0, 0xcb, 0xe0, 0x48}) == std::string("\x1b[D\x1b[A"));
}

TEST(keyboard_backspaceSpaceTab_sendTerminalBytes) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0x0e, 0x39, 0x0f}) == std::string("\x7f \t"));
}

TEST(keyboard_pauseSequence_isSwallowed) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, 0x2d}) == std::string("x"));
}

TEST(keyboard_fakeShiftAroundExtendedKey_doesNotShift) {
    drivers::Ps2KeyboardDecoder k;
    EXPECT_TRUE(type(k, {0xe0, 0x2a, 0xe0, 0x4d, 0xe0, 0xaa, 0x10}) == std::string("\x1b[Cq"));
}

TEST(mouse_packet_movesRightAndUp) {
    drivers::Ps2MouseDecoder m(100, 100);
    m.feed(0x08);
    m.feed(10);
    EXPECT_TRUE(m.feed(5));
    EXPECT_EQ(60, m.state().x);
    EXPECT_EQ(45, m.state().y);
}

TEST(mouse_negativeMovement_usesSignBits) {
    drivers::Ps2MouseDecoder m(100, 100);
    m.feed(0x08 | 0x10 | 0x20 | 0x01);
    m.feed(0xf6);  // -10
    m.feed(0xfb);  // -5: down
    EXPECT_EQ(40, m.state().x);
    EXPECT_EQ(55, m.state().y);
    EXPECT_TRUE(m.state().left);
}

TEST(mouse_position_isClampedToTheArea) {
    drivers::Ps2MouseDecoder m(100, 100);
    for (int i = 0; i < 3; i++) {
        m.feed(0x08);
        m.feed(100);
        m.feed(100);
    }
    EXPECT_EQ(99, m.state().x);
    EXPECT_EQ(0, m.state().y);
}

TEST(mouse_byteWithoutAlwaysOneBit_isDroppedToResync) {
    drivers::Ps2MouseDecoder m(100, 100);
    EXPECT_TRUE(!m.feed(0x00));
    m.feed(0x0a);
    m.feed(0);
    EXPECT_TRUE(m.feed(0));
    EXPECT_TRUE(m.state().right);
    EXPECT_EQ(1u, m.state().packets);
}

TEST(mouse_overflow_ignoresMovement) {
    drivers::Ps2MouseDecoder m(100, 100);
    m.feed(0x08 | 0x40);
    m.feed(0xff);
    m.feed(0);
    EXPECT_EQ(50, m.state().x);
}

TEST(mouse_lastPacket_reportsDeltasWithYDownAndTheButtons) {
    drivers::Ps2MouseDecoder m(100, 100);
    m.feed(0x08 | 0x10 | 0x01);  // X negative, left held
    m.feed(0xf6);                // dx -10
    m.feed(7);                   // dy +7: up the screen
    EXPECT_EQ(-10, m.lastPacket().dx);
    EXPECT_EQ(-7, m.lastPacket().dy);
    EXPECT_EQ(1, m.lastPacket().buttons);
    m.feed(0x08 | 0x80);  // Y overflow: no movement
    m.feed(5);
    m.feed(0xff);
    EXPECT_EQ(0, m.lastPacket().dx);
    EXPECT_EQ(0, m.lastPacket().dy);
    EXPECT_EQ(0, m.lastPacket().buttons);
}
