// shell/BenchCommands: see BenchCommands.h.
#include "shell/BenchCommands.h"

#include "arch/Cpu.h"
#include "drivers/Ata.h"
#include "drivers/TscClock.h"
#include "fs/Vfs.h"
#include "lib/Kprintf.h"
#include "lib/String.h"

namespace shell {

namespace {

using lib::kprintf;

constexpr uint64_t kChunk = 1024 * 1024;
constexpr uint32_t kChunkSectors = kChunk / storage::BlockDevice::kSectorSize;
constexpr uint64_t kDefaultMiB = 64;
constexpr uint64_t kMaxMiB = 65536;
constexpr const char* kUsage = "usage: iobench [-s MiB] FILE | iobench -raw [-s MiB] DISK\n";

struct Options {
    bool raw = false;
    uint64_t mib = kDefaultMiB;
    char target[fs::kMaxPath] = {};
};

// The next blank-separated word of `*text` into `out` (kMaxPath bytes); false at the end.
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

bool parseMiB(const char* text, uint64_t* value) {
    uint64_t v = 0;
    if (*text == '\0') {
        return false;
    }
    for (; *text != '\0'; text++) {
        if (*text < '0' || *text > '9' || v > kMaxMiB) {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(*text - '0');
    }
    *value = v;
    return v > 0 && v <= kMaxMiB;
}

bool parse(const char* args, Options* options) {
    char word[fs::kMaxPath];
    while (nextWord(&args, word)) {
        if (strcmp(word, "-raw") == 0) {
            options->raw = true;
        } else if (strcmp(word, "-s") == 0) {
            if (!nextWord(&args, word) || !parseMiB(word, &options->mib)) {
                kprintf("iobench: -s takes a size in MiB (1..%lu)\n", kMaxMiB);
                return false;
            }
        } else if (options->target[0] == '\0' && word[0] != '-') {
            memcpy(options->target, word, strlen(word) + 1);
        } else {
            kprintf("%s", kUsage);
            return false;
        }
    }
    if (options->target[0] == '\0') {
        kprintf("%s", kUsage);
        return false;
    }
    return true;
}

// Every sector of chunk `index` starts with a stamp naming it, so a read that returns the
// wrong sector (or a write that never landed) is caught without comparing every byte.
uint64_t stamp(uint64_t chunk, uint32_t sector) { return 0x4A45464500000000ull ^ (chunk << 16) ^ sector; }

void stampChunk(uint8_t* buffer, uint64_t chunk) {
    for (uint32_t s = 0; s < kChunkSectors; s++) {
        uint64_t value = stamp(chunk, s);
        memcpy(buffer + static_cast<size_t>(s) * storage::BlockDevice::kSectorSize, &value, sizeof(value));
    }
}

bool checkChunk(const uint8_t* buffer, uint64_t chunk) {
    for (uint32_t s = 0; s < kChunkSectors; s++) {
        uint64_t value;
        memcpy(&value, buffer + static_cast<size_t>(s) * storage::BlockDevice::kSectorSize, sizeof(value));
        if (value != stamp(chunk, s)) {
            kprintf("iobench: read back wrong data at MiB %lu, sector %u\n", chunk, s);
            return false;
        }
    }
    return true;
}

void fillPattern(uint8_t* buffer) {
    for (uint64_t i = 0; i < kChunk; i++) {
        buffer[i] = static_cast<uint8_t>(i * 31 + 7);
    }
}

// "iobench: write 64 MiB in 1.23 s = 52.0 MiB/s", from TSC ticks at `khz`.
void reportPhase(const char* phase, uint64_t mib, uint64_t ticks, uint64_t khz) {
    if (ticks == 0) {
        ticks = 1;
    }
    uint64_t centiseconds = ticks / (khz * 10);
    // MiB/s with one decimal: mib * 10 / (ticks / (khz * 1000)) without losing precision.
    uint64_t tenthsPerSecond = mib * 10 * khz * 1000 / ticks;
    kprintf("iobench: %s %lu MiB in %lu.%02lu s = %lu.%lu MiB/s\n", phase, mib, centiseconds / 100,
            centiseconds % 100, tenthsPerSecond / 10, tenthsPerSecond % 10);
}

// The ends of one benchmark: a file through the volume, or whole sectors of a disk.
class Target {
public:
    virtual ~Target() = default;
    virtual bool write(uint64_t chunk, const uint8_t* buffer) = 0;
    virtual bool sync() = 0;
    virtual bool read(uint64_t chunk, uint8_t* buffer) = 0;
};

class FileTarget final : public Target {
public:
    FileTarget(fs::FileSystem& root, const char* path) : m_root(root), m_path(path) {}

    bool write(uint64_t chunk, const uint8_t* buffer) override {
        auto done = m_root.write(m_path, chunk * kChunk, buffer, kChunk);
        if (!check(done.isError() ? &done.error() : nullptr, "write")) {
            return false;
        }
        if (done.value() != kChunk) {
            kprintf("iobench: %s: short write at MiB %lu\n", m_path, chunk);
            return false;
        }
        return true;
    }
    bool sync() override {
        auto done = m_root.sync();
        return check(done.isError() ? &done.error() : nullptr, "sync");
    }
    bool read(uint64_t chunk, uint8_t* buffer) override {
        auto got = m_root.read(m_path, chunk * kChunk, buffer, kChunk);
        if (!check(got.isError() ? &got.error() : nullptr, "read")) {
            return false;
        }
        if (got.value() != kChunk) {
            kprintf("iobench: %s: short read at MiB %lu\n", m_path, chunk);
            return false;
        }
        return true;
    }

private:
    bool check(const lib::Error* error, const char* what) {
        if (error != nullptr) {
            kprintf("iobench: %s %s: %s\n", what, m_path, error->what());
            return false;
        }
        return true;
    }

    fs::FileSystem& m_root;
    const char* m_path;
};

class DiskTarget final : public Target {
public:
    explicit DiskTarget(storage::BlockDevice& disk) : m_disk(disk) {}

    bool write(uint64_t chunk, const uint8_t* buffer) override {
        auto done = m_disk.write(chunk * kChunkSectors, kChunkSectors, buffer);
        return check(done.isError() ? &done.error() : nullptr, "write");
    }
    bool sync() override {
        auto done = m_disk.flush();
        return check(done.isError() ? &done.error() : nullptr, "flush");
    }
    bool read(uint64_t chunk, uint8_t* buffer) override {
        auto done = m_disk.read(chunk * kChunkSectors, kChunkSectors, buffer);
        return check(done.isError() ? &done.error() : nullptr, "read");
    }

private:
    bool check(const lib::Error* error, const char* what) {
        if (error != nullptr) {
            kprintf("iobench: %s %s: %s\n", what, m_disk.name(), error->what());
            return false;
        }
        return true;
    }

    storage::BlockDevice& m_disk;
};

// Writes `mib` chunks, syncs (inside the write time: the data is on stable storage when the
// clock stops), then reads them back; prints both rates.
void run(Target& target, uint64_t mib, uint64_t khz) {
    auto* buffer = new uint8_t[kChunk];
    fillPattern(buffer);
    bool ok = true;
    uint64_t start = arch::rdtsc();
    for (uint64_t chunk = 0; ok && chunk < mib; chunk++) {
        stampChunk(buffer, chunk);
        ok = target.write(chunk, buffer);
    }
    ok = ok && target.sync();
    uint64_t written = arch::rdtsc();
    if (ok) {
        reportPhase("write", mib, written - start, khz);
        start = arch::rdtsc();
        for (uint64_t chunk = 0; ok && chunk < mib; chunk++) {
            ok = target.read(chunk, buffer) && checkChunk(buffer, chunk);
        }
        if (ok) {
            reportPhase("read", mib, arch::rdtsc() - start, khz);
        }
    }
    delete[] buffer;
}

// The index of the ATA disk called `name`, or -1.
int findDisk(const char* name) {
    for (int i = 0; i < drivers::ata::diskCount(); i++) {
        if (strcmp(drivers::ata::disk(i).name(), name) == 0) {
            return i;
        }
    }
    return -1;
}

void rawBenchmark(const Options& options, uint64_t khz) {
    int index = findDisk(options.target);
    if (index < 0) {
        kprintf("iobench: %s: no such disk\n", options.target);
        return;
    }
    storage::BlockDevice* disk = &drivers::ata::disk(index);
    const char* mounted = fs::Vfs::source();
    size_t length = strlen(options.target);
    if (fs::Vfs::root() != nullptr && mounted != nullptr && strncmp(mounted, options.target, length) == 0 &&
        (mounted[length] == '\0' || mounted[length] == 'p')) {
        kprintf("iobench: %s holds the mounted volume %s: give a scratch disk\n", options.target, mounted);
        return;
    }
    if (options.mib * kChunkSectors > disk->sectorCount()) {
        kprintf("iobench: %s has only %lu MiB\n", options.target, disk->sectorCount() / kChunkSectors);
        return;
    }
    kprintf("iobench: %s (%s), raw sectors from LBA 0\n", options.target,
            drivers::ata::transferMode(index));
    DiskTarget target(*disk);
    run(target, options.mib, khz);
}

void fileBenchmark(const Options& options, uint64_t khz) {
    fs::FileSystem* root = fs::Vfs::root();
    if (root == nullptr) {
        kprintf("iobench: no disk attached\n");
        return;
    }
    char path[fs::kMaxPath];
    if (!fs::Vfs::resolve(options.target, path)) {
        kprintf("iobench: %s: path too long\n", options.target);
        return;
    }
    auto existing = root->stat(path);
    if (!existing.isError()) {
        kprintf("iobench: %s: already exists (the benchmark makes and removes its own file)\n", path);
        return;
    }
    auto created = root->createFile(path);
    if (created.isError()) {
        kprintf("iobench: %s: %s\n", path, created.error().what());
        return;
    }
    FileTarget target(*root, path);
    run(target, options.mib, khz);
    auto removed = root->remove(path);
    if (removed.isError()) {
        kprintf("iobench: remove %s: %s\n", path, removed.error().what());
    }
}

}  // namespace

void iobenchCommand(const char* args) {
    Options options;
    if (!parse(args, &options)) {
        return;
    }
    uint64_t khz = drivers::TscClock::frequencyKhz();
    if (khz == 0) {
        kprintf("iobench: TSC frequency unknown\n");
        return;
    }
    if (options.raw) {
        rawBenchmark(options, khz);
    } else {
        fileBenchmark(options, khz);
    }
}

}  // namespace shell
