// shell/Shell: see Shell.h.
#include "shell/Shell.h"

#include "drivers/Console.h"
#include "drivers/Input.h"
#include "lib/Kprintf.h"
#include "lib/String.h"
#include "shell/Commands.h"
#include "shell/FileCommands.h"
#include "shell/LineEditor.h"
#include "shell/Redirection.h"

namespace shell {

namespace {

class ConsoleEcho final : public lib::FormatSink {
public:
    void put(char c) override { drivers::Console::put(c); }
};

constinit ConsoleEcho g_echo;
constinit LineEditor g_editor(g_echo);

bool isBlank(char c) { return c == ' ' || c == '\t'; }

void runCommandLine(const char* line);

}  // namespace

// `>` and `>>` apply to any command: its console output goes to the file (shell/FileCommands).
void Shell::execute(const char* line) {
    Redirection redirection;
    if (!parseRedirection(line, redirection)) {
        lib::kprintf("syntax error: no file after >\n");
    } else if (redirection.present) {
        runRedirected(redirection, runCommandLine);
    } else {
        runCommandLine(line);
    }
}

namespace {

void runCommandLine(const char* line) {
    char buffer[LineEditor::kMaxLine + 1];
    while (isBlank(*line)) {
        line++;
    }
    size_t length = strlen(line);
    while (length > 0 && isBlank(line[length - 1])) {
        length--;
    }
    if (length == 0) {
        return;
    }
    if (length > LineEditor::kMaxLine) {
        length = LineEditor::kMaxLine;
    }
    memcpy(buffer, line, length);
    buffer[length] = '\0';

    char* args = buffer;
    while (*args != '\0' && !isBlank(*args)) {
        args++;
    }
    if (*args != '\0') {
        *args++ = '\0';
        while (isBlank(*args)) {
            args++;
        }
    }
    for (int i = 0; i < kCommandCount; i++) {
        if (strcmp(buffer, kCommands[i].name) == 0) {
            kCommands[i].run(args);
            return;
        }
    }
    lib::kprintf("unknown command: %s (try help)\n", buffer);
}

}  // namespace

void Shell::run() {
    for (;;) {
        drivers::Console::write(kPrompt);
        while (!g_editor.feed(drivers::input::read())) {
        }
        execute(g_editor.line());
    }
}

}  // namespace shell
