// tests/PartitionTableTest: storage/PartitionTable on MBR, GPT (with CRCs, backup header),
// bare-volume and corrupt disks, and storage/Partition's bounds checks.
#include "storage/PartitionTable.h"

#include <cstring>
#include <vector>

#include "storage/Crc32.h"
#include "storage/Partition.h"
#include "tests/Test.h"

namespace {

class MemoryDisk final : public storage::BlockDevice {
public:
    explicit MemoryDisk(uint64_t sectors) : bytes(sectors * kSectorSize, 0) {}
    uint64_t sectorCount() const override { return bytes.size() / kSectorSize; }
    lib::ErrorOr<bool> read(uint64_t lba, uint32_t count, void* buffer) override {
        if (lba + count > sectorCount()) return lib::Error::from(lib::ErrorCode::IoError, "out of range");
        std::memcpy(buffer, bytes.data() + lba * kSectorSize, count * kSectorSize);
        return true;
    }
    lib::ErrorOr<bool> write(uint64_t lba, uint32_t count, const void* buffer) override {
        if (lba + count > sectorCount()) return lib::Error::from(lib::ErrorCode::IoError, "out of range");
        std::memcpy(bytes.data() + lba * kSectorSize, buffer, count * kSectorSize);
        return true;
    }
    lib::ErrorOr<bool> flush() override { return true; }
    const char* name() const override { return "mem"; }
    uint8_t* sector(uint64_t lba) { return bytes.data() + lba * kSectorSize; }
    std::vector<uint8_t> bytes;
};

void put32(uint8_t* p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put64(uint8_t* p, uint64_t v) {
    put32(p, static_cast<uint32_t>(v));
    put32(p + 4, static_cast<uint32_t>(v >> 32));
}

void mbrEntry(MemoryDisk& disk, int slot, uint8_t type, uint32_t first, uint32_t count) {
    uint8_t* e = disk.sector(0) + 446 + slot * 16;
    e[4] = type;
    put32(e + 8, first);
    put32(e + 12, count);
    disk.sector(0)[510] = 0x55;
    disk.sector(0)[511] = 0xAA;
}

constexpr uint8_t kBasicData[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9, 0x33, 0x44,
                                    0x87, 0xC0, 0x68, 0xB6, 0xB7, 0x26, 0x99, 0xC7};

// A GPT header at `lba` pointing at 128 entries of 128 bytes at `entriesLba`.
void gptHeader(MemoryDisk& disk, uint64_t lba, uint64_t alternate, uint64_t entriesLba) {
    uint8_t* h = disk.sector(lba);
    std::memset(h, 0, 512);
    std::memcpy(h, "EFI PART", 8);
    put32(h + 8, 0x00010000);
    put32(h + 12, 92);
    put64(h + 24, lba);
    put64(h + 32, alternate);
    put64(h + 72, entriesLba);
    put32(h + 80, 128);
    put32(h + 84, 128);
    put32(h + 88, storage::crc32(disk.sector(entriesLba), 128 * 128));
    put32(h + 16, storage::crc32(h, 92));
}

MemoryDisk gptDisk() {
    MemoryDisk disk(4096);
    mbrEntry(disk, 0, 0xEE, 1, 4095);
    uint8_t* e = disk.sector(2);
    std::memcpy(e, kBasicData, 16);
    put64(e + 32, 2048);
    put64(e + 40, 4000);
    std::memcpy(disk.sector(4095 - 32), disk.sector(2), 32 * 512);  // backup entries
    gptHeader(disk, 1, 4095, 2);
    gptHeader(disk, 4095, 1, 4095 - 32);
    return disk;
}

}  // namespace

TEST(crc32_checkValue_matchesTheStandard) {
    EXPECT_EQ(0xCBF43926u, storage::crc32("123456789", 9));
}

TEST(partitionTable_mbrWithNtfsEntry_listsIt) {
    MemoryDisk disk(8192);
    mbrEntry(disk, 0, 0x07, 2048, 6144);

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(!table.isError());
    EXPECT_TRUE(table.value().scheme == storage::Scheme::Mbr);
    EXPECT_EQ(1, table.value().count);
    EXPECT_EQ(2048u, table.value().entries[0].firstLba);
    EXPECT_EQ(6144u, table.value().entries[0].sectorCount);
    EXPECT_EQ(0x07, table.value().entries[0].mbrType);
    EXPECT_EQ(1, table.value().entries[0].number);
}

TEST(partitionTable_mbrEntryPastTheDisk_isRejected) {
    MemoryDisk disk(4096);
    mbrEntry(disk, 0, 0x07, 2048, 6144);
    mbrEntry(disk, 1, 0x0C, 0, 100);

    auto table = storage::readPartitionTable(disk);

    EXPECT_EQ(0, table.value().count);
    EXPECT_EQ(2, table.value().rejected);
}

TEST(partitionTable_bareNtfs_isWholeDisk) {
    MemoryDisk disk(1024);
    std::memcpy(disk.sector(0) + 3, "NTFS    ", 8);
    disk.sector(0)[510] = 0x55;
    disk.sector(0)[511] = 0xAA;

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(table.value().scheme == storage::Scheme::Bare);
    EXPECT_EQ(1, table.value().count);
    EXPECT_EQ(0u, table.value().entries[0].firstLba);
    EXPECT_EQ(1024u, table.value().entries[0].sectorCount);
}

TEST(partitionTable_blankDisk_hasNoScheme) {
    MemoryDisk disk(1024);
    auto table = storage::readPartitionTable(disk);
    EXPECT_TRUE(!table.isError());
    EXPECT_TRUE(table.value().scheme == storage::Scheme::None);
}

TEST(partitionTable_gpt_listsBasicDataPartition) {
    MemoryDisk disk = gptDisk();

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(!table.isError());
    EXPECT_TRUE(table.value().scheme == storage::Scheme::Gpt);
    EXPECT_TRUE(!table.value().usedBackupGpt);
    EXPECT_EQ(1, table.value().count);
    EXPECT_EQ(2048u, table.value().entries[0].firstLba);
    EXPECT_EQ(1953u, table.value().entries[0].sectorCount);
    EXPECT_TRUE(table.value().entries[0].basicData);
}

TEST(partitionTable_gptPrimaryEntriesCorrupt_usesBackup) {
    MemoryDisk disk = gptDisk();
    disk.sector(2)[40] ^= 0x01;  // entry array no longer matches its CRC

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(!table.isError());
    EXPECT_TRUE(table.value().usedBackupGpt);
    EXPECT_EQ(2048u, table.value().entries[0].firstLba);
}

TEST(partitionTable_gptBothHeadersCorrupt_isBadChecksum) {
    MemoryDisk disk = gptDisk();
    disk.sector(1)[30] ^= 0x80;
    disk.sector(4095)[30] ^= 0x80;

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(table.isError());
    EXPECT_TRUE(table.error().code() == lib::ErrorCode::BadChecksum);
}

TEST(partitionTable_gptHugeEntryCount_isRefusedWithoutReading) {
    MemoryDisk disk = gptDisk();
    for (uint64_t lba : {uint64_t{1}, uint64_t{4095}}) {
        uint8_t* h = disk.sector(lba);
        put32(h + 80, 0x7fffffff);
        put32(h + 16, 0);
        put32(h + 16, storage::crc32(h, 92));
    }

    auto table = storage::readPartitionTable(disk);

    EXPECT_TRUE(table.isError());
}

TEST(partition_accessOutsideWindow_isIoError) {
    MemoryDisk disk(100);
    storage::Partition part(disk, 10, 20, "memp1");
    uint8_t buffer[1024];

    EXPECT_TRUE(!part.read(18, 2, buffer).isError());
    EXPECT_TRUE(part.read(19, 2, buffer).isError());
    EXPECT_TRUE(part.write(~uint64_t{0}, 2, buffer).isError());
    disk.sector(10)[0] = 0x5a;
    EXPECT_TRUE(!part.read(0, 1, buffer).isError());
    EXPECT_EQ(0x5a, buffer[0]);
}
