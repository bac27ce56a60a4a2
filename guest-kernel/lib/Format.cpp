// lib/Format: see Format.h.
#include "lib/Format.h"

#include <stdint.h>

namespace lib {

namespace {

struct Spec {
    bool leftAlign = false;
    bool zeroPad = false;
    int width = 0;
    int precision = -1;
    int longs = 0;  // 0 = int, 1 = long, 2 = long long (size_t counts as long)
};

void padTo(FormatSink& sink, int count, char fill) {
    for (int i = 0; i < count; i++) {
        sink.put(fill);
    }
}

void emitString(FormatSink& sink, const char* s, const Spec& spec) {
    if (s == nullptr) {
        s = "(null)";
    }
    int len = 0;
    while (s[len] != '\0' && (spec.precision < 0 || len < spec.precision)) {
        len++;
    }
    if (!spec.leftAlign) {
        padTo(sink, spec.width - len, ' ');
    }
    for (int i = 0; i < len; i++) {
        sink.put(s[i]);
    }
    if (spec.leftAlign) {
        padTo(sink, spec.width - len, ' ');
    }
}

// Emits `magnitude` in `base`, with a sign and an optional prefix ("0x"), honouring width,
// zero padding and left alignment.
void emitNumber(FormatSink& sink, uint64_t magnitude, bool negative, unsigned base,
                bool upper, const char* prefix, const Spec& spec) {
    char digits[24];
    int n = 0;
    const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        digits[n++] = alphabet[magnitude % base];
        magnitude /= base;
    } while (magnitude != 0);

    int prefixLen = 0;
    while (prefix[prefixLen] != '\0') {
        prefixLen++;
    }
    int total = n + prefixLen + (negative ? 1 : 0);
    int pad = spec.width > total ? spec.width - total : 0;

    if (!spec.leftAlign && !spec.zeroPad) {
        padTo(sink, pad, ' ');
    }
    if (negative) {
        sink.put('-');
    }
    for (int i = 0; i < prefixLen; i++) {
        sink.put(prefix[i]);
    }
    if (!spec.leftAlign && spec.zeroPad) {
        padTo(sink, pad, '0');
    }
    while (n > 0) {
        sink.put(digits[--n]);
    }
    if (spec.leftAlign) {
        padTo(sink, pad, ' ');
    }
}

uint64_t takeUnsigned(va_list& args, int longs) {
    if (longs >= 1) {
        return va_arg(args, unsigned long long);
    }
    return va_arg(args, unsigned int);
}

int64_t takeSigned(va_list& args, int longs) {
    if (longs >= 1) {
        return va_arg(args, long long);
    }
    return va_arg(args, int);
}

class BufferSink final : public FormatSink {
public:
    BufferSink(char* buffer, size_t capacity) : m_buffer(buffer), m_capacity(capacity) {}
    void put(char c) override {
        if (m_length + 1 < m_capacity) {
            m_buffer[m_length] = c;
        }
        m_length++;
    }
    size_t finish() {
        if (m_capacity > 0) {
            m_buffer[m_length < m_capacity ? m_length : m_capacity - 1] = '\0';
        }
        return m_length;
    }

private:
    char* m_buffer;
    size_t m_capacity;
    size_t m_length = 0;
};

}  // namespace

void formatTo(FormatSink& sink, const char* fmt, va_list args) {
    va_list ap;
    va_copy(ap, args);
    for (const char* p = fmt; *p != '\0'; p++) {
        if (*p != '%') {
            sink.put(*p);
            continue;
        }
        const char* start = p++;
        Spec spec;
        for (;; p++) {
            if (*p == '-') {
                spec.leftAlign = true;
            } else if (*p == '0') {
                spec.zeroPad = true;
            } else {
                break;
            }
        }
        if (*p == '*') {
            spec.width = va_arg(ap, int);
            if (spec.width < 0) {
                spec.leftAlign = true;
                spec.width = -spec.width;
            }
            p++;
        } else {
            while (*p >= '0' && *p <= '9') {
                spec.width = spec.width * 10 + (*p++ - '0');
            }
        }
        if (*p == '.') {
            p++;
            spec.precision = 0;
            while (*p >= '0' && *p <= '9') {
                spec.precision = spec.precision * 10 + (*p++ - '0');
            }
        }
        for (;; p++) {
            if (*p == 'l') {
                spec.longs++;
            } else if (*p == 'z') {
                spec.longs = 1;
            } else if (*p != 'h') {
                break;
            }
        }
        switch (*p) {
        case 's':
            emitString(sink, va_arg(ap, const char*), spec);
            break;
        case 'c': {
            char c[2] = {static_cast<char>(va_arg(ap, int)), '\0'};
            spec.precision = 1;
            if (c[0] == '\0') {
                sink.put('\0');
            } else {
                emitString(sink, c, spec);
            }
            break;
        }
        case 'd':
        case 'i': {
            int64_t v = takeSigned(ap, spec.longs);
            uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
            emitNumber(sink, magnitude, v < 0, 10, false, "", spec);
            break;
        }
        case 'u':
            emitNumber(sink, takeUnsigned(ap, spec.longs), false, 10, false, "", spec);
            break;
        case 'x':
        case 'X':
            emitNumber(sink, takeUnsigned(ap, spec.longs), false, 16, *p == 'X', "", spec);
            break;
        case 'p': {
            Spec pointer;
            pointer.zeroPad = true;
            pointer.width = 18;
            emitNumber(sink, reinterpret_cast<uintptr_t>(va_arg(ap, void*)), false, 16, false,
                       "0x", pointer);
            break;
        }
        case '%':
            sink.put('%');
            break;
        default:
            // Unknown or truncated conversion: print it as written.
            for (const char* q = start; q <= p && *q != '\0'; q++) {
                sink.put(*q);
            }
            if (*p == '\0') {
                va_end(ap);
                return;
            }
            break;
        }
    }
    va_end(ap);
}

size_t vformatToBuffer(char* buffer, size_t capacity, const char* fmt, va_list args) {
    BufferSink sink(buffer, capacity);
    formatTo(sink, fmt, args);
    return sink.finish();
}

size_t formatToBuffer(char* buffer, size_t capacity, const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    size_t n = vformatToBuffer(buffer, capacity, fmt, args);
    va_end(args);
    return n;
}

}  // namespace lib
