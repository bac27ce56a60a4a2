// shell/Redirection: see Redirection.h.
#include "shell/Redirection.h"

#include "lib/String.h"

namespace shell {

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

// Copies [begin, end) trimmed of blanks into `out` (kMax bytes, cut if longer).
void copyTrimmed(const char* begin, const char* end, char* out) {
    while (begin < end && isBlank(*begin)) {
        begin++;
    }
    while (end > begin && isBlank(end[-1])) {
        end--;
    }
    size_t length = static_cast<size_t>(end - begin);
    if (length >= Redirection::kMax) {
        length = Redirection::kMax - 1;
    }
    memcpy(out, begin, length);
    out[length] = '\0';
}

}  // namespace

bool parseRedirection(const char* line, Redirection& out) {
    out = Redirection();
    const char* end = line + strlen(line);
    const char* arrow = nullptr;
    for (const char* p = line; p < end; p++) {
        if (*p == '>') {
            arrow = p;
        }
    }
    if (arrow == nullptr) {
        copyTrimmed(line, end, out.command);
        return true;
    }
    out.present = true;
    const char* commandEnd = arrow;
    if (arrow > line && arrow[-1] == '>') {
        out.append = true;
        commandEnd = arrow - 1;
    }
    copyTrimmed(line, commandEnd, out.command);
    copyTrimmed(arrow + 1, end, out.target);
    return out.target[0] != '\0';
}

}  // namespace shell
