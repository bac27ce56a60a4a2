// tests/NtfsTest: fs/ntfs on volumes from our own test formatter and, where installed, from
// ntfs-3g's mkntfs (then checked back with ntfsfix -n, ntfsls and ntfscat): lookup, resident
// and non-resident data, growth, the vanishing-writes rule, directories with hundreds of
// entries (index splits and merges), deletion, rename, and fuzzed images.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

#include "fs/ntfs/NtfsFileSystem.h"
#include "fs/ntfs/NtfsIndex.h"
#include "tests/NtfsTestSupport.h"
#include "tests/Test.h"

using ntfstest::MemoryBlockDevice;

namespace {

constexpr size_t kVolumeSize = 32u << 20;

struct Mounted {
    fs::FileSystem* fs = nullptr;
    const char* error = nullptr;
    explicit Mounted(MemoryBlockDevice& device) {
        auto mounted = fs::ntfs::NtfsFileSystem::mount(device);
        if (mounted.isError()) {
            error = mounted.error().what();
        } else {
            fs = mounted.value();
        }
    }
    ~Mounted() { delete fs; }
    bool ok() const { return fs != nullptr; }
};

bool writeAll(fs::FileSystem& fs, const char* path, const std::string& text, uint64_t offset = 0) {
    auto written = fs.write(path, offset, text.data(), text.size());
    return !written.isError() && written.value() == text.size();
}

std::string readAll(fs::FileSystem& fs, const char* path) {
    std::string out;
    char chunk[5000];
    for (uint64_t offset = 0;;) {
        auto n = fs.read(path, offset, chunk, sizeof(chunk));
        if (n.isError()) return "<error: " + std::string(n.error().what()) + ">";
        if (n.value() == 0) return out;
        out.append(chunk, n.value());
        offset += n.value();
    }
}

std::vector<std::string> listNames(fs::FileSystem& fs, const char* directory) {
    std::vector<std::string> names;
    auto listed = fs.list(directory, [](const fs::DirEntry& e, void* c) {
        static_cast<std::vector<std::string>*>(c)->push_back(e.name);
        return true;
    }, &names);
    if (listed.isError()) names.push_back(std::string("<error: ") + listed.error().what() + ">");
    return names;
}

std::string pattern(size_t size, uint32_t seed) {
    std::string s(size, '\0');
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < size; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        s[i] = static_cast<char>(x);
    }
    return s;
}

std::string nameOf(int i) {
    char name[64];
    std::snprintf(name, sizeof(name), "/many/file-%03d-%s.txt", i, i % 3 == 0 ? "long-name-for-bigger-keys" : "x");
    return name;
}

bool contains(const std::vector<uint8_t>& bytes, const std::string& needle) {
    std::vector<uint8_t> n(needle.begin(), needle.end());
    return std::search(bytes.begin(), bytes.end(), n.begin(), n.end()) != bytes.end();
}

}  // namespace

TEST(ntfs_mount_ownFormatter_emptyRootAndStats) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    EXPECT_TRUE(m.ok());
    if (!m.ok()) return;
    EXPECT_EQ(0u, listNames(*m.fs, "/").size());
    auto stats = m.fs->statfs();
    EXPECT_TRUE(!stats.isError());
    EXPECT_EQ(4096u, stats.value().clusterSize);
    EXPECT_STREQ("JEFE", stats.value().label);
    EXPECT_TRUE(stats.value().freeBytes > 30u * 1024 * 1024);
    auto root = m.fs->stat("/");
    EXPECT_TRUE(!root.isError() && root.value().directory);
}

TEST(ntfs_write100Bytes_isResidentAndReadsBack) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    std::string text = pattern(100, 1);
    EXPECT_TRUE(!m.fs->createFile("/hello.txt").isError());
    EXPECT_TRUE(writeAll(*m.fs, "/hello.txt", text));
    EXPECT_TRUE(readAll(*m.fs, "/hello.txt") == text);
    auto st = m.fs->stat("/HELLO.TXT");  // case-insensitive through $UpCase
    EXPECT_TRUE(!st.isError() && st.value().size == 100 && !st.value().directory);
    EXPECT_TRUE(listNames(*m.fs, "/") == std::vector<std::string>{"hello.txt"});
    // Resident: the bytes live in the MFT (clusters 2-17 of the test layout).
    std::vector<uint8_t> mft(device.bytes().begin() + 2 * 4096, device.bytes().begin() + 18 * 4096);
    EXPECT_TRUE(contains(mft, text.substr(0, 50)));
}

TEST(ntfs_vanishingWrites_residentDataOnDiskWithoutSync) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(writeAll(*m.fs, "/note.txt", "first version"));
        EXPECT_TRUE(writeAll(*m.fs, "/note.txt", "FIRST", 0));
        uint64_t writes = device.writes;
        delete m.fs;  // dropped without sync or unmount: no I/O may be pending
        m.fs = nullptr;
        EXPECT_EQ(writes, device.writes);
    }
    MemoryBlockDevice copy(std::vector<uint8_t>(device.bytes()));
    Mounted again(copy);
    if (!again.ok()) return test::fail(__FILE__, __LINE__, again.error);
    EXPECT_TRUE(readAll(*again.fs, "/note.txt") == "FIRST version");
}

TEST(ntfs_write4MiB_nonResidentReadsBackAfterRemount) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    std::string big = pattern(4u << 20, 7);
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        // Appends in uneven pieces: resident first, then converted, then grown run by run.
        size_t done = 0;
        size_t piece = 700;
        while (done < big.size()) {
            size_t n = std::min(piece, big.size() - done);
            EXPECT_TRUE(writeAll(*m.fs, "/big.bin", big.substr(done, n), done));
            done += n;
            piece = piece * 3 / 2 + 1;
        }
        EXPECT_TRUE(readAll(*m.fs, "/big.bin") == big);
        EXPECT_TRUE(!m.fs->sync().isError());
        EXPECT_TRUE(device.flushes >= 1);
    }
    Mounted again(device);
    if (!again.ok()) return test::fail(__FILE__, __LINE__, again.error);
    auto st = again.fs->stat("/big.bin");
    EXPECT_TRUE(!st.isError() && st.value().size == big.size());
    EXPECT_TRUE(readAll(*again.fs, "/big.bin") == big);
    char middle[10];
    auto n = again.fs->read("/big.bin", 3u << 20, middle, sizeof(middle));
    EXPECT_TRUE(!n.isError() && n.value() == 10 && std::memcmp(middle, big.data() + (3u << 20), 10) == 0);
}

