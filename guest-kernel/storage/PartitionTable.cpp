// storage/PartitionTable: see PartitionTable.h.
#include "storage/PartitionTable.h"

#include "lib/String.h"
#include "storage/Crc32.h"

namespace storage {

namespace {

constexpr uint32_t kSector = BlockDevice::kSectorSize;
constexpr int kMbrEntries = 4;
constexpr size_t kMbrTable = 446;        // the four 16-byte entries
constexpr uint8_t kTypeProtective = 0xEE;
constexpr uint8_t kTypeExtendedChs = 0x05, kTypeExtendedLba = 0x0F;
constexpr uint32_t kGptMinHeader = 92;   // UEFI 2.10 table 5.5: the defined header fields
constexpr uint32_t kGptMaxEntryBytes = 128 * 1024;
// EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 as stored (first three fields little-endian).
constexpr uint8_t kBasicDataGuid[16] = {0xA2, 0xA0, 0xD0, 0xEB, 0xE5, 0xB9, 0x33, 0x44,
                                        0x87, 0xC0, 0x68, 0xB6, 0xB7, 0x26, 0x99, 0xC7};

uint32_t le32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}
uint64_t le64(const uint8_t* p) { return le32(p) | static_cast<uint64_t>(le32(p + 4)) << 32; }

bool fits(uint64_t first, uint64_t count, uint64_t diskSectors) {
    return first > 0 && count > 0 && first < diskSectors && count <= diskSectors - first;
}

void add(PartitionTable& table, const PartitionEntry& entry, uint64_t diskSectors) {
    if (!fits(entry.firstLba, entry.sectorCount, diskSectors) || table.count == PartitionTable::kMaxEntries) {
        table.rejected++;
        return;
    }
    table.entries[table.count++] = entry;
}

// An owning sector buffer (heap: kernel stacks are small).
class Sectors {
public:
    explicit Sectors(uint32_t count) : m_bytes(new uint8_t[static_cast<size_t>(count) * kSector]), m_count(count) {}
    ~Sectors() { delete[] m_bytes; }
    Sectors(const Sectors&) = delete;
    Sectors& operator=(const Sectors&) = delete;
    uint8_t* data() { return m_bytes; }
    uint32_t count() const { return m_count; }

private:
    uint8_t* m_bytes;
    uint32_t m_count;
};

struct GptHeader {
    uint64_t entriesLba;
    uint32_t entryCount;
    uint32_t entrySize;
    uint32_t entriesCrc;
    uint64_t alternateLba;
};

// Validates the GPT header in `sector` found at `lba` (UEFI 2.10 section 5.3.2 checks).
bool parseGptHeader(uint8_t* sector, uint64_t lba, uint64_t diskSectors, GptHeader& out) {
    if (memcmp(sector, "EFI PART", 8) != 0) {
        return false;
    }
    uint32_t headerSize = le32(sector + 12);
    if (headerSize < kGptMinHeader || headerSize > kSector) {
        return false;
    }
    uint32_t stored = le32(sector + 16);
    uint8_t copy[kSector];
    memcpy(copy, sector, headerSize);
    memset(copy + 16, 0, 4);
    if (crc32(copy, headerSize) != stored || le64(sector + 24) != lba) {
        return false;
    }
    out.alternateLba = le64(sector + 32);
    out.entriesLba = le64(sector + 72);
    out.entryCount = le32(sector + 80);
    out.entrySize = le32(sector + 84);
    out.entriesCrc = le32(sector + 88);
    bool sizeIsPowerOfTwoMultiple = out.entrySize >= 128 && (out.entrySize & (out.entrySize - 1)) == 0;
    uint64_t bytes = static_cast<uint64_t>(out.entryCount) * out.entrySize;
    return sizeIsPowerOfTwoMultiple && bytes > 0 && bytes <= kGptMaxEntryBytes && out.entriesLba > 0 &&
           out.entriesLba < diskSectors && (bytes + kSector - 1) / kSector <= diskSectors - out.entriesLba;
}

// Reads and checks the entry array of `header`; fills `table` on success.
lib::ErrorOr<bool> readGptEntries(BlockDevice& disk, const GptHeader& header, PartitionTable& table) {
    uint64_t bytes = static_cast<uint64_t>(header.entryCount) * header.entrySize;
    Sectors entries(static_cast<uint32_t>((bytes + kSector - 1) / kSector));
    TRY(disk.read(header.entriesLba, entries.count(), entries.data()));
    if (crc32(entries.data(), bytes) != header.entriesCrc) {
        return false;
    }
    static constexpr uint8_t kUnused[16] = {};
    for (uint32_t i = 0; i < header.entryCount; i++) {
        const uint8_t* e = entries.data() + static_cast<size_t>(i) * header.entrySize;
        if (memcmp(e, kUnused, 16) == 0) {
            continue;
        }
        uint64_t first = le64(e + 32), last = le64(e + 40);
        if (last < first) {
            table.rejected++;
            continue;
        }
        PartitionEntry entry{first, last - first + 1, 0, memcmp(e, kBasicDataGuid, 16) == 0, static_cast<int>(i + 1)};
        add(table, entry, disk.sectorCount());
    }
    return true;
}

lib::ErrorOr<PartitionTable> readGpt(BlockDevice& disk) {
    PartitionTable table;
    table.scheme = Scheme::Gpt;
    uint64_t sectors = disk.sectorCount();
    uint8_t sector[kSector];
    GptHeader header;
    TRY(disk.read(1, 1, sector));
    if (parseGptHeader(sector, 1, sectors, header) && TRY(readGptEntries(disk, header, table))) {
        return table;
    }
    // The primary header or its array is damaged: the backup header sits in the last sector.
    table = PartitionTable();
    table.scheme = Scheme::Gpt;
    table.usedBackupGpt = true;
    TRY(disk.read(sectors - 1, 1, sector));
    if (parseGptHeader(sector, sectors - 1, sectors, header) && TRY(readGptEntries(disk, header, table))) {
        return table;
    }
    return lib::Error::from(lib::ErrorCode::BadChecksum, "gpt: both partition table headers are corrupt");
}

}  // namespace

