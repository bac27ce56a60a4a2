// fs/ntfs/NtfsSupport: heap memory and formatted one-line errors for the NTFS driver.
#include "fs/ntfs/NtfsSupport.h"

#include <stdarg.h>

#include "lib/Format.h"

#ifdef JEFEOS_HOST_TEST
#include <stdlib.h>
#else
#include "mm/KernelHeap.h"
#endif

namespace fs::ntfs {

void* allocateBytes(size_t size) {
#ifdef JEFEOS_HOST_TEST
    return malloc(size);
#else
    return kmalloc(size);
#endif
}

void releaseBytes(void* pointer) {
    if (pointer == nullptr) return;
#ifdef JEFEOS_HOST_TEST
    free(pointer);
#else
    kfree(pointer);
#endif
}

namespace {

// Messages outlive the call that made them (the caller prints them later); a ring of
// buffers keeps the last few valid. JefeOS's file calls run on one thread at a time.
constexpr int kMessages = 8;
char g_messages[kMessages][128];
int g_next = 0;

lib::Error make(lib::ErrorCode code, const char* fmt, va_list args) {
    char* buffer = g_messages[g_next];
    g_next = (g_next + 1) % kMessages;
    lib::vformatToBuffer(buffer, sizeof(g_messages[0]), fmt, args);
    return lib::Error::from(code, buffer);
}

}  // namespace

lib::Error corrupt(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    lib::Error error = make(lib::ErrorCode::Corrupt, fmt, args);
    va_end(args);
    return error;
}

lib::Error failure(lib::ErrorCode code, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    lib::Error error = make(code, fmt, args);
    va_end(args);
    return error;
}

}  // namespace fs::ntfs