TEST(ntfs_truncate_shrinksFreesAndGrowsWithZeros) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    uint64_t freeBefore = m.fs->statfs().value().freeBytes;
    std::string data = pattern(100000, 3);
    EXPECT_TRUE(writeAll(*m.fs, "/t.bin", data));
    EXPECT_TRUE(m.fs->statfs().value().freeBytes < freeBefore);
    EXPECT_TRUE(!m.fs->truncate("/t.bin", 5000).isError());
    EXPECT_TRUE(readAll(*m.fs, "/t.bin") == data.substr(0, 5000));
    EXPECT_TRUE(!m.fs->truncate("/t.bin", 9000).isError());
    std::string grown = readAll(*m.fs, "/t.bin");
    EXPECT_TRUE(grown.size() == 9000 && grown.substr(0, 5000) == data.substr(0, 5000) &&
                grown.substr(5000) == std::string(4000, '\0'));
    EXPECT_TRUE(!m.fs->truncate("/t.bin", 60).isError());  // small again: resident, clusters freed
    EXPECT_TRUE(readAll(*m.fs, "/t.bin") == data.substr(0, 60));
    EXPECT_EQ(freeBefore, m.fs->statfs().value().freeBytes);
    EXPECT_TRUE(writeAll(*m.fs, "/t.bin", data.substr(0, 20000)));  // and out again
    EXPECT_TRUE(readAll(*m.fs, "/t.bin") == data.substr(0, 20000));
    EXPECT_TRUE(!m.fs->remove("/t.bin").isError());
    EXPECT_EQ(freeBefore, m.fs->statfs().value().freeBytes);
}

TEST(ntfs_create500Files_indexSplitsAndEverythingFound) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(!m.fs->createDirectory("/many").isError());
        for (int i = 0; i < 500; i++) {
            int k = (i * 367) % 500;  // out of order
            auto created = m.fs->createFile(nameOf(k).c_str());
            if (created.isError()) {
                std::fprintf(stderr, "  create %s: %s\n", nameOf(k).c_str(), created.error().what());
                test::fail(__FILE__, __LINE__, "createFile");
                return;
            }
        }
        EXPECT_TRUE(m.fs->createFile(nameOf(42).c_str()).isError());  // exists
    }
    Mounted again(device);
    if (!again.ok()) return test::fail(__FILE__, __LINE__, again.error);
    std::vector<std::string> names = listNames(*again.fs, "/many");
    EXPECT_EQ(500u, names.size());
    bool sorted = true;
    for (size_t i = 1; i < names.size(); i++) sorted = sorted && names[i - 1] < names[i];
    EXPECT_TRUE(sorted);
    int found = 0;
    for (int i = 0; i < 500; i++) found += again.fs->stat(nameOf(i).c_str()).isError() ? 0 : 1;
    EXPECT_EQ(500, found);
}

TEST(ntfs_delete500Files_treeStaysSearchableAndSpaceReturns) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createDirectory("/many").isError());
    for (int i = 0; i < 500; i++) {
        if (!writeAll(*m.fs, nameOf(i).c_str(), pattern(i % 7 == 0 ? 9000 : 20, i))) {
            return test::fail(__FILE__, __LINE__, "write");
        }
    }
    uint64_t freeFull = m.fs->statfs().value().freeBytes;
    int failures = 0;
    for (int step = 0; step < 500; step++) {
        int k = (step * 211) % 500;
        auto removed = m.fs->remove(nameOf(k).c_str());
        if (removed.isError()) {
            std::fprintf(stderr, "  remove %s: %s\n", nameOf(k).c_str(), removed.error().what());
            failures++;
        }
        if (step % 50 == 49) {
            // Every survivor is still found, none of the removed ones.
            for (int j = 0; j < 500; j++) {
                bool gone = false;
                for (int s = 0; s <= step; s++) gone = gone || (s * 211) % 500 == j;
                if (m.fs->stat(nameOf(j).c_str()).isError() != gone) failures++;
            }
            if (listNames(*m.fs, "/many").size() != static_cast<size_t>(500 - step - 1)) failures++;
        }
    }
    EXPECT_EQ(0, failures);
    EXPECT_TRUE(m.fs->statfs().value().freeBytes > freeFull);
    EXPECT_TRUE(!m.fs->remove("/many").isError());
    EXPECT_EQ(0u, listNames(*m.fs, "/").size());
    // The directory can be made and filled again.
    EXPECT_TRUE(!m.fs->createDirectory("/many").isError());
    EXPECT_TRUE(writeAll(*m.fs, nameOf(1).c_str(), "again"));
    EXPECT_TRUE(readAll(*m.fs, nameOf(1).c_str()) == "again");
}

TEST(ntfs_randomCreateRemove_matchesModelThenDrainsToEmpty) {
    // Random creates and removes (keys of very different lengths) against a model; then
    // every name is removed in random order: merges, borrows and root collapses all happen.
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createDirectory("/d").isError());
    std::vector<std::string> model;
    uint64_t x = 77;
    auto random = [&x]() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    int failures = 0;
    for (int op = 0; op < 3000; op++) {
        int k = static_cast<int>(random() % 900);
        std::string name = "/d/" + std::string(k % 5 == 0 ? 120 : 1, 'a' + k % 26) + "-" + std::to_string(k);
        auto at = std::find(model.begin(), model.end(), name);
        if (at == model.end()) {
            failures += m.fs->createFile(name.c_str()).isError() ? 1 : 0;
            model.push_back(name);
        } else {
            failures += m.fs->remove(name.c_str()).isError() ? 1 : 0;
            model.erase(at);
        }
        if (op % 500 == 499) {
            failures += listNames(*m.fs, "/d").size() == model.size() ? 0 : 1;
            for (const std::string& n : model) failures += m.fs->stat(n.c_str()).isError() ? 1 : 0;
        }
    }
    EXPECT_EQ(0, failures);
    while (!model.empty()) {
        size_t i = random() % model.size();
        failures += m.fs->remove(model[i].c_str()).isError() ? 1 : 0;
        model.erase(model.begin() + static_cast<long>(i));
        if (model.size() % 100 == 0) {
            for (const std::string& n : model) failures += m.fs->stat(n.c_str()).isError() ? 1 : 0;
        }
    }
    EXPECT_EQ(0, failures);
    EXPECT_TRUE(listNames(*m.fs, "/d").empty());
    EXPECT_TRUE(!m.fs->remove("/d").isError());
}

