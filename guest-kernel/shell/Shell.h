// shell/Shell: the interactive shell on the console. run() prints the prompt "jefeos> ",
// reads bytes from the console input queue (drivers/Input: serial and keyboard, sleeping
// while there is none), feeds the line editor and runs each accepted line: the first word names a command from
// shell/Commands, the rest is its argument text. An unknown word prints
// "unknown command: X (try help)". Never returns.
#pragma once

namespace shell {

class Shell {
public:
    static constexpr const char* kPrompt = "jefeos> ";

    [[noreturn]] static void run();
    // Runs one command line (exposed for tests and the boot script).
    static void execute(const char* line);
};

}  // namespace shell
