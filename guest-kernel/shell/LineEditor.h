// shell/LineEditor: turns terminal input bytes into command lines, echoing as it goes.
// Keys: printable ASCII inserts at the cursor; Backspace (0x08) or DEL (0x7F) erases left of
// the cursor; Ctrl-U (0x15) kills the line; Enter is CR or LF, and a CR LF pair counts once;
// ESC [ D / ESC [ C (left/right arrows) move the cursor; ESC [ A / ESC [ B (up/down) walk
// the history of the last kHistorySize distinct lines. Other control bytes and escape
// sequences are ignored. Echo uses only printable characters, '\b' (cursor left) and '\n',
// so the same stream works on a serial terminal and on the framebuffer console.
// Interface: feed(byte) returns true when a line was accepted; line() is that line until
// the next feed(). Lines longer than kMaxLine are cut. Pure code: host unit-tested.
#pragma once

#include <stddef.h>

#include "lib/Format.h"

namespace shell {

class LineEditor {
public:
    static constexpr size_t kMaxLine = 255;
    static constexpr int kHistorySize = 16;

    explicit constexpr LineEditor(lib::FormatSink& echo) : m_echo(echo) {}

    bool feed(char c);
    const char* line() const { return m_buffer; }
    int historyCount() const { return m_historyCount; }

private:
    enum class Escape { None, Started, Sequence };

    void insert(char c);
    void eraseLeft();
    void killLine();
    void moveLeft();
    void moveRight();
    void recall(int index);
    void replaceLine(const char* text);
    bool accept();
    void remember();
    void echo(char c) { m_echo.put(c); }
    void echoTail(size_t from, int extraSpaces);

    lib::FormatSink& m_echo;
    char m_buffer[kMaxLine + 1] = {};
    size_t m_length = 0;
    size_t m_cursor = 0;
    bool m_accepted = false;
    bool m_lastWasCr = false;
    Escape m_escape = Escape::None;
    char m_history[kHistorySize][kMaxLine + 1] = {};
    int m_historyCount = 0;
    int m_historyIndex = 0;  // 0 = editing a new line, k = k-th most recent entry
};

}  // namespace shell