namespace {

// 240-character names: about six fit in one 4 KiB index block, so a few dozen files make a
// deep tree and the cases that need full siblings are easy to reach.
std::string longName(const std::string& id) { return "/d/k-" + id + std::string(240 - id.size(), '.'); }

}  // namespace

TEST(ntfs_longNames_borrowFromFullSiblingsAndDeepTrees) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createDirectory("/d").isError());
    std::vector<std::string> model;
    auto create = [&](const std::string& id) {
        EXPECT_TRUE(!m.fs->createFile(longName(id).c_str()).isError());
        model.push_back(longName(id));
    };
    auto remove = [&](const std::string& id) {
        EXPECT_TRUE(!m.fs->remove(longName(id).c_str()).isError());
        model.erase(std::find(model.begin(), model.end(), longName(id)));
    };
    auto check = [&]() {
        std::vector<std::string> names = listNames(*m.fs, "/d");
        bool same = names.size() == model.size();
        for (const std::string& n : model) same = same && !m.fs->stat(n.c_str()).isError();
        return same;
    };
    // Seven entries fit in a block. Sequential inserts leave [00-03] 04 [05-10].
    for (int i = 0; i <= 10; i++) create((i < 10 ? "0" : "") + std::to_string(i));
    // Fill the right leaf, then empty the left one: merging would overflow, so the
    // separator comes down and the full sibling's first entry goes up: [04] 05 [05a-10].
    create("05a");
    for (const char* id : {"00", "01", "02", "03"}) remove(id);
    EXPECT_TRUE(check());
    // The mirror case: fill the left leaf, empty the right (end) one: borrow from the left.
    for (const char* id : {"04a", "04b", "04c", "04d", "04e", "04f"}) create(id);
    for (const char* id : {"05a", "06", "07", "08", "09", "10"}) remove(id);
    EXPECT_TRUE(check());
    // A deep tree: 420 names (more than 64 index blocks), removed in scattered order
    // (inner entries included), then the freed blocks are used again.
    for (int i = 0; i < 420; i++) create("z" + std::to_string(1000 + (i * 37) % 420));
    EXPECT_TRUE(check());
    for (int i = 0; i < 300; i++) remove("z" + std::to_string(1000 + (i * 53) % 420));
    EXPECT_TRUE(check());
    for (int i = 0; i < 50; i++) create("y" + std::to_string(i));
    EXPECT_TRUE(check());
}

TEST(ntfs_rmdirNonEmpty_refusedAndEmptyRemoved) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createDirectory("/d").isError());
    EXPECT_TRUE(!m.fs->createFile("/d/f").isError());
    auto refused = m.fs->remove("/d");
    EXPECT_TRUE(refused.isError() && refused.error().code() == lib::ErrorCode::NotEmpty);
    EXPECT_TRUE(m.fs->createDirectory("/d").isError());
    EXPECT_TRUE(m.fs->read("/d", 0, nullptr, 0).isError());
    EXPECT_TRUE(m.fs->stat("/d/f/x").isError());
    EXPECT_TRUE(!m.fs->remove("/d/f").isError());
    EXPECT_TRUE(!m.fs->remove("/d").isError());
    EXPECT_TRUE(m.fs->stat("/d").isError());
    EXPECT_TRUE(m.fs->remove("/$MFT").isError());
}

TEST(ntfs_rename_acrossDirectoriesKeepsData) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createDirectory("/a").isError());
    EXPECT_TRUE(!m.fs->createDirectory("/b").isError());
    EXPECT_TRUE(!m.fs->createDirectory("/a/sub").isError());
    EXPECT_TRUE(writeAll(*m.fs, "/a/sub/doc.txt", "moved content"));
    EXPECT_TRUE(!m.fs->rename("/a/sub/doc.txt", "/b/renamed.txt").isError());
    EXPECT_TRUE(m.fs->stat("/a/sub/doc.txt").isError());
    EXPECT_TRUE(readAll(*m.fs, "/b/renamed.txt") == "moved content");
    EXPECT_TRUE(!m.fs->rename("/a/sub", "/b/sub2").isError());
    EXPECT_TRUE(listNames(*m.fs, "/b/sub2").empty());
    EXPECT_TRUE(m.fs->stat("/a/sub").isError());
    EXPECT_TRUE(m.fs->rename("/b", "/b/sub2/inside").isError());  // not into itself
    auto caseOnly = m.fs->rename("/b/renamed.txt", "/b/RENAMED.txt");  // case only
    EXPECT_TRUE(!caseOnly.isError());
    if (caseOnly.isError()) std::fprintf(stderr, "  %s\n", caseOnly.error().what());
    auto renamed = m.fs->stat("/b/renamed.txt");
    EXPECT_TRUE(!renamed.isError() && std::strcmp(renamed.value().name, "RENAMED.txt") == 0);
    EXPECT_TRUE(!m.fs->createFile("/x").isError());
    EXPECT_TRUE(m.fs->rename("/x", "/b/renamed.txt").isError());  // target exists
    std::vector<std::string> b = listNames(*m.fs, "/b");
    EXPECT_EQ(2u, b.size());
}

