// lib/Kprintf: formatted kernel output to the console (serial + framebuffer); the
// conversions are those of lib/Format.h.
#pragma once

#include <stdarg.h>

namespace lib {

void kprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void vkprintf(const char* fmt, va_list args);

}  // namespace lib
