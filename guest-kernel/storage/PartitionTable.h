// storage/PartitionTable: finds the volumes on a disk. Sector 0 holding an NTFS boot sector
// (OEM ID "NTFS    ") is a bare volume covering the whole disk; else a 0x55AA signature
// makes it an MBR (four primary entries, extended partitions not followed) unless one entry is
// the protective type 0xEE, which sends the reader to the GPT (UEFI 2.10 section 5.3: header at
// LBA 1 with its CRC32, the entry array with its own CRC32; the backup header at the last LBA
// when the primary is damaged). Entries that point outside the disk are dropped and counted in
// `rejected`. Pure code over a BlockDevice: host unit-tested.
#pragma once

#include "storage/BlockDevice.h"

namespace storage {

enum class Scheme { None, Bare, Mbr, Gpt };

struct PartitionEntry {
    uint64_t firstLba;
    uint64_t sectorCount;
    uint8_t mbrType;     // 0 on GPT and bare volumes
    bool basicData;      // GPT: the Microsoft basic data type GUID
    int number;          // 1-based slot in the table (0 for a bare volume)
};

struct PartitionTable {
    static constexpr int kMaxEntries = 16;

    Scheme scheme = Scheme::None;
    int count = 0;
    int rejected = 0;
    bool usedBackupGpt = false;
    PartitionEntry entries[kMaxEntries] = {};
};

const char* schemeName(Scheme scheme);

// Reads the table of `disk`. Errors are I/O errors and GPT headers that are both corrupt
// (ErrorCode::Corrupt / BadChecksum); a disk without any table is Scheme::None, not an error.
lib::ErrorOr<PartitionTable> readPartitionTable(BlockDevice& disk);

// True when `sector` (512 bytes) is an NTFS boot sector by its OEM ID.
bool looksLikeNtfs(const uint8_t* sector);

}  // namespace storage
