// lib/String: see String.h. The bulk routines use the x86 string instructions (rep movs /
// rep stos), which the interpreter runs as one instruction each; DF is clear in kernel code
// (the exception stubs clear it too), as the SysV ABI requires (SysV AMD64 ABI 3.2.1).
#include "lib/String.h"

// Host test builds take these from the C library and compile only fill64 below.
#ifndef JEFEOS_HOST_TEST
extern "C" {

void* memcpy(void* dst, const void* src, size_t n) {
    void* d = dst;
    size_t words = n / 8;
    size_t tail = n % 8;
    asm volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(words) : : "memory");
    asm volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(tail) : : "memory");
    return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
    auto* d = static_cast<unsigned char*>(dst);
    auto* s = static_cast<const unsigned char*>(src);
    if (d <= s || d >= s + n) {
        return memcpy(dst, src, n);
    }
    // Overlap with dst above src: copy backwards (std; rep movsb from the last byte).
    unsigned char* dEnd = d + n - 1;
    const unsigned char* sEnd = s + n - 1;
    asm volatile("std\n\trep movsb\n\tcld" : "+D"(dEnd), "+S"(sEnd), "+c"(n) : : "memory");
    return dst;
}

void* memset(void* dst, int value, size_t n) {
    // Eight bytes per iteration for the bulk (page-table and buffer clears), then the tail.
    void* d = dst;
    size_t words = n / 8;
    size_t tail = n % 8;
    uint64_t pattern = 0x0101010101010101ull * static_cast<uint8_t>(value);
    asm volatile("rep stosq" : "+D"(d), "+c"(words) : "a"(pattern) : "memory");
    asm volatile("rep stosb" : "+D"(d), "+c"(tail) : "a"(pattern) : "memory");
    return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
    auto* x = static_cast<const unsigned char*>(a);
    auto* y = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char* s) {
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

int strcmp(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

int strncmp(const char* a, const char* b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || a[i] == '\0') {
            return static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i]);
        }
    }
    return 0;
}

}  // extern "C"
#endif

namespace lib {

void fill64(void* dst, uint64_t pattern, size_t count) {
    asm volatile("rep stosq" : "+D"(dst), "+c"(count) : "a"(pattern) : "memory");
}

}  // namespace lib