TEST(ntfs_unicodeNamesAndDotDot_roundTripAndMatchIgnoringCase) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    const char* name = "Gr\xC3\xBC\xC3\x9F" "e-\xE6\x97\xA5\xE6\x9C\xAC-\xF0\x9F\x98\x80.txt";  // Grüße-日本-😀.txt
    EXPECT_TRUE(!m.fs->createDirectory("/dir").isError());
    EXPECT_TRUE(writeAll(*m.fs, (std::string("/dir/") + name).c_str(), "unicode"));
    EXPECT_TRUE(listNames(*m.fs, "/dir") == std::vector<std::string>{name});
    // Ü is the upper case of ü in $UpCase; "." and ".." are resolved on the way.
    std::string upper = "/dir/./../dir/GR\xC3\x9C\xC3\x9F" "E-\xE6\x97\xA5\xE6\x9C\xAC-\xF0\x9F\x98\x80.TXT";
    EXPECT_TRUE(readAll(*m.fs, upper.c_str()) == "unicode");
    EXPECT_TRUE(m.fs->createFile("/bad\xFF").isError());
}

TEST(ntfs_writePastEnd_gapReadsAsZeros) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    std::string head = pattern(10000, 8);
    EXPECT_TRUE(writeAll(*m.fs, "/gap.bin", head));
    EXPECT_TRUE(writeAll(*m.fs, "/gap.bin", "tail", 100000));
    std::string all = readAll(*m.fs, "/gap.bin");
    EXPECT_TRUE(all == head + std::string(90000, '\0') + "tail");
}

TEST(ntfs_touch_setsModificationTime) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(!m.fs->createFile("/t").isError());
    EXPECT_TRUE(!m.fs->touch("/t", 1700000000).isError());
    auto st = m.fs->stat("/t");
    EXPECT_TRUE(!st.isError() && st.value().modified == 1700000000);
}

TEST(ntfs_corruptBootAndMft_refusedWithOneLineMessage) {
    std::vector<uint8_t> good = ntfstest::formatVolume(kVolumeSize, "JEFE");
    {
        std::vector<uint8_t> bad = good;
        bad[3] = 'X';
        MemoryBlockDevice device(bad);
        Mounted m(device);
        EXPECT_TRUE(!m.ok() && std::strstr(m.error, "signature") != nullptr);
    }
    {
        std::vector<uint8_t> bad = good;
        bad[2 * 4096 + 5 * 1024 + 510] ^= 0x01;  // record 5's first fixup slot
        MemoryBlockDevice device(bad);
        Mounted m(device);
        EXPECT_TRUE(!m.ok());
        if (!m.ok()) EXPECT_STREQ("ntfs: MFT record 5: bad fixup", m.error);
    }
    {
        std::vector<uint8_t> bad = good;
        bad[0x0B] = 0x00;
        bad[0x0C] = 0x01;  // 256 bytes per sector
        MemoryBlockDevice device(bad);
        Mounted m(device);
        EXPECT_TRUE(!m.ok());
    }
}

// --- attribute lists -----------------------------------------------------------------

namespace {

using namespace fs::ntfs;

constexpr size_t kMftOffset = 2 * 4096;  // the test formatter's $MFT

void loadRecord(std::vector<uint8_t>& image, uint64_t n, uint8_t* out) {
    std::memcpy(out, image.data() + kMftOffset + n * 1024, 1024);
    (void)removeFixups(out, 1024, "FILE", "MFT record", n);
}

void storeRecord(std::vector<uint8_t>& image, uint64_t n, uint8_t* record) {
    uint8_t copy[1024];
    std::memcpy(copy, record, 1024);
    applyFixups(copy, 1024);
    std::memcpy(image.data() + kMftOffset + n * 1024, copy, 1024);
}

// An extension record of `base` holding one piece of its $DATA: runs from `first` VCN.
void makeExtension(std::vector<uint8_t>& image, uint64_t n, uint64_t baseReference, const Vec<Run>& runs,
                   size_t piece, uint64_t dataSize) {
    uint8_t r[1024] = {};
    std::memcpy(r, "FILE", 4);
    put16(r + 4, 0x30);
    put16(r + 6, 3);
    put16(r + 0x10, 1);
    put16(r + 0x14, 0x38);
    put16(r + 0x16, kRecordInUse);
    put32(r + 0x1C, 1024);
    put64(r + 0x20, baseReference);
    put32(r + 0x2C, static_cast<uint32_t>(n));
    uint8_t* a = r + 0x38;
    Vec<Run> one;
    (void)one.push(Run{0, runs[piece].lcn, runs[piece].length, false});
    size_t runBytes = encodeRuns(one, 0, a + 0x40, 64);
    uint32_t length = static_cast<uint32_t>(align8(0x40 + runBytes));
    put32(a, kAttrData);
    put32(a + 4, length);
    a[8] = 1;
    put16(a + 0x0A, 0x40);
    put16(a + 0x0E, 7);  // attribute id
    put64(a + 0x10, runs[piece].vcn);
    put64(a + 0x18, runs[piece].vcn + runs[piece].length - 1);
    put16(a + 0x20, 0x40);
    if (piece == 0) {
        put64(a + 0x28, dataSize);
        put64(a + 0x30, dataSize);
        put64(a + 0x38, dataSize);
    }
    put32(a + length, kAttrEnd);
    put32(r + 0x18, 0x38 + length + 8);
    storeRecord(image, n, r);
}

void listEntry(uint8_t* e, uint32_t type, uint64_t vcn, uint64_t reference, uint16_t id) {
    std::memset(e, 0, 0x20);
    put32(e, type);
    put16(e + 4, 0x20);
    e[7] = 0x1A;
    put64(e + 8, vcn);
    put64(e + 0x10, reference);
    put16(e + 0x18, id);
}

}  // namespace

