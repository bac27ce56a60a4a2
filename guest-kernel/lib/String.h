// lib/String: the C memory and string primitives the kernel (and g++ itself) relies on.
// Interface: memcpy/memmove/memset/memcmp (C linkage: the compiler may emit calls to them),
// strlen/strcmp/strncmp, and fill64/copy64 for bulk 8-byte fills and copies that compile to
// rep stosq / rep movsq (the framebuffer clear and scroll use them).
// Host tests take the C library's versions instead.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef JEFEOS_HOST_TEST
#include <string.h>
#else
extern "C" {
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int value, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t n);
}
#endif

namespace lib {

// Stores `count` copies of the 64-bit `pattern` from `dst` (8-byte aligned).
void fill64(void* dst, uint64_t pattern, size_t count);

}  // namespace lib