const char* schemeName(Scheme scheme) {
    switch (scheme) {
        case Scheme::None: return "none";
        case Scheme::Bare: return "bare volume";
        case Scheme::Mbr: return "MBR";
        case Scheme::Gpt: return "GPT";
    }
    return "?";
}

bool looksLikeNtfs(const uint8_t* sector) { return memcmp(sector + 3, "NTFS    ", 8) == 0; }

lib::ErrorOr<PartitionTable> readPartitionTable(BlockDevice& disk) {
    PartitionTable table;
    uint64_t sectors = disk.sectorCount();
    if (sectors < 2) {
        return table;
    }
    uint8_t sector[kSector];
    TRY(disk.read(0, 1, sector));
    if (looksLikeNtfs(sector)) {
        table.scheme = Scheme::Bare;
        table.count = 1;
        table.entries[0] = PartitionEntry{0, sectors, 0, false, 0};
        return table;
    }
    if (sector[510] != 0x55 || sector[511] != 0xAA) {
        return table;
    }
    for (int i = 0; i < kMbrEntries; i++) {
        if (sector[kMbrTable + i * 16 + 4] == kTypeProtective) {
            return readGpt(disk);
        }
    }
    table.scheme = Scheme::Mbr;
    for (int i = 0; i < kMbrEntries; i++) {
        const uint8_t* e = sector + kMbrTable + i * 16;
        uint8_t type = e[4];
        if (type == 0 || type == kTypeExtendedChs || type == kTypeExtendedLba) {
            continue;
        }
        if (e[0] != 0x00 && e[0] != 0x80) {  // the boot indicator is 00h or 80h only
            table.rejected++;
            continue;
        }
        add(table, PartitionEntry{le32(e + 8), le32(e + 12), type, false, i + 1}, sectors);
    }
    return table;
}

}  // namespace storage
