// shell/Redirection: splits "command args > file" and "command args >> file" into the command
// text and the target (the last '>' or ">>" on the line wins; blanks around both are
// trimmed). A line without '>' has no redirection. A '>' with nothing after it is an error
// the shell reports ("syntax error: no file after >"). Pure code: host unit-tested.
#pragma once

#include <stddef.h>

namespace shell {

struct Redirection {
    static constexpr size_t kMax = 256;

    bool present = false;
    bool append = false;
    char command[kMax] = {};
    char target[kMax] = {};
};

// False on a syntax error (no file name after '>'); `out` is filled otherwise.
bool parseRedirection(const char* line, Redirection& out);

}  // namespace shell
