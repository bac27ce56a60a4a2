// tests/ShellParsingTest: `>` / `>>` redirection parsing and fs/Vfs path normalisation.
#include "fs/Vfs.h"
#include "shell/Redirection.h"
#include "tests/FakeFileSystem.h"
#include "tests/Test.h"

namespace {

std::string normalized(const char* cwd, const char* path) {
    char out[fs::kMaxPath];
    return fs::normalizePath(cwd, path, out, sizeof(out)) ? std::string(out) : std::string("<too long>");
}

}  // namespace

TEST(redirection_none_keepsTrimmedCommand) {
    shell::Redirection r;
    EXPECT_TRUE(shell::parseRedirection("  echo hi  ", r));
    EXPECT_TRUE(!r.present);
    EXPECT_STREQ("echo hi", r.command);
}

TEST(redirection_truncate_splitsCommandAndTarget) {
    shell::Redirection r;
    EXPECT_TRUE(shell::parseRedirection("echo hello world > /a.txt", r));
    EXPECT_TRUE(r.present);
    EXPECT_TRUE(!r.append);
    EXPECT_STREQ("echo hello world", r.command);
    EXPECT_STREQ("/a.txt", r.target);
}

TEST(redirection_append_withoutBlanks) {
    shell::Redirection r;
    EXPECT_TRUE(shell::parseRedirection("cat x>>y", r));
    EXPECT_TRUE(r.append);
    EXPECT_STREQ("cat x", r.command);
    EXPECT_STREQ("y", r.target);
}

TEST(redirection_missingTarget_isSyntaxError) {
    shell::Redirection r;
    EXPECT_TRUE(!shell::parseRedirection("echo hi >  ", r));
    EXPECT_TRUE(!shell::parseRedirection("echo hi >>", r));
}

TEST(normalizePath_relativeWithDots_resolvesAgainstCwd) {
    EXPECT_TRUE(normalized("/docs/a", "../b") == "/docs/b");
    EXPECT_TRUE(normalized("/docs/a", "./c/") == "/docs/a/c");
    EXPECT_TRUE(normalized("/docs", "/x") == "/x");
}

TEST(normalizePath_dotDotAtRoot_staysAtRoot) {
    EXPECT_TRUE(normalized("/", "..") == "/");
    EXPECT_TRUE(normalized("/", "../../a") == "/a");
    EXPECT_TRUE(normalized("/a", "..") == "/");
}

TEST(normalizePath_repeatedSlashes_collapse) {
    EXPECT_TRUE(normalized("/", "//a///b//") == "/a/b");
    EXPECT_TRUE(normalized("/", "") == "/");
}

TEST(normalizePath_tooLong_fails) {
    char out[8];
    EXPECT_TRUE(!fs::normalizePath("/", "abcdefghij", out, sizeof(out)));
}

TEST(vfs_changeDirectory_followsDirectoriesOnly) {
    test::FakeFileSystem fake;
    fake.directories.insert("/docs");
    fake.files["/f"] = "x";
    fs::Vfs::mount(&fake, "fake");

    EXPECT_TRUE(!fs::Vfs::changeDirectory("docs").isError());
    EXPECT_STREQ("/docs", fs::Vfs::cwd());
    EXPECT_TRUE(fs::Vfs::changeDirectory("/f").error().code() == lib::ErrorCode::NotDirectory);
    EXPECT_TRUE(fs::Vfs::changeDirectory("nope").error().code() == lib::ErrorCode::NotFound);
    EXPECT_TRUE(!fs::Vfs::changeDirectory("..").isError());
    EXPECT_STREQ("/", fs::Vfs::cwd());
    fs::Vfs::unmount();
}
