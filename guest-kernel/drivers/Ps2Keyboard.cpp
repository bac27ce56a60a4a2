// drivers/Ps2Keyboard: see Ps2Keyboard.h.
#include "drivers/Ps2Keyboard.h"

namespace drivers {

namespace {

constexpr uint8_t kBreakBit = 0x80;
constexpr uint8_t kExtendedPrefix = 0xe0;
constexpr uint8_t kPausePrefix = 0xe1;
constexpr int kPauseTail = 5;  // E1 1D 45 E1 9D C5: five bytes follow the first E1
constexpr uint8_t kLeftShift = 0x2a, kRightShift = 0x36, kCtrl = 0x1d, kCapsLock = 0x3a;
constexpr uint8_t kCursorUp = 0x48, kCursorLeft = 0x4b, kCursorRight = 0x4d, kCursorDown = 0x50;
constexpr uint8_t kKeypadEnter = 0x1c, kKeypadSlash = 0x35, kDelete = 0x53;
constexpr char kEscape = 0x1b, kDel = 0x7f;

// Set 1 make codes 00h-58h, US layout; 0 = no character (modifiers, function keys).
constexpr char kPlain[] =
    "\0\x1b" "1234567890-=\x7f\t"
    "qwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 \0"
    "\0\0\0\0\0\0\0\0\0\0\0\0"
    "789-456+1230.";
constexpr char kShifted[] =
    "\0\x1b" "!@#$%^&*()_+\x7f\t"
    "QWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 \0"
    "\0\0\0\0\0\0\0\0\0\0\0\0"
    "789-456+1230.";
constexpr int kTableSize = sizeof(kPlain) - 1;
static_assert(sizeof(kPlain) == sizeof(kShifted));
static_assert(kTableSize == 0x54, "the table ends with keypad '.' (53h)");

bool isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int arrow(char final, char out[Ps2KeyboardDecoder::kMaxOutput]) {
    out[0] = kEscape;
    out[1] = '[';
    out[2] = final;
    return 3;
}

}  // namespace

int Ps2KeyboardDecoder::feed(uint8_t scancode, char out[kMaxOutput]) {
    if (m_pauseBytesLeft > 0) {
        m_pauseBytesLeft--;
        return 0;
    }
    if (scancode == kPausePrefix) {
        m_pauseBytesLeft = kPauseTail;
        return 0;
    }
    if (scancode == kExtendedPrefix) {
        m_extended = true;
        return 0;
    }
    bool released = (scancode & kBreakBit) != 0;
    uint8_t code = scancode & ~kBreakBit;
    if (m_extended) {
        m_extended = false;
        return extendedKey(code, released, out);
    }
    switch (code) {
        case kLeftShift: m_leftShift = !released; return 0;
        case kRightShift: m_rightShift = !released; return 0;
        case kCtrl: m_ctrl = !released; return 0;
        case kCapsLock:
            if (!released) {
                m_capsLock = !m_capsLock;
            }
            return 0;
        default: break;
    }
    if (released) {
        return 0;
    }
    char c = translate(code);
    if (c == 0) {
        return 0;
    }
    if (m_ctrl && isLetter(c)) {
        c = static_cast<char>(c & 0x1f);
    }
    out[0] = c;
    return 1;
}

int Ps2KeyboardDecoder::extendedKey(uint8_t code, bool released, char out[kMaxOutput]) {
    if (code == kCtrl) {  // right Ctrl
        m_ctrl = !released;
        return 0;
    }
    if (released) {
        return 0;
    }
    switch (code) {
        case kCursorUp: return arrow('A', out);
        case kCursorDown: return arrow('B', out);
        case kCursorRight: return arrow('C', out);
        case kCursorLeft: return arrow('D', out);
        case kKeypadEnter: out[0] = '\r'; return 1;
        case kKeypadSlash: out[0] = '/'; return 1;
        case kDelete: out[0] = kDel; return 1;
        default: return 0;  // fake shifts (2Ah/36h), Alt Gr, Home/End/PgUp/PgDn, GUI keys
    }
}

char Ps2KeyboardDecoder::translate(uint8_t code) const {
    if (code >= kTableSize) {
        return 0;
    }
    char plain = kPlain[code];
    bool upper = shiftDown();
    if (m_capsLock && isLetter(plain)) {
        upper = !upper;
    }
    return upper ? kShifted[code] : plain;
}

}  // namespace drivers
