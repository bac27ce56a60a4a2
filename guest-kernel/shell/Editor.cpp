// shell/Editor: see Editor.h.
#include "shell/Editor.h"

#include <stdarg.h>

#include "lib/Format.h"
#include "lib/String.h"

namespace shell {

namespace {

constexpr char kBackspace = 0x08, kDelete = 0x7f;
constexpr size_t kReadChunk = 4096;

bool isPrintable(char c) { return (c >= 0x20 && c < 0x7f) || c == '\t'; }

}  // namespace

Editor::Editor(fs::FileSystem& fileSystem, const char* path, int rows, int columns)
    : m_fs(fileSystem), m_rows(rows < 3 ? 3 : rows), m_columns(columns < 20 ? 20 : columns) {
    size_t length = strlen(path);
    if (length >= sizeof(m_path)) {
        length = sizeof(m_path) - 1;
    }
    memcpy(m_path, path, length);
    m_path[length] = '\0';
    insertLine(0);
}

Editor::~Editor() {
    for (int i = 0; i < m_count; i++) {
        delete[] m_lines[i].text;
    }
    delete[] m_lines;
}

void Editor::setMessage(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    lib::vformatToBuffer(m_message, sizeof(m_message), fmt, args);
    va_end(args);
}

void Editor::reserve(Line& line, size_t capacity) {
    if (capacity + 1 <= line.capacity) {
        return;
    }
    size_t grown = line.capacity * 2 > capacity + 1 ? line.capacity * 2 : capacity + 1;
    if (grown < 16) {
        grown = 16;
    }
    char* text = new char[grown];
    if (line.text != nullptr) {
        memcpy(text, line.text, line.length);
    }
    text[line.length] = '\0';
    delete[] line.text;
    line.text = text;
    line.capacity = grown;
}

void Editor::insertLine(int at) {
    if (m_count == m_capacity) {
        int grown = m_capacity == 0 ? 64 : m_capacity * 2;
        Line* lines = new Line[grown];
        for (int i = 0; i < m_count; i++) {
            lines[i] = m_lines[i];
        }
        delete[] m_lines;
        m_lines = lines;
        m_capacity = grown;
    }
    for (int i = m_count; i > at; i--) {
        m_lines[i] = m_lines[i - 1];
    }
    m_lines[at] = Line{nullptr, 0, 0};
    reserve(m_lines[at], 0);
    m_count++;
}

void Editor::removeLine(int at) {
    delete[] m_lines[at].text;
    for (int i = at; i + 1 < m_count; i++) {
        m_lines[i] = m_lines[i + 1];
    }
    m_count--;
    if (m_count == 0) {
        insertLine(0);
    }
}

lib::ErrorOr<bool> Editor::load() {
    auto found = m_fs.stat(m_path);
    if (found.isError()) {
        if (found.error().code() != lib::ErrorCode::NotFound) {
            return found.releaseError();
        }
        setMessage("\"%s\" [New File]", m_path);
        return true;
    }
    const fs::DirEntry& entry = found.value();
    if (entry.directory) {
        return lib::Error::from(lib::ErrorCode::IsDirectory, "is a directory");
    }
    if (entry.size > kMaxFileBytes) {
        return lib::Error::from(lib::ErrorCode::NoSpace, "file too large to edit (4 MiB at most)");
    }
    char* chunk = new char[kReadChunk];
    uint64_t offset = 0;
    for (;;) {
        auto got = m_fs.read(m_path, offset, chunk, kReadChunk);
        if (got.isError()) {
            delete[] chunk;
            return got.releaseError();
        }
        size_t n = got.value();
        if (n == 0) {
            break;
        }
        for (size_t i = 0; i < n; i++) {
            Line& line = m_lines[m_count - 1];
            if (chunk[i] == '\n') {
                insertLine(m_count);
            } else if (chunk[i] != '\r') {
                reserve(line, line.length + 1);
                line.text[line.length++] = chunk[i];
                line.text[line.length] = '\0';
            }
        }
        offset += n;
    }
    delete[] chunk;
    if (m_count > 1 && m_lines[m_count - 1].length == 0) {
        removeLine(m_count - 1);  // the newline that ends the last line
    }
    setMessage("\"%s\" %d lines, %lu bytes", m_path, m_count, static_cast<unsigned long>(offset));
    return true;
}

bool Editor::feed(char c) {
    if (!m_running) {
        return false;
    }
    bool secondOfCrLf = c == '\n' && m_lastWasCr;  // a terminal's CR LF is one Enter
    m_lastWasCr = c == '\r';
    if (secondOfCrLf) {
        return true;
    }
    if (m_escape == Escape::Started) {
        if (c == '[') {
            m_escape = Escape::Sequence;
            return true;
        }
        m_escape = Escape::None;
        escape();
    } else if (m_escape == Escape::Sequence) {
        if ((c >= '0' && c <= '9') || c == ';') {
            return true;  // parameters (e.g. ESC [ 3 ~): skipped
        }
        m_escape = Escape::None;
        if (c >= 'A' && c <= 'D') {
            arrow(c);
        }
        return true;
    }
    if (c == 0x1b) {
        m_escape = Escape::Started;
        return true;
    }
    handle(c);
    return m_running;
}

void Editor::handle(char c) {
    m_message[0] = '\0';
    switch (m_mode) {
        case Mode::Normal: normal(c); break;
        case Mode::Insert: insert(c); break;
        case Mode::Command: command(c); break;
    }
}

void Editor::escape() {
    m_message[0] = '\0';
    m_pendingDelete = false;
    if (m_mode == Mode::Insert && m_column > 0) {
        m_column--;  // vi leaves Insert mode on the character before the cursor
    }
    m_mode = Mode::Normal;
    m_commandLength = 0;
    clampColumn();
}

void Editor::arrow(char final) {
    if (m_mode == Mode::Command) {
        return;
    }
    switch (final) {
        case 'A': if (m_row > 0) m_row--; break;
        case 'B': if (m_row + 1 < m_count) m_row++; break;
        case 'C': m_column++; break;
        case 'D': if (m_column > 0) m_column--; break;
        default: break;
    }
    clampColumn();
}

void Editor::clampColumn() {
    size_t length = m_lines[m_row].length;
    size_t last = m_mode == Mode::Insert ? length : (length > 0 ? length - 1 : 0);
    if (m_column > last) {
        m_column = last;
    }
}

void Editor::normal(char c) {
    if (m_pendingDelete) {
        m_pendingDelete = false;
        if (c == 'd') {
            removeLine(m_row);
            if (m_row >= m_count) {
                m_row = m_count - 1;
            }
            m_column = 0;
            m_modified = true;
        }
        return;
    }
    Line& line = m_lines[m_row];
    switch (c) {
        case 'h': case kBackspace: case kDelete: if (m_column > 0) m_column--; break;
        case 'l': case ' ': m_column++; break;
        case 'j': if (m_row + 1 < m_count) m_row++; break;
        case 'k': if (m_row > 0) m_row--; break;
        case '0': m_column = 0; break;
        case '$': m_column = line.length; break;
        case 'G': m_row = m_count - 1; break;
        case 'i': m_mode = Mode::Insert; break;
        case 'a':
            if (line.length > 0) {
                m_column++;
            }
            m_mode = Mode::Insert;
            break;
        case 'A': m_column = line.length; m_mode = Mode::Insert; break;
        case 'o':
        case 'O':
            insertLine(c == 'o' ? m_row + 1 : m_row);
            if (c == 'o') {
                m_row++;
            }
            m_column = 0;
            m_mode = Mode::Insert;
            m_modified = true;
            break;
        case 'x':
            if (line.length > 0) {
                memmove(line.text + m_column, line.text + m_column + 1, line.length - m_column);
                line.length--;
                m_modified = true;
            }
            break;
        case 'd': m_pendingDelete = true; break;
        case ':': m_mode = Mode::Command; m_commandLength = 0; m_command[0] = '\0'; break;
        default: break;
    }
    clampColumn();
}

void Editor::insertChar(char c) {
    Line& line = m_lines[m_row];
    reserve(line, line.length + 1);
    memmove(line.text + m_column + 1, line.text + m_column, line.length - m_column + 1);
    line.text[m_column++] = c;
    line.length++;
    m_modified = true;
}

void Editor::eraseLeft() {
    if (m_column > 0) {
        Line& line = m_lines[m_row];
        memmove(line.text + m_column - 1, line.text + m_column, line.length - m_column + 1);
        line.length--;
        m_column--;
        m_modified = true;
    } else if (m_row > 0) {
        Line& above = m_lines[m_row - 1];
        Line& line = m_lines[m_row];
        size_t join = above.length;
        reserve(above, above.length + line.length);
        memcpy(above.text + above.length, line.text, line.length + 1);
        above.length += line.length;
        removeLine(m_row);
        m_row--;
        m_column = join;
        m_modified = true;
    }
}

void Editor::splitLine() {
    insertLine(m_row + 1);
    Line& line = m_lines[m_row];
    Line& next = m_lines[m_row + 1];
    size_t tail = line.length - m_column;
    reserve(next, tail);
    memcpy(next.text, line.text + m_column, tail + 1);
    next.length = tail;
    line.length = m_column;
    line.text[m_column] = '\0';
    m_row++;
    m_column = 0;
    m_modified = true;
}

void Editor::insert(char c) {
    if (c == '\r' || c == '\n') {
        splitLine();
    } else if (c == kBackspace || c == kDelete) {
        eraseLeft();
    } else if (isPrintable(c)) {
        insertChar(c);
    }
}

void Editor::command(char c) {
    if (c == '\r' || c == '\n') {
        m_mode = Mode::Normal;
        runCommand();
        m_commandLength = 0;
        clampColumn();
    } else if (c == kBackspace || c == kDelete) {
        if (m_commandLength == 0) {
            m_mode = Mode::Normal;
        } else {
            m_command[--m_commandLength] = '\0';
        }
    } else if (isPrintable(c) && m_commandLength + 1 < sizeof(m_command)) {
        m_command[m_commandLength++] = c;
        m_command[m_commandLength] = '\0';
    }
}

void Editor::runCommand() {
    const char* cmd = m_command;
    if (strcmp(cmd, "w") == 0) {
        (void)save();
    } else if (strcmp(cmd, "q") == 0) {
        if (m_modified) {
            setMessage("E37: No write since last change (add ! to override)");
        } else {
            m_running = false;
        }
    } else if (strcmp(cmd, "q!") == 0) {
        m_running = false;
    } else if (strcmp(cmd, "wq") == 0 || strcmp(cmd, "x") == 0) {
        if (!save().isError()) {
            m_running = false;
        }
    } else if (cmd[0] != '\0') {
        setMessage("E492: Not an editor command: %s", cmd);
    }
}

lib::ErrorOr<bool> Editor::save() {
    size_t total = 0;
    bool empty = m_count == 1 && m_lines[0].length == 0;
    if (!empty) {
        for (int i = 0; i < m_count; i++) {
            total += m_lines[i].length + 1;
        }
    }
    char* data = new char[total + 1];
    size_t at = 0;
    for (int i = 0; !empty && i < m_count; i++) {
        memcpy(data + at, m_lines[i].text, m_lines[i].length);
        at += m_lines[i].length;
        data[at++] = '\n';
    }
    lib::ErrorOr<bool> result = true;
    auto found = m_fs.stat(m_path);
    if (found.isError()) {
        auto created = m_fs.createFile(m_path);
        if (created.isError()) {
            delete[] data;
            setMessage("E212: Can't open file for writing: %s", created.error().what());
            return created.releaseError();
        }
    }
    auto cut = m_fs.truncate(m_path, 0);
    if (cut.isError()) {
        delete[] data;
        setMessage("E514: write error: %s", cut.error().what());
        return cut.releaseError();
    }
    if (total > 0) {
        auto written = m_fs.write(m_path, 0, data, total);
        if (written.isError() || written.value() != total) {
            delete[] data;
            setMessage("E514: write error: %s", written.isError() ? written.error().what() : "short write");
            return lib::Error::from(lib::ErrorCode::IoError, "editor: write failed");
        }
    }
    delete[] data;
    m_modified = false;
    setMessage("\"%s\" %dL, %luB written", m_path, empty ? 0 : m_count, static_cast<unsigned long>(total));
    return result;
}

void Editor::render(EditorScreen& screen) {
    int textRows = m_rows - 1;
    if (m_row < m_top) {
        m_top = m_row;
    }
    if (m_row >= m_top + textRows) {
        m_top = m_row - textRows + 1;
    }
    char* shown = new char[static_cast<size_t>(m_columns) + 1];
    for (int r = 0; r < textRows; r++) {
        int index = m_top + r;
        if (index >= m_count) {
            screen.row(r, "~", 1);
            continue;
        }
        const Line& line = m_lines[index];
        size_t n = line.length < static_cast<size_t>(m_columns) ? line.length : static_cast<size_t>(m_columns);
        for (size_t i = 0; i < n; i++) {
            char c = line.text[i];
            shown[i] = c == '\t' ? ' ' : (isPrintable(c) ? c : '?');
        }
        screen.row(r, shown, n);
    }
    delete[] shown;

    char status[256];
    char right[128];
    lib::formatToBuffer(right, sizeof(right), "%s%s  %d,%lu", m_path, m_modified ? " [+]" : "", m_row + 1,
                        static_cast<unsigned long>(m_column + 1));
    const char* left = m_mode == Mode::Command ? ":" : (m_message[0] != '\0' ? m_message
                                                        : (m_mode == Mode::Insert ? "-- INSERT --" : ""));
    size_t leftLength = lib::formatToBuffer(status, sizeof(status), "%s%s", left,
                                            m_mode == Mode::Command ? m_command : "");
    size_t width = static_cast<size_t>(m_columns) < sizeof(status) - 1 ? static_cast<size_t>(m_columns) - 1
                                                                       : sizeof(status) - 2;
    if (leftLength > width) {
        leftLength = width;
    }
    size_t rightLength = strlen(right);
    if (leftLength + 2 + rightLength <= width) {
        memset(status + leftLength, ' ', width - leftLength - rightLength);
        memcpy(status + width - rightLength, right, rightLength);
        leftLength = width;
    }
    screen.row(textRows, status, leftLength);
    if (m_mode == Mode::Command) {
        screen.cursor(textRows, static_cast<int>(1 + m_commandLength));
    } else {
        size_t column = m_column < static_cast<size_t>(m_columns) ? m_column : static_cast<size_t>(m_columns) - 1;
        screen.cursor(m_row - m_top, static_cast<int>(column));
    }
    screen.endFrame();
}

}  // namespace shell
