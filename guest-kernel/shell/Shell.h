// shell/Shell: the interactive shell on the serial console. run() prints the prompt
// "jefeos> ", polls the UART for input (no interrupts exist yet; PAUSE in the poll loop),
// feeds the line editor and runs each accepted line: the first word names a command from
// shell/Commands, the rest is its argument text. An unknown word prints
// "unknown command: X (try help)". Never returns.
#pragma once

#include "drivers/Serial16550.h"

namespace shell {

class Shell {
public:
    static constexpr const char* kPrompt = "jefeos> ";

    [[noreturn]] static void run(drivers::Serial16550& input);
    // Runs one command line (exposed for tests and the boot script).
    static void execute(const char* line);
};

}  // namespace shell
