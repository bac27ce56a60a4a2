// tests/LineEditorTest: shell/LineEditor keys, echo and history.
#include "shell/LineEditor.h"

#include <string>

#include "tests/Test.h"

namespace {

class Recorder final : public lib::FormatSink {
public:
    void put(char c) override { text += c; }
    std::string text;
};

struct Editor {
    Recorder echo;
    shell::LineEditor editor{echo};
    // Feeds every byte; returns how many lines were accepted.
    int type(const char* bytes) {
        int accepted = 0;
        for (const char* p = bytes; *p != '\0'; p++) {
            if (editor.feed(*p)) {
                accepted++;
                last = editor.line();
            }
        }
        return accepted;
    }
    std::string last;
};

}  // namespace

TEST(lineEditor_printableThenCr_acceptsLineAndEchoes) {
    Editor e;
    EXPECT_EQ(1, e.type("echo hi\r"));
    EXPECT_STREQ("echo hi", e.last.c_str());
    EXPECT_STREQ("echo hi\n", e.echo.text.c_str());
}

TEST(lineEditor_lf_acceptsLine) {
    Editor e;
    EXPECT_EQ(1, e.type("mem\n"));
    EXPECT_STREQ("mem", e.last.c_str());
}

TEST(lineEditor_crLfPair_countsOnce) {
    Editor e;
    EXPECT_EQ(2, e.type("a\r\nb\r\n"));
    EXPECT_STREQ("b", e.last.c_str());
}

TEST(lineEditor_emptyLinesFromLfLf_countTwice) {
    Editor e;
    EXPECT_EQ(2, e.type("\n\n"));
}

TEST(lineEditor_backspaceAndDelete_eraseLastChar) {
    Editor e;
    e.type("abc\x08" "d\x7f" "e\r");
    EXPECT_STREQ("abe", e.last.c_str());
    EXPECT_STREQ("abc\b \bd\b \be\n", e.echo.text.c_str());
}

TEST(lineEditor_backspaceOnEmptyLine_doesNothing) {
    Editor e;
    e.type("\x7f\x7fok\r");
    EXPECT_STREQ("ok", e.last.c_str());
    EXPECT_STREQ("ok\n", e.echo.text.c_str());
}

TEST(lineEditor_ctrlU_killsTheLine) {
    Editor e;
    e.type("wrong\x15right\r");
    EXPECT_STREQ("right", e.last.c_str());
}

TEST(lineEditor_controlBytes_areIgnored) {
    Editor e;
    e.type("a\x01\x02\tb\r");
    EXPECT_STREQ("ab", e.last.c_str());
}

TEST(lineEditor_leftArrowThenInsert_insertsInTheMiddle) {
    Editor e;
    e.type("hllo\x1b[D\x1b[D\x1b[De\r");
    EXPECT_STREQ("hello", e.last.c_str());
}

TEST(lineEditor_rightArrowAtEnd_doesNothing) {
    Editor e;
    e.type("ab\x1b[C\x1b[Cc\r");
    EXPECT_STREQ("abc", e.last.c_str());
}

TEST(lineEditor_upArrow_recallsPreviousLines) {
    Editor e;
    e.type("first\rsecond\r");
    e.type("\x1b[A\x1b[A\r");
    EXPECT_STREQ("first", e.last.c_str());
    e.type("\x1b[A\x1b[B\r");
    EXPECT_STREQ("", e.last.c_str());
}

TEST(lineEditor_history_skipsRepeatsAndEmptyLines) {
    Editor e;
    e.type("same\rsame\r\r");
    EXPECT_EQ(1, e.editor.historyCount());
}

TEST(lineEditor_longLine_isCutAtMaximum) {
    Editor e;
    std::string longLine(300, 'x');
    longLine += '\r';
    e.type(longLine.c_str());
    EXPECT_EQ(shell::LineEditor::kMaxLine, e.last.size());
}
