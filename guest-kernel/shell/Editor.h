// shell/Editor: the state of `edit FILE`, a small vi. Modes: Normal (h j k l and the arrow
// keys move; i a o enter Insert; x deletes the character under the cursor; dd deletes the
// line; ':' starts a command), Insert (text goes in; Backspace/DEL erases left, joining lines
// at column 0; Enter splits the line; Esc returns to Normal) and Command (":w", ":q" -- refused
// with unsaved changes --, ":wq", ":x", ":q!"; Esc cancels). Arrow keys arrive as ESC [ A..D,
// so an Esc takes effect when the next byte shows it is not an arrow (as a terminal vi waits);
// Enter is CR, LF or a CR LF pair.
// The text lives in memory as lines; :w saves through fs::FileSystem (create if missing,
// truncate, write: lines joined with '\n', each ended by one). render() lays out the visible
// rows and the status line (file name, [+] when modified, the mode or the last message,
// line:column) on an EditorScreen. Pure code: host-tested on key scripts.
#pragma once

#include <stddef.h>

#include "fs/FileSystem.h"

namespace shell {

// Where the editor draws: rows 0..rows-2 are text, the last row is the status line.
class EditorScreen {
public:
    virtual void row(int index, const char* text, size_t length) = 0;
    virtual void cursor(int row, int column) = 0;
    virtual void endFrame() = 0;

protected:
    ~EditorScreen() = default;
};

class Editor {
public:
    enum class Mode { Normal, Insert, Command };
    static constexpr size_t kMaxFileBytes = 4 * 1024 * 1024;

    // `path` is absolute and normalised; the editor keeps a copy.
    Editor(fs::FileSystem& fileSystem, const char* path, int rows, int columns);
    ~Editor();
    Editor(const Editor&) = delete;
    Editor& operator=(const Editor&) = delete;

    // Reads the file; a missing file starts empty ("[New File]"). Refuses directories and
    // files over kMaxFileBytes.
    lib::ErrorOr<bool> load();
    // Handles one input byte; returns false once the editor has quit.
    bool feed(char c);
    void render(EditorScreen& screen);

    Mode mode() const { return m_mode; }
    bool modified() const { return m_modified; }
    const char* message() const { return m_message; }
    int lineCount() const { return m_count; }
    const char* lineText(int index) const { return m_lines[index].text; }
    size_t lineLength(int index) const { return m_lines[index].length; }
    int cursorRow() const { return m_row; }
    size_t cursorColumn() const { return m_column; }

private:
    struct Line {
        char* text;
        size_t length;
        size_t capacity;
    };
    enum class Escape { None, Started, Sequence };

    void handle(char c);
    void escape();
    void arrow(char final);
    void normal(char c);
    void insert(char c);
    void command(char c);
    void runCommand();
    lib::ErrorOr<bool> save();

    void insertLine(int at);
    void removeLine(int at);
    void reserve(Line& line, size_t capacity);
    void insertChar(char c);
    void eraseLeft();
    void splitLine();
    void clampColumn();
    void setMessage(const char* fmt, ...) __attribute__((format(printf, 2, 3)));

    fs::FileSystem& m_fs;
    char m_path[512];
    int m_rows;
    int m_columns;
    Line* m_lines = nullptr;
    int m_count = 0;
    int m_capacity = 0;
    int m_row = 0;
    size_t m_column = 0;
    int m_top = 0;
    Mode m_mode = Mode::Normal;
    Escape m_escape = Escape::None;
    bool m_pendingDelete = false;
    bool m_modified = false;
    bool m_running = true;
    bool m_lastWasCr = false;
    char m_command[64] = {};
    size_t m_commandLength = 0;
    char m_message[128] = {};
};

}  // namespace shell
