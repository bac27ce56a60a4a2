// shell/FileCommands: see FileCommands.h.
#include "shell/FileCommands.h"

#include "drivers/Console.h"
#include "drivers/Input.h"
#include "drivers/Rtc.h"
#include "fs/Vfs.h"
#include "lib/DateTime.h"
#include "lib/Format.h"
#include "lib/Kprintf.h"
#include "lib/String.h"
#include "shell/Editor.h"

namespace shell {

namespace {

using lib::kprintf;

constexpr size_t kCopyChunk = 64 * 1024;
constexpr size_t kCaptureChunk = 64 * 1024;
constexpr int kEditorRows = 24, kEditorColumns = 80;

const char* reason(const lib::Error& error) {
    switch (error.code()) {
        case lib::ErrorCode::NotFound: return "no such file";
        case lib::ErrorCode::Exists: return "already exists";
        case lib::ErrorCode::NotDirectory: return "not a directory";
        case lib::ErrorCode::IsDirectory: return "is a directory";
        case lib::ErrorCode::NotEmpty: return "directory not empty";
        case lib::ErrorCode::NoSpace: return "no space left on the volume";
        default: return error.what();
    }
}

void report(const char* command, const char* path, const lib::Error& error) {
    kprintf("%s: %s: %s\n", command, path, reason(error));
}

fs::FileSystem* volume(const char* command) {
    fs::FileSystem* root = fs::Vfs::root();
    if (root == nullptr) {
        kprintf("%s: no disk attached\n", command);
    }
    return root;
}

// Copies the next blank-separated word of `*text` into `out` (kMaxPath bytes); false at the end.
bool nextWord(const char** text, char* out) {
    const char* p = *text;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    size_t n = 0;
    while (*p != '\0' && *p != ' ' && *p != '\t') {
        if (n + 1 < fs::kMaxPath) {
            out[n++] = *p;
        }
        p++;
    }
    out[n] = '\0';
    *text = p;
    return n > 0;
}

bool resolve(const char* command, const char* path, char out[fs::kMaxPath]) {
    if (!fs::Vfs::resolve(path, out)) {
        kprintf("%s: %s: path too long\n", command, path);
        return false;
    }
    return true;
}

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
int64_t daysFromCivil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

uint64_t now() {
    lib::DateTime t;
    if (!drivers::rtc::readDate(&t)) {
        return 0;
    }
    return static_cast<uint64_t>(daysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 +
                                 t.second);
}

void printTime(const char* label, uint64_t seconds) {
    lib::DateTime t = lib::DateTime::fromUnixSeconds(static_cast<int64_t>(seconds));
    kprintf("%s%04ld-%02d-%02d %02d:%02d:%02d UTC\n", label, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

// Runs `action(path)` for every word of `args`; `usage` when there is none.
template <typename Action>
void forEachPath(const char* command, const char* args, const char* usage, Action action) {
    fs::FileSystem* root = volume(command);
    if (root == nullptr) {
        return;
    }
    char word[fs::kMaxPath];
    char path[fs::kMaxPath];
    bool any = false;
    while (nextWord(&args, word)) {
        any = true;
        if (resolve(command, word, path)) {
            action(*root, path);
        }
    }
    if (!any) {
        kprintf("usage: %s\n", usage);
    }
}

bool printEntry(const fs::DirEntry& entry, void*) {
    if (entry.directory) {
        kprintf("     <DIR>  %s/\n", entry.name);
    } else {
        kprintf("%10lu  %s\n", entry.size, entry.name);
    }
    return true;
}

// Streams a file to the console.
bool catFile(fs::FileSystem& root, const char* path, uint8_t* buffer) {
    uint64_t offset = 0;
    for (;;) {
        auto got = root.read(path, offset, buffer, kCopyChunk);
        if (got.isError()) {
            report("cat", path, got.error());
            return false;
        }
        if (got.value() == 0) {
            return true;
        }
        drivers::Console::write(reinterpret_cast<const char*>(buffer), got.value());
        offset += got.value();
    }
}

// `target` names a directory: the result is target/basename(source).
bool intoDirectory(fs::FileSystem& root, const char* source, char target[fs::kMaxPath]) {
    if (strcmp(target, "/") != 0) {
        auto entry = root.stat(target);
        if (entry.isError() || !entry.value().directory) {
            return true;
        }
    }
    char joined[fs::kMaxPath];
    if (!fs::normalizePath(target, fs::baseName(source), joined, sizeof(joined))) {
        return false;
    }
    memcpy(target, joined, strlen(joined) + 1);
    return true;
}

bool copyFile(fs::FileSystem& root, const char* from, const char* to) {
    auto source = root.stat(from);
    if (source.isError()) {
        report("cp", from, source.error());
        return false;
    }
    if (source.value().directory) {
        kprintf("cp: %s: is a directory\n", from);
        return false;
    }
    if (strcmp(from, to) == 0) {
        kprintf("cp: %s and %s are the same file\n", from, to);
        return false;
    }
    auto existing = root.stat(to);
    if (existing.isError()) {
        auto created = root.createFile(to);
        if (created.isError()) {
            report("cp", to, created.error());
            return false;
        }
    } else if (existing.value().directory) {
        kprintf("cp: %s: is a directory\n", to);
        return false;
    }
    auto cut = root.truncate(to, 0);
    if (cut.isError()) {
        report("cp", to, cut.error());
        return false;
    }
    auto* buffer = new uint8_t[kCopyChunk];
    uint64_t offset = 0;
    bool ok = true;
    for (;;) {
        auto got = root.read(from, offset, buffer, kCopyChunk);
        if (got.isError()) {
            report("cp", from, got.error());
            ok = false;
            break;
        }
        if (got.value() == 0) {
            break;
        }
        auto put = root.write(to, offset, buffer, got.value());
        if (put.isError()) {
            report("cp", to, put.error());
            ok = false;
            break;
        }
        offset += got.value();
    }
    delete[] buffer;
    return ok;
}

// The `>` / `>>` target while a command runs: captured bytes are written in chunks.
struct Capture {
    fs::FileSystem* root;
    const char* path;
    uint64_t offset;
    char* buffer;
    size_t used;
    bool failed;

    void drain() {
        if (used == 0 || failed) {
            used = 0;
            return;
        }
        auto put = root->write(path, offset, buffer, used);
        if (put.isError()) {
            failed = true;
            drivers::Console::setCapture(nullptr, nullptr);
            report("shell", path, put.error());
        }
        offset += used;
        used = 0;
    }

    static void put(char c, void* context) {
        auto* self = static_cast<Capture*>(context);
        self->buffer[self->used++] = c;
        if (self->used == kCaptureChunk) {
            self->drain();
        }
    }
};

// The editor's screen on the serial terminal (ANSI/ECMA-48 CUP, EL) and on the framebuffer
// console (which has no cursor addressing: redrawn whole). Rows that did not change since
// the last frame are not sent again.
class ConsoleScreen final : public EditorScreen {
public:
    ConsoleScreen() {
        for (int r = 0; r < kEditorRows; r++) {
            m_shown[r][0] = '\0';
            m_valid[r] = false;
        }
    }

    void row(int index, const char* text, size_t length) override {
        if (length > kEditorColumns) {
            length = kEditorColumns;
        }
        char line[kEditorColumns + 1];
        memcpy(line, text, length);
        line[length] = '\0';
        if (m_valid[index] && strcmp(line, m_shown[index]) == 0) {
            return;
        }
        memcpy(m_shown[index], line, length + 1);
        m_valid[index] = true;
        m_dirty = true;
        char prefix[16];
        lib::formatToBuffer(prefix, sizeof(prefix), "\x1b[%d;1H", index + 1);
        serial(prefix);
        serial(line);
        serial("\x1b[K");
    }

    void cursor(int row, int column) override {
        char move[24];
        lib::formatToBuffer(move, sizeof(move), "\x1b[%d;%dH", row + 1, column + 1);
        serial(move);
    }

    void endFrame() override {
        drivers::FbConsole* fb = drivers::Console::framebuffer();
        if (fb == nullptr || !m_dirty) {
            return;
        }
        m_dirty = false;
        fb->clear();
        for (int r = 0; r < kEditorRows; r++) {
            for (const char* p = m_shown[r]; *p != '\0'; p++) {
                fb->put(*p);
            }
            if (r + 1 < kEditorRows) {
                fb->put('\n');
            }
        }
    }

    static void serial(const char* text) {
        drivers::Serial16550* port = drivers::Console::serial();
        for (; port != nullptr && *text != '\0'; text++) {
            port->write(*text);
        }
    }

private:
    char m_shown[kEditorRows][kEditorColumns + 1];
    bool m_valid[kEditorRows];
    bool m_dirty = true;
};

}  // namespace

void lsCommand(const char* args) {
    fs::FileSystem* root = volume("ls");
    if (root == nullptr) {
        return;
    }
    char word[fs::kMaxPath];
    char path[fs::kMaxPath];
    if (!nextWord(&args, word)) {
        word[0] = '.';
        word[1] = '\0';
    }
    if (!resolve("ls", word, path)) {
        return;
    }
    if (strcmp(path, "/") != 0) {
        auto entry = root->stat(path);
        if (entry.isError()) {
            report("ls", path, entry.error());
            return;
        }
        if (!entry.value().directory) {
            printEntry(entry.value(), nullptr);
            return;
        }
    }
    auto listed = root->list(path, printEntry, nullptr);
    if (listed.isError()) {
        report("ls", path, listed.error());
    }
}

void cdCommand(const char* args) {
    if (volume("cd") == nullptr) {
        return;
    }
    char word[fs::kMaxPath];
    if (!nextWord(&args, word)) {
        word[0] = '/';
        word[1] = '\0';
    }
    auto changed = fs::Vfs::changeDirectory(word);
    if (changed.isError()) {
        report("cd", word, changed.error());
    }
}

void pwdCommand(const char*) { kprintf("%s\n", fs::Vfs::cwd()); }

void catCommand(const char* args) {
    auto* buffer = new uint8_t[kCopyChunk];
    forEachPath("cat", args, "cat FILE...", [buffer](fs::FileSystem& root, const char* path) {
        catFile(root, path, buffer);
    });
    delete[] buffer;
}

void touchCommand(const char* args) {
    forEachPath("touch", args, "touch FILE...", [](fs::FileSystem& root, const char* path) {
        auto entry = root.stat(path);
        auto done = entry.isError() ? root.createFile(path) : root.touch(path, now());
        if (done.isError()) {
            report("touch", path, done.error());
        }
    });
}

void mkdirCommand(const char* args) {
    forEachPath("mkdir", args, "mkdir DIR...", [](fs::FileSystem& root, const char* path) {
        auto done = root.createDirectory(path);
        if (done.isError()) {
            report("mkdir", path, done.error());
        }
    });
}

void rmCommand(const char* args) {
    forEachPath("rm", args, "rm FILE...", [](fs::FileSystem& root, const char* path) {
        auto entry = root.stat(path);
        if (entry.isError()) {
            report("rm", path, entry.error());
            return;
        }
        if (entry.value().directory) {
            kprintf("rm: %s: is a directory (use rmdir)\n", path);
            return;
        }
        auto done = root.remove(path);
        if (done.isError()) {
            report("rm", path, done.error());
        }
    });
}

void rmdirCommand(const char* args) {
    forEachPath("rmdir", args, "rmdir DIR...", [](fs::FileSystem& root, const char* path) {
        auto entry = root.stat(path);
        if (entry.isError()) {
            report("rmdir", path, entry.error());
            return;
        }
        if (!entry.value().directory) {
            kprintf("rmdir: %s: not a directory\n", path);
            return;
        }
        if (strcmp(path, "/") == 0 || strcmp(path, fs::Vfs::cwd()) == 0) {
            kprintf("rmdir: %s: in use\n", path);
            return;
        }
        auto done = root.remove(path);
        if (done.isError()) {
            report("rmdir", path, done.error());
        }
    });
}

namespace {

// Parses "SOURCE TARGET" for cp and mv; TARGET may be an existing directory.
bool sourceAndTarget(const char* command, const char* args, fs::FileSystem& root, char from[fs::kMaxPath],
                     char to[fs::kMaxPath]) {
    char a[fs::kMaxPath], b[fs::kMaxPath], extra[fs::kMaxPath];
    if (!nextWord(&args, a) || !nextWord(&args, b) || nextWord(&args, extra)) {
        kprintf("usage: %s SOURCE TARGET\n", command);
        return false;
    }
    if (!resolve(command, a, from) || !resolve(command, b, to)) {
        return false;
    }
    if (!intoDirectory(root, from, to)) {
        kprintf("%s: %s: path too long\n", command, b);
        return false;
    }
    return true;
}

}  // namespace

void cpCommand(const char* args) {
    fs::FileSystem* root = volume("cp");
    char from[fs::kMaxPath], to[fs::kMaxPath];
    if (root != nullptr && sourceAndTarget("cp", args, *root, from, to)) {
        copyFile(*root, from, to);
    }
}

void mvCommand(const char* args) {
    fs::FileSystem* root = volume("mv");
    char from[fs::kMaxPath], to[fs::kMaxPath];
    if (root == nullptr || !sourceAndTarget("mv", args, *root, from, to)) {
        return;
    }
    size_t fromLength = strlen(from);
    if (strcmp(from, "/") == 0 || (strncmp(to, from, fromLength) == 0 && to[fromLength] == '/')) {
        kprintf("mv: cannot move %s into itself\n", from);
        return;
    }
    auto done = root->rename(from, to);
    if (done.isError()) {
        kprintf("mv: %s -> %s: %s\n", from, to, reason(done.error()));
    }
}

void statCommand(const char* args) {
    forEachPath("stat", args, "stat PATH...", [](fs::FileSystem& root, const char* path) {
        auto entry = root.stat(path);
        if (entry.isError()) {
            report("stat", path, entry.error());
            return;
        }
        const fs::DirEntry& e = entry.value();
        kprintf("  file: %s\n  type: %s\n  size: %lu\n", path, e.directory ? "directory" : "file", e.size);
        printTime("created:  ", e.created);
        printTime("modified: ", e.modified);
    });
}

void dfCommand(const char*) {
    fs::FileSystem* root = volume("df");
    if (root == nullptr) {
        return;
    }
    auto stats = root->statfs();
    if (stats.isError()) {
        kprintf("df: %s\n", stats.error().what());
        return;
    }
    const fs::VolumeStats& s = stats.value();
    kprintf("volume   label            size KiB    used KiB    free KiB  cluster\n");
    kprintf("%-8s %-16s %10lu  %10lu  %10lu  %u\n", fs::Vfs::source(), s.label, s.totalBytes / 1024,
            (s.totalBytes - s.freeBytes) / 1024, s.freeBytes / 1024, s.clusterSize);
}

void syncCommand(const char*) {
    fs::FileSystem* root = volume("sync");
    if (root == nullptr) {
        return;
    }
    auto done = root->sync();
    if (done.isError()) {
        kprintf("sync: %s\n", done.error().what());
    }
}

void editCommand(const char* args) {
    fs::FileSystem* root = volume("edit");
    char word[fs::kMaxPath], path[fs::kMaxPath];
    if (root == nullptr) {
        return;
    }
    if (!nextWord(&args, word)) {
        kprintf("usage: edit FILE\n");
        return;
    }
    if (!resolve("edit", word, path)) {
        return;
    }
    auto* editor = new Editor(*root, path, kEditorRows, kEditorColumns);
    auto loaded = editor->load();
    if (loaded.isError()) {
        report("edit", path, loaded.error());
        delete editor;
        return;
    }
    auto* screen = new ConsoleScreen();
    ConsoleScreen::serial("\x1b[2J");
    do {
        editor->render(*screen);
    } while (editor->feed(drivers::input::read()));
    delete screen;
    delete editor;
    drivers::Console::clear();
}

void runRedirected(const Redirection& redirection, void (*run)(const char* line)) {
    fs::FileSystem* root = volume("shell");
    char path[fs::kMaxPath];
    if (root == nullptr || !resolve("shell", redirection.target, path)) {
        return;
    }
    uint64_t offset = 0;
    auto entry = root->stat(path);
    if (entry.isError()) {
        auto created = root->createFile(path);
        if (created.isError()) {
            report("shell", path, created.error());
            return;
        }
    } else if (entry.value().directory) {
        kprintf("shell: %s: is a directory\n", path);
        return;
    } else if (redirection.append) {
        offset = entry.value().size;
    } else {
        auto cut = root->truncate(path, 0);
        if (cut.isError()) {
            report("shell", path, cut.error());
            return;
        }
    }
    Capture capture{root, path, offset, new char[kCaptureChunk], 0, false};
    drivers::Console::setCapture(Capture::put, &capture);
    run(redirection.command);
    drivers::Console::setCapture(nullptr, nullptr);
    capture.drain();
    delete[] capture.buffer;
}

}  // namespace shell