TEST(ntfs_attributeList_dataInExtensionRecordsIsReadAndRemoved) {
    std::vector<uint8_t> image = ntfstest::formatVolume(kVolumeSize, "JEFE");
    std::string data = pattern(3 * 4096, 21);
    {
        MemoryBlockDevice device(image);
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(writeAll(*m.fs, "/al.bin", data));
        image = device.bytes();
    }
    // Move $DATA of record 24 into two extension records (60: VCN 0, 61: VCN 1-2) listed
    // by an $ATTRIBUTE_LIST in the base record (NTFS docs "$ATTRIBUTE_LIST").
    uint8_t base[1024];
    loadRecord(image, 24, base);
    Attribute a;
    EXPECT_TRUE(findAttribute(base, 1024, 24, kAttrData, nullptr, 0, a).value());
    Vec<Run> runs;
    EXPECT_TRUE(!decodeRuns(base + a.offset + a.runsOffset, a.length - a.runsOffset, 0, 8192, runs, 24).isError());
    EXPECT_EQ(1u, runs.size());
    Vec<Run> pieces;
    (void)pieces.push(Run{0, runs[0].lcn, 1, false});
    (void)pieces.push(Run{1, runs[0].lcn + 1, 2, false});
    uint64_t baseReference = 24 | (static_cast<uint64_t>(le16(base + 0x10)) << 48);
    makeExtension(image, 60, baseReference, pieces, 0, data.size());
    makeExtension(image, 61, baseReference, pieces, 1, data.size());
    removeAttribute(base, a.offset);
    Attribute si, fn;
    EXPECT_TRUE(findAttribute(base, 1024, 24, kAttrStandardInformation, nullptr, 0, si).value());
    EXPECT_TRUE(findAttribute(base, 1024, 24, kAttrFileName, nullptr, 0, fn).value());
    uint8_t list[4 * 0x20];
    listEntry(list, kAttrStandardInformation, 0, baseReference, si.id);
    listEntry(list + 0x20, kAttrFileName, 0, baseReference, fn.id);
    listEntry(list + 0x40, kAttrData, 0, 60 | (1ull << 48), 7);
    listEntry(list + 0x60, kAttrData, 1, 61 | (1ull << 48), 7);
    uint8_t attribute[0x100];
    uint32_t length = buildResident(attribute, kAttrAttributeList, nullptr, 0, list, sizeof(list), false);
    EXPECT_TRUE(!insertAttribute(base, 1024, attribute, length).isError());
    storeRecord(image, 24, base);

    MemoryBlockDevice device(image);
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(readAll(*m.fs, "/al.bin") == data);
    auto st = m.fs->stat("/al.bin");
    EXPECT_TRUE(!st.isError() && st.value().size == data.size());
    // Listed files are writable: an overwrite inside a piece, then a rename (the new
    // $FILE_NAME gets a new instance, so the list is rewritten).
    auto written = m.fs->write("/al.bin", 5000, "x", 1);
    EXPECT_TRUE(!written.isError() && written.value() == 1);
    data[5000] = 'x';
    EXPECT_TRUE(!m.fs->rename("/al.bin", "/other.bin").isError());
    EXPECT_TRUE(readAll(*m.fs, "/other.bin") == data);
    // Growing rewrites the pieces (the emptied extension records are reused).
    uint64_t freeBefore = m.fs->statfs().value().freeBytes;
    std::string more = pattern(2 * 4096, 22);
    EXPECT_TRUE(writeAll(*m.fs, "/other.bin", more, data.size()));
    data += more;
    EXPECT_TRUE(readAll(*m.fs, "/other.bin") == data);
    EXPECT_EQ(freeBefore - 2 * 4096, m.fs->statfs().value().freeBytes);
    {
        MemoryBlockDevice again(device.bytes());
        Mounted remounted(again);
        if (!remounted.ok()) return test::fail(__FILE__, __LINE__, remounted.error);
        EXPECT_TRUE(readAll(*remounted.fs, "/other.bin") == data);
    }
    EXPECT_TRUE(!m.fs->remove("/other.bin").isError());
    EXPECT_EQ(freeBefore + 3 * 4096, m.fs->statfs().value().freeBytes);
    uint8_t extension[1024];
    loadRecord(device.bytes(), 60, extension);
    EXPECT_EQ(0, le16(extension + 0x16) & kRecordInUse);
    loadRecord(device.bytes(), 61, extension);
    EXPECT_EQ(0, le16(extension + 0x16) & kRecordInUse);
}

TEST(ntfs_sparseRun_readsAsZerosAndRefusesWrites) {
    std::vector<uint8_t> image = ntfstest::formatVolume(kVolumeSize, "JEFE");
    std::string data = pattern(3 * 4096, 4);
    {
        MemoryBlockDevice device(image);
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(writeAll(*m.fs, "/sparse.bin", data));
        image = device.bytes();
    }
    // Rewrite record 24's runlist as: 1 cluster, 1 sparse cluster, 1 cluster (signed
    // deltas: the third run's LCN is relative to the first's).
    uint8_t record[1024];
    loadRecord(image, 24, record);
    Attribute a;
    EXPECT_TRUE(findAttribute(record, 1024, 24, kAttrData, nullptr, 0, a).value() && a.nonResident);
    Vec<Run> runs;
    EXPECT_TRUE(!decodeRuns(record + a.offset + a.runsOffset, a.length - a.runsOffset, 0, 8192, runs, 24).isError());
    Vec<Run> holed;
    (void)holed.push(Run{0, runs[0].lcn, 1, false});
    (void)holed.push(Run{1, 0, 1, true});
    (void)holed.push(Run{2, runs[0].lcn + 2, 1, false});
    EXPECT_TRUE(!resizeAttribute(record, 1024, a.offset, a.runsOffset + 16).isError());
    EXPECT_TRUE(encodeRuns(holed, 0, record + a.offset + a.runsOffset, 16) != 0);
    put16(record + a.offset + 0x0C, kAttrFlagSparse);
    storeRecord(image, 24, record);
    MemoryBlockDevice device(image);
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    std::string expected = data.substr(0, 4096) + std::string(4096, '\0') + data.substr(8192);
    EXPECT_TRUE(readAll(*m.fs, "/sparse.bin") == expected);
    auto refused = m.fs->write("/sparse.bin", 5000, "x", 1);
    EXPECT_TRUE(refused.isError() && refused.error().code() == lib::ErrorCode::Unsupported);
}

