// tests/EditorTest: shell/Editor's modes and commands on key scripts, saving to a fake file system.
#include "shell/Editor.h"

#include <string>
#include <vector>

#include "tests/FakeFileSystem.h"
#include "tests/Test.h"

namespace {

class Recorder final : public shell::EditorScreen {
public:
    void row(int index, const char* text, size_t length) override {
        if (rows.size() <= static_cast<size_t>(index)) rows.resize(index + 1);
        rows[index].assign(text, length);
    }
    void cursor(int r, int c) override {
        cursorRow = r;
        cursorColumn = c;
    }
    void endFrame() override { frames++; }
    std::vector<std::string> rows;
    int cursorRow = -1, cursorColumn = -1, frames = 0;
};

// Feeds `keys`; returns false if the editor quit before the last key.
bool type(shell::Editor& editor, const char* keys) {
    bool running = true;
    for (const char* k = keys; *k != '\0'; k++) {
        running = editor.feed(*k);
    }
    return running;
}

}  // namespace

TEST(editor_insertEscapeWriteQuit_savesNewFile) {
    test::FakeFileSystem fs;
    shell::Editor editor(fs, "/notes.txt", 24, 80);
    EXPECT_TRUE(!editor.load().isError());

    bool running = type(editor, "ihello\x1b:wq\r");

    EXPECT_TRUE(!running);
    EXPECT_STREQ("hello\n", fs.files["/notes.txt"].c_str());
}

TEST(editor_quitWithUnsavedChanges_isRefused) {
    test::FakeFileSystem fs;
    shell::Editor editor(fs, "/a.txt", 24, 80);
    (void)editor.load();

    bool running = type(editor, "ix\x1b:q\r");

    EXPECT_TRUE(running);
    EXPECT_TRUE(std::string(editor.message()).find("No write since last change") != std::string::npos);
    EXPECT_EQ(0u, fs.files.count("/a.txt"));
    EXPECT_TRUE(!type(editor, ":q!\r"));
    EXPECT_EQ(0u, fs.files.count("/a.txt"));
}

TEST(editor_ddAndX_deleteLineAndCharacter) {
    test::FakeFileSystem fs;
    fs.files["/f"] = "one\ntwo\nthree\n";
    shell::Editor editor(fs, "/f", 24, 80);
    EXPECT_TRUE(!editor.load().isError());
    EXPECT_EQ(3, editor.lineCount());

    type(editor, "jddx:w\r");

    EXPECT_STREQ("one\nhree\n", fs.files["/f"].c_str());
    EXPECT_TRUE(!editor.modified());
}

TEST(editor_openLineBelowAndArrowKeys_insertWhereTheCursorIs) {
    test::FakeFileSystem fs;
    fs.files["/f"] = "ab\ncd\n";
    shell::Editor editor(fs, "/f", 24, 80);
    (void)editor.load();

    // o opens a line under "ab"; ESC [ B (down) then ESC [ C (right) in Normal mode; a appends.
    type(editor, "onew\x1b\x1b[B\x1b[Ca!\x1b:wq\r");

    EXPECT_STREQ("ab\nnew\ncd!\n", fs.files["/f"].c_str());
}

TEST(editor_hjklAndInsertNewline_splitLines) {
    test::FakeFileSystem fs;
    fs.files["/f"] = "abcd\n";
    shell::Editor editor(fs, "/f", 24, 80);
    (void)editor.load();

    type(editor, "llhi\r\x1bkx:wq\r");

    EXPECT_STREQ("\nbcd\n", fs.files["/f"].c_str());
}

TEST(editor_backspaceAtLineStart_joinsLines) {
    test::FakeFileSystem fs;
    fs.files["/f"] = "ab\ncd\n";
    shell::Editor editor(fs, "/f", 24, 80);
    (void)editor.load();

    type(editor, "ji\x7f\x1b:wq\r");

    EXPECT_STREQ("abcd\n", fs.files["/f"].c_str());
}

TEST(editor_render_showsTextTildesAndStatus) {
    test::FakeFileSystem fs;
    fs.files["/f"] = "hello\n";
    shell::Editor editor(fs, "/f", 5, 40);
    (void)editor.load();
    Recorder screen;

    type(editor, "A!");
    editor.render(screen);

    EXPECT_EQ(5u, screen.rows.size());
    EXPECT_STREQ("hello!", screen.rows[0].c_str());
    EXPECT_STREQ("~", screen.rows[1].c_str());
    EXPECT_TRUE(screen.rows[4].rfind("-- INSERT --", 0) == 0);
    EXPECT_TRUE(screen.rows[4].find("/f [+]  1,7") != std::string::npos);
    EXPECT_EQ(6, screen.cursorColumn);
}

TEST(editor_unknownCommand_saysSoAndKeepsRunning) {
    test::FakeFileSystem fs;
    shell::Editor editor(fs, "/f", 24, 80);
    (void)editor.load();

    bool running = type(editor, ":zz\r");

    EXPECT_TRUE(running);
    EXPECT_STREQ("E492: Not an editor command: zz", editor.message());
}

TEST(editor_directory_isRefused) {
    test::FakeFileSystem fs;
    fs.directories.insert("/d");
    shell::Editor editor(fs, "/d", 24, 80);

    auto loaded = editor.load();

    EXPECT_TRUE(loaded.isError());
    EXPECT_TRUE(loaded.error().code() == lib::ErrorCode::IsDirectory);
}

TEST(editor_crLfPair_isOneEnter) {
    test::FakeFileSystem fs;
    shell::Editor editor(fs, "/f", 24, 80);
    (void)editor.load();

    type(editor, "ia\r\nb\x1b:wq\r\n");

    EXPECT_STREQ("a\nb\n", fs.files["/f"].c_str());
}
