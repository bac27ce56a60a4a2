// lib/Format: printf-style formatting, independent of where the characters go.
// Interface: formatTo(sink, fmt, args) writes to any FormatSink; formatToBuffer is snprintf
// (always NUL-terminates when capacity > 0, returns the length it wanted to write).
// Conversions: %s %c %d %i %u %x %X %p %% with flags '-' and '0', a width (digits or '*'),
// a precision for %s, and length modifiers h, l, ll, z. %p prints 0x and 16 hex digits.
// An unknown conversion is printed literally. Pure code: also built for host unit tests.
#pragma once

#include <stdarg.h>
#include <stddef.h>

namespace lib {

class FormatSink {
public:
    virtual void put(char c) = 0;

protected:
    ~FormatSink() = default;
};

void formatTo(FormatSink& sink, const char* fmt, va_list args);
size_t formatToBuffer(char* buffer, size_t capacity, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t vformatToBuffer(char* buffer, size_t capacity, const char* fmt, va_list args);

}  // namespace lib