TEST(ntfs_hardLink_removingOneNameKeepsTheFile) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(!m.fs->createDirectory("/a").isError());  // record 24
        EXPECT_TRUE(writeAll(*m.fs, "/a/f", "linked data"));   // record 25
        EXPECT_TRUE(!m.fs->createDirectory("/b").isError());  // record 26
    }
    // Add a second name /b/link for record 25 (as Windows' CreateHardLink would).
    Volume volume;
    EXPECT_TRUE(!volume.open(device).isError());
    Buffer file, dir;
    EXPECT_TRUE(!volume.readRecord(25, file).isError() && !volume.readRecord(26, dir).isError());
    uint64_t fileReference = 25 | (static_cast<uint64_t>(le16(file.data() + 0x10)) << 48);
    uint64_t dirReference = 26 | (static_cast<uint64_t>(le16(dir.data() + 0x10)) << 48);
    uint16_t name[4] = {'l', 'i', 'n', 'k'};
    uint8_t key[0x42 + 8];
    uint16_t keyLength = buildFileName(key, dirReference, 0, 0, 0, kFileAttrArchive, name, 4, 1);
    DirectoryIndex index(volume, 26);
    EXPECT_TRUE(!index.load().isError() && !index.insert(fileReference, key, keyLength).isError());
    uint8_t attribute[0x100];
    uint32_t length = buildResident(attribute, kAttrFileName, nullptr, 0, key, keyLength, true);
    EXPECT_TRUE(!insertAttribute(file.data(), 1024, attribute, length).isError());
    put16(file.data() + 0x12, 2);
    EXPECT_TRUE(!volume.writeRecord(25, file.data()).isError());

    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(readAll(*m.fs, "/b/link") == "linked data");
    uint64_t freeBefore = m.fs->statfs().value().freeBytes;
    EXPECT_TRUE(!m.fs->remove("/a/f").isError());
    EXPECT_TRUE(m.fs->stat("/a/f").isError());
    EXPECT_TRUE(readAll(*m.fs, "/b/link") == "linked data");
    EXPECT_TRUE(!m.fs->rename("/b/link", "/a/back").isError());
    EXPECT_TRUE(readAll(*m.fs, "/a/back") == "linked data");
    EXPECT_TRUE(!m.fs->remove("/a/back").isError());
    EXPECT_TRUE(listNames(*m.fs, "/a").empty() && listNames(*m.fs, "/b").empty());
    EXPECT_EQ(freeBefore, m.fs->statfs().value().freeBytes);
    Buffer freed;
    EXPECT_TRUE(!volume.readRecord(25, freed).isError() && (le16(freed.data() + 0x16) & kRecordInUse) == 0);
}

TEST(ntfs_dirtyFlag_setByFirstChangeClearedBySyncAndMirrored) {
    MemoryBlockDevice device(ntfstest::formatVolume(kVolumeSize, "JEFE"));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    auto volumeFlags = [&device]() {
        uint8_t record[1024];
        loadRecord(device.bytes(), 3, record);
        Attribute info;
        (void)findAttribute(record, 1024, 3, kAttrVolumeInformation, nullptr, 0, info);
        return le16(record + info.offset + info.valueOffset + 0x0A);
    };
    auto mirrored = [&device]() {
        return std::memcmp(device.bytes().data() + kMftOffset, device.bytes().data() + 18 * 4096, 4 * 1024) == 0;
    };
    EXPECT_EQ(0, volumeFlags() & 1);
    EXPECT_TRUE(writeAll(*m.fs, "/f", "data"));
    EXPECT_EQ(1, volumeFlags() & 1);
    EXPECT_TRUE(mirrored());
    EXPECT_TRUE(!m.fs->sync().isError());
    EXPECT_EQ(0, volumeFlags() & 1);
    EXPECT_TRUE(mirrored());
    EXPECT_EQ(1, device.flushes);
}

// --- ntfs-3g interoperability --------------------------------------------------------

TEST(ntfs_mkntfsVolume_readWriteThenNtfs3gSeesItClean) {
    if (!ntfstest::haveNtfs3g()) {
        std::printf("  skipped ntfs_mkntfsVolume_...: ntfs-3g tools (mkntfs, ntfsfix, ntfsls, ntfscat) not installed\n");
        return;
    }
    std::vector<uint8_t> image = ntfstest::mkntfsVolume(kVolumeSize);
    EXPECT_TRUE(!image.empty());
    if (image.empty()) return;
    MemoryBlockDevice device(image);
    std::string big = pattern(4u << 20, 11);
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(listNames(*m.fs, "/").empty());  // system files hidden
        EXPECT_TRUE(!m.fs->stat("/$MFT").isError());
        EXPECT_TRUE(!m.fs->createDirectory("/docs").isError());
        EXPECT_TRUE(writeAll(*m.fs, "/docs/small.txt", pattern(100, 2)));
        EXPECT_TRUE(writeAll(*m.fs, "/big.bin", big));
        EXPECT_TRUE(!m.fs->createDirectory("/many").isError());
        for (int i = 0; i < 500; i++) {
            if (!writeAll(*m.fs, nameOf(i).c_str(), "entry " + std::to_string(i))) {
                return test::fail(__FILE__, __LINE__, "write many");
            }
        }
        for (int i = 0; i < 500; i += 5) EXPECT_TRUE(!m.fs->remove(nameOf(i).c_str()).isError());
        EXPECT_TRUE(!m.fs->createDirectory("/other").isError());
        EXPECT_TRUE(!m.fs->rename("/docs/small.txt", "/other/moved.txt").isError());
        EXPECT_TRUE(!m.fs->sync().isError());
    }
    std::string out;
    int status = ntfstest::runOnImage(device.bytes(), "ntfsfix -n {}", out);
    EXPECT_EQ(0, status);
    if (status != 0 || out.find("rror") != std::string::npos) std::fprintf(stderr, "%s\n", out.c_str());
    status = ntfstest::runOnImage(device.bytes(), "ntfsls -R {}", out);
    EXPECT_EQ(0, status);
    EXPECT_TRUE(out.find("moved.txt") != std::string::npos);
    EXPECT_TRUE(out.find("file-499-x.txt") != std::string::npos);
    EXPECT_TRUE(out.find("file-495-x.txt") == std::string::npos);
    status = ntfstest::runOnImage(device.bytes(), "ntfsls {} -p /many | grep -c file-", out);
    EXPECT_EQ(400, std::atoi(out.c_str()));
    status = ntfstest::runOnImage(device.bytes(), "ntfscat {} /big.bin", out);
    EXPECT_TRUE(out == big);
    status = ntfstest::runOnImage(device.bytes(), "ntfscat {} /other/moved.txt", out);
    EXPECT_TRUE(out == pattern(100, 2));
}

