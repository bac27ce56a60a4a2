// lib/CommandLine: see CommandLine.h.
#include "lib/CommandLine.h"

namespace lib {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool CommandLine::hasFlag(const char* line, const char* flag) {
    if (line == nullptr || flag == nullptr || *flag == '\0') {
        return false;
    }
    const char* p = line;
    while (*p != '\0') {
        while (isSpace(*p)) {
            p++;
        }
        const char* f = flag;
        while (*f != '\0' && *p == *f) {
            p++;
            f++;
        }
        if (*f == '\0' && (*p == '\0' || isSpace(*p))) {
            return true;
        }
        while (*p != '\0' && !isSpace(*p)) {
            p++;
        }
    }
    return false;
}

}  // namespace lib
