// drivers/Console: see Console.h.
#include "drivers/Console.h"

namespace drivers {

namespace {

Serial16550* g_serial = nullptr;
FbConsole* g_fb = nullptr;
Console::Capture g_capture = nullptr;
void* g_captureContext = nullptr;

}  // namespace

void Console::attachSerial(Serial16550* serial) { g_serial = serial; }
void Console::attachFramebuffer(FbConsole* fb) { g_fb = fb; }
Serial16550* Console::serial() { return g_serial; }
FbConsole* Console::framebuffer() { return g_fb; }

void Console::setCapture(Capture capture, void* context) {
    g_capture = capture;
    g_captureContext = context;
}

void Console::put(char c) {
    if (g_capture != nullptr) {
        g_capture(c, g_captureContext);
        return;
    }
    if (g_serial != nullptr) {
        if (c == '\n') {
            g_serial->write('\r');
        }
        g_serial->write(c);
    }
    if (g_fb != nullptr) {
        g_fb->put(c);
    }
}

void Console::write(const char* s) {
    while (*s != '\0') {
        put(*s++);
    }
}

void Console::write(const char* s, size_t length) {
    for (size_t i = 0; i < length; i++) {
        put(s[i]);
    }
}

void Console::clear() {
    if (g_serial != nullptr) {
        for (const char* p = "\x1b[2J\x1b[H"; *p != '\0'; p++) {
            g_serial->write(*p);
        }
    }
    if (g_fb != nullptr) {
        g_fb->clear();
    }
}

}  // namespace drivers