TEST(ntfs_mkntfsVolume_filesWrittenByNtfs3gAreRead) {
    if (!ntfstest::haveNtfs3g()) {
        std::printf("  skipped ntfs_mkntfsVolume_filesWritten...: ntfs-3g tools not installed\n");
        return;
    }
    // ntfscp puts a host file into the image; we read it (non-resident) and list it.
    std::vector<uint8_t> image = ntfstest::mkntfsVolume(kVolumeSize);
    if (image.empty()) return test::fail(__FILE__, __LINE__, "mkntfs");
    std::string data = pattern(300000, 5);
    std::string out;
    // Build the image through one shell pipeline so the tool writes into our temporary file.
    char source[] = "/tmp/jefeos-ntfs-src-XXXXXX";
    int fd = mkstemp(source);
    if (fd < 0) return test::fail(__FILE__, __LINE__, "mkstemp");
    if (::write(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) test::fail(__FILE__, __LINE__, "write");
    ::close(fd);
    std::string command = std::string("$(command -v ntfscp || echo /usr/sbin/ntfscp) -f {} ") + source + " /from-host.bin >/dev/null && cat {}";
    int status = ntfstest::runOnImage(image, command, out);
    ::unlink(source);
    if (status != 0 || out.size() < kVolumeSize) {
        std::printf("  skipped: ntfscp not usable here\n");
        return;
    }
    MemoryBlockDevice device(std::vector<uint8_t>(out.begin(), out.begin() + kVolumeSize));
    Mounted m(device);
    if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
    EXPECT_TRUE(readAll(*m.fs, "/FROM-HOST.BIN") == data);
    EXPECT_EQ(1u, listNames(*m.fs, "/").size());
}

// --- attribute lists we write ------------------------------------------------------------

namespace {

// The in-use extension records (base reference set) of the volume on `device`.
std::vector<uint64_t> extensionRecords(MemoryBlockDevice& device) {
    std::vector<uint64_t> found;
    Volume volume;
    if (volume.open(device).isError()) return {~0ull};
    Buffer record;
    for (uint64_t n = kFirstUserRecord; !volume.readRecord(n, record).isError(); n++) {
        if ((le16(record.data() + 0x16) & kRecordInUse) != 0 && le64(record.data() + 0x20) != 0) found.push_back(n);
    }
    return found;
}

bool appendAll(fs::FileSystem& fs, const char* path, std::string& model, const std::string& text) {
    bool ok = writeAll(fs, path, text, model.size());
    model += text;
    return ok;
}

}  // namespace

TEST(ntfs_fragmentedFile_attributeListAcrossExtensionRecordsIsWritableAndNtfs3gAgrees) {
    if (!ntfstest::haveNtfs3g()) {
        std::printf("  skipped ntfs_fragmentedFile_...: ntfs-3g tools not installed\n");
        return;
    }
    std::vector<uint8_t> image = ntfstest::mkntfsVolume(kVolumeSize);
    if (image.empty()) return test::fail(__FILE__, __LINE__, "mkntfs");
    MemoryBlockDevice device(image);
    std::string a;
    std::string b;
    uint64_t freeAtStart = 0;
    size_t extensionsWhenBig = 0;
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        // $MFT grows (and never shrinks) when its records run out: grow it first, so the
        // free space after deleting everything is comparable.
        for (int i = 0; i < 16; i++) EXPECT_TRUE(!m.fs->createFile(("/spare-" + std::to_string(i)).c_str()).isError());
        for (int i = 0; i < 16; i++) EXPECT_TRUE(!m.fs->remove(("/spare-" + std::to_string(i)).c_str()).isError());
        freeAtStart = m.fs->statfs().value().freeBytes;
        // Interleaved one-cluster appends: each file gets every other cluster, so each
        // append is a run of its own and the mapping pairs outgrow the base record, then
        // one extension record.
        for (int i = 0; i < 700; i++) {
            if (!appendAll(*m.fs, "/a.bin", a, pattern(4096, 1000 + i)) ||
                !appendAll(*m.fs, "/b.bin", b, pattern(4096, 9000 + i))) {
                return test::fail(__FILE__, __LINE__, "interleaved append");
            }
        }
        extensionsWhenBig = extensionRecords(device).size();
        EXPECT_TRUE(extensionsWhenBig >= 4);  // at least two pieces for each file
        EXPECT_TRUE(readAll(*m.fs, "/a.bin") == a);
        // Append (a partial cluster), overwrite across clusters, then truncate away most pieces.
        EXPECT_TRUE(appendAll(*m.fs, "/a.bin", a, pattern(10000, 3)));
        std::string patch = pattern(20000, 4);
        EXPECT_TRUE(writeAll(*m.fs, "/a.bin", patch, 100000));
        a.replace(100000, patch.size(), patch);
        EXPECT_TRUE(!m.fs->truncate("/a.bin", 150 * 4096 + 123).isError());
        a.resize(150 * 4096 + 123);
        EXPECT_TRUE(extensionRecords(device).size() < extensionsWhenBig);
        EXPECT_TRUE(!m.fs->rename("/b.bin", "/b-renamed.bin").isError());
        EXPECT_TRUE(!m.fs->sync().isError());
    }
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(readAll(*m.fs, "/a.bin") == a);
        EXPECT_TRUE(readAll(*m.fs, "/b-renamed.bin") == b);
    }
    std::string out;
    int status = ntfstest::runOnImage(device.bytes(), "ntfsfix -n {}", out);
    EXPECT_EQ(0, status);
    if (status != 0 || out.find("rror") != std::string::npos) std::fprintf(stderr, "%s\n", out.c_str());
    (void)ntfstest::runOnImage(device.bytes(), "ntfscat {} /a.bin", out);
    EXPECT_TRUE(out == a);
    (void)ntfstest::runOnImage(device.bytes(), "ntfscat {} /b-renamed.bin", out);
    EXPECT_TRUE(out == b);
    status = ntfstest::runOnImage(device.bytes(), "ntfsls {}", out);
    EXPECT_EQ(0, status);
    EXPECT_TRUE(out.find("a.bin") != std::string::npos && out.find("b-renamed.bin") != std::string::npos);
    {
        Mounted m(device);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        EXPECT_TRUE(!m.fs->remove("/b-renamed.bin").isError());
        EXPECT_TRUE(readAll(*m.fs, "/a.bin") == a);
        EXPECT_TRUE(!m.fs->remove("/a.bin").isError());
        EXPECT_EQ(freeAtStart, m.fs->statfs().value().freeBytes);
        EXPECT_TRUE(extensionRecords(device).empty());
        EXPECT_TRUE(!m.fs->sync().isError());
    }
    status = ntfstest::runOnImage(device.bytes(), "ntfsfix -n {}", out);
    EXPECT_EQ(0, status);
}

