// lib/Kprintf: see Kprintf.h.
#include "lib/Kprintf.h"

#include "drivers/Console.h"
#include "lib/Format.h"

namespace lib {

namespace {

class ConsoleSink final : public FormatSink {
public:
    void put(char c) override { drivers::Console::put(c); }
};

}  // namespace

void vkprintf(const char* fmt, va_list args) {
    ConsoleSink sink;
    formatTo(sink, fmt, args);
}

void kprintf(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vkprintf(fmt, args);
    va_end(args);
}

}  // namespace lib
