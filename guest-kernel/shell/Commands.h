// shell/Commands: the built-in shell commands. Each takes the argument text after the
// command word (leading and trailing blanks removed; may be empty). The table order is the
// order `help` lists them in.
#pragma once

namespace shell {

struct Command {
    const char* name;
    const char* summary;
    void (*run)(const char* args);
};

extern const Command kCommands[];
extern const int kCommandCount;

}  // namespace shell