// --- fuzzing ---------------------------------------------------------------------------

namespace {

uint64_t g_seed = 0x9E3779B97F4A7C15ull;
uint64_t nextRandom() {
    g_seed ^= g_seed << 13;
    g_seed ^= g_seed >> 7;
    g_seed ^= g_seed << 17;
    return g_seed;
}

bool countEntry(const fs::DirEntry&, void* c) {
    ++*static_cast<int*>(c);
    return true;
}

// Touches everything reachable; any outcome but a crash (ASan/UBSan abort) is fine.
void exercise(fs::FileSystem& fs) {
    int count = 0;
    (void)fs.list("/", countEntry, &count);
    (void)fs.list("/many", countEntry, &count);
    char buffer[8192];
    for (int i = 0; i < 500; i += 37) (void)fs.read(nameOf(i).c_str(), 0, buffer, sizeof(buffer));
    (void)fs.read("/big.bin", 1u << 20, buffer, sizeof(buffer));
    (void)fs.write("/new.txt", 0, "fuzz", 4);
    (void)fs.write("/many/new-entry.txt", 0, buffer, sizeof(buffer));
    (void)fs.remove(nameOf(74).c_str());
    (void)fs.rename(nameOf(111).c_str(), "/renamed");
    (void)fs.stat("/big.bin");
}

}  // namespace

TEST(ntfs_fuzzedImages_neverCrash) {
    MemoryBlockDevice base(ntfstest::formatVolume(8u << 20, "FUZZ"));
    {
        Mounted m(base);
        if (!m.ok()) return test::fail(__FILE__, __LINE__, m.error);
        // big.bin is record 24 (its runlist has many runs: spacer.bin interleaves), then 200
        // files in /many so the index has INDX blocks.
        std::string big = pattern(2u << 20, 9);
        for (size_t at = 0; at < big.size(); at += 100000) {
            EXPECT_TRUE(writeAll(*m.fs, "/big.bin", big.substr(at, std::min<size_t>(100000, big.size() - at)), at));
            EXPECT_TRUE(writeAll(*m.fs, "/spacer.bin", std::string(5000, 's'), at / 20));
        }
        EXPECT_TRUE(!m.fs->createDirectory("/many").isError());
        for (int i = 0; i < 200; i++) EXPECT_TRUE(writeAll(*m.fs, nameOf(i).c_str(), "x"));
    }
    // Regions: boot sector, MFT records (headers, attributes), big.bin's runlist, index blocks.
    const std::vector<uint8_t>& clean = base.bytes();
    std::vector<size_t> indexBlocks;
    for (size_t at = 0; at + 4 <= clean.size(); at += 4096) {
        if (std::memcmp(clean.data() + at, "INDX", 4) == 0) indexBlocks.push_back(at);
    }
    EXPECT_TRUE(indexBlocks.size() > 2);
    uint8_t bigRecord[1024];
    std::vector<uint8_t> copy = clean;
    loadRecord(copy, 24, bigRecord);
    Attribute data;
    EXPECT_TRUE(findAttribute(bigRecord, 1024, 24, kAttrData, nullptr, 0, data).value() && data.nonResident);
    size_t runsAt = kMftOffset + 24 * 1024 + data.offset + data.runsOffset;
    size_t runsLength = data.length - data.runsOffset;
    EXPECT_TRUE(runsLength > 8);
    // JEFEOS_NTFS_FUZZ_ROUNDS=N runs a longer soak (the default keeps the suite fast).
    const char* soak = std::getenv("JEFEOS_NTFS_FUZZ_ROUNDS");
    int rounds = soak != nullptr ? std::atoi(soak) : 250;
    int mounted = 0;
    for (int round = 0; round < rounds; round++) {
        std::vector<uint8_t> bytes = clean;
        int flips = 1 + static_cast<int>(nextRandom() % 8);
        for (int f = 0; f < flips; f++) {
            size_t at;
            switch (nextRandom() % 5) {
            case 0: at = nextRandom() % 512; break;
            case 1: at = kMftOffset + nextRandom() % (64 * 1024); break;
            case 2: at = kMftOffset + (24 + nextRandom() % 40) * 1024 + 0x38 + nextRandom() % 400; break;
            case 3: at = runsAt + nextRandom() % runsLength; break;
            default: at = indexBlocks[nextRandom() % indexBlocks.size()] + nextRandom() % 4096; break;
            }
            bytes[at] ^= static_cast<uint8_t>(1u << (nextRandom() % 8));
        }
        MemoryBlockDevice device(bytes);
        Mounted m(device);
        if (m.ok()) {
            mounted++;
            exercise(*m.fs);
        } else {
            EXPECT_TRUE(m.error != nullptr && std::strncmp(m.error, "ntfs: ", 6) == 0);
        }
    }
    EXPECT_TRUE(mounted > 0);
    std::printf("  fuzz: %d images, %d mounted\n", rounds, mounted);
}
