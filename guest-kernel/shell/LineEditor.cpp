// shell/LineEditor: see LineEditor.h.
#include "shell/LineEditor.h"

#include "lib/String.h"

namespace shell {

namespace {

constexpr char kBackspace = 0x08;
constexpr char kDelete = 0x7F;
constexpr char kKillLine = 0x15;  // Ctrl-U
constexpr char kEscape = 0x1B;

}  // namespace

bool LineEditor::feed(char c) {
    if (m_accepted) {
        m_accepted = false;
        m_length = 0;
        m_cursor = 0;
        m_buffer[0] = '\0';
        m_historyIndex = 0;
    }
    if (c == '\n' && m_lastWasCr) {
        m_lastWasCr = false;
        return false;
    }
    m_lastWasCr = c == '\r';

    if (m_escape == Escape::Started) {
        m_escape = (c == '[' || c == 'O') ? Escape::Sequence : Escape::None;
        return false;
    }
    if (m_escape == Escape::Sequence) {
        if (c >= 0x40 && c <= 0x7E) {  // final byte of a control sequence (ECMA-48 5.4)
            m_escape = Escape::None;
            switch (c) {
            case 'A': recall(m_historyIndex + 1); break;
            case 'B': recall(m_historyIndex - 1); break;
            case 'C': moveRight(); break;
            case 'D': moveLeft(); break;
            default: break;
            }
        }
        return false;
    }

    switch (c) {
    case '\r':
    case '\n':
        return accept();
    case kBackspace:
    case kDelete:
        eraseLeft();
        break;
    case kKillLine:
        killLine();
        break;
    case kEscape:
        m_escape = Escape::Started;
        break;
    default:
        if (c >= 0x20 && c <= 0x7E) {
            insert(c);
        }
        break;
    }
    return false;
}

// Re-echoes the buffer from `from` to the end, then `extraSpaces` blanks (to erase what a
// shorter line leaves behind), then moves the terminal cursor back to m_cursor.
void LineEditor::echoTail(size_t from, int extraSpaces) {
    for (size_t i = from; i < m_length; i++) {
        echo(m_buffer[i]);
    }
    for (int i = 0; i < extraSpaces; i++) {
        echo(' ');
    }
    for (size_t i = m_cursor; i < m_length + extraSpaces; i++) {
        echo(kBackspace);
    }
}

void LineEditor::insert(char c) {
    if (m_length == kMaxLine) {
        return;
    }
    memmove(m_buffer + m_cursor + 1, m_buffer + m_cursor, m_length - m_cursor);
    m_buffer[m_cursor] = c;
    m_length++;
    m_buffer[m_length] = '\0';
    size_t from = m_cursor++;
    echoTail(from, 0);
}

void LineEditor::eraseLeft() {
    if (m_cursor == 0) {
        return;
    }
    memmove(m_buffer + m_cursor - 1, m_buffer + m_cursor, m_length - m_cursor);
    m_length--;
    m_cursor--;
    m_buffer[m_length] = '\0';
    echo(kBackspace);
    echoTail(m_cursor, 1);
}

void LineEditor::killLine() {
    for (size_t i = 0; i < m_cursor; i++) {
        echo(kBackspace);
    }
    size_t oldLength = m_length;
    m_length = 0;
    m_cursor = 0;
    m_buffer[0] = '\0';
    echoTail(0, static_cast<int>(oldLength));
}

void LineEditor::moveLeft() {
    if (m_cursor > 0) {
        m_cursor--;
        echo(kBackspace);
    }
}

void LineEditor::moveRight() {
    if (m_cursor < m_length) {
        echo(m_buffer[m_cursor++]);
    }
}

void LineEditor::replaceLine(const char* text) {
    for (size_t i = 0; i < m_cursor; i++) {
        echo(kBackspace);
    }
    size_t oldLength = m_length;
    m_length = strlen(text);
    memcpy(m_buffer, text, m_length + 1);
    m_cursor = m_length;
    echoTail(0, oldLength > m_length ? static_cast<int>(oldLength - m_length) : 0);
    // echoTail leaves the cursor at m_cursor; with m_cursor == m_length only the extra
    // blanks were backed over.
}

void LineEditor::recall(int index) {
    if (index < 0 || index > m_historyCount || index == m_historyIndex) {
        return;
    }
    m_historyIndex = index;
    replaceLine(index == 0 ? "" : m_history[m_historyCount - index]);
}

void LineEditor::remember() {
    if (m_length == 0 || (m_historyCount > 0 && strcmp(m_history[m_historyCount - 1], m_buffer) == 0)) {
        return;
    }
    if (m_historyCount == kHistorySize) {
        memmove(m_history[0], m_history[1], sizeof(m_history[0]) * (kHistorySize - 1));
        m_historyCount--;
    }
    memcpy(m_history[m_historyCount++], m_buffer, m_length + 1);
}

bool LineEditor::accept() {
    echo('\n');
    remember();
    m_accepted = true;
    return true;
}

}  // namespace shell
