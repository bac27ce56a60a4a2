// drivers/Console: where kernel text goes. Everything written is sent to the serial port
// (with '\n' expanded to CR LF for terminals) and mirrored on the framebuffer console when
// one is attached. Either sink may be absent (early boot has only serial).
#pragma once

#include <stddef.h>

#include "drivers/FbConsole.h"
#include "drivers/Serial16550.h"

namespace drivers {

class Console {
public:
    static void attachSerial(Serial16550* serial);
    static void attachFramebuffer(FbConsole* fb);
    static Serial16550* serial();
    static FbConsole* framebuffer();

    // While a capture is set, put() and write() hand every byte to it instead of the sinks
    // (the shell's `>` and `>>` redirection); nullptr ends the capture.
    using Capture = void (*)(char c, void* context);
    static void setCapture(Capture capture, void* context);

    static void put(char c);
    static void write(const char* s);
    static void write(const char* s, size_t length);
    // Clears the framebuffer console and sends the ANSI "clear screen, cursor home" sequence
    // (ECMA-48 ED and CUP) to the serial terminal.
    static void clear();
};

}  // namespace drivers
