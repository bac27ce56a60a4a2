// storage/BlockDevice: a disk or a partition as the file systems see it: 512-byte sectors
// read and written by LBA, and a flush that returns only once the device has put every
// completed write on stable storage (ATA FLUSH CACHE EXT). Drivers (ATA) and partition views
// implement it; NTFS uses it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/ErrorOr.h"

namespace storage {

class BlockDevice {
public:
    static constexpr uint32_t kSectorSize = 512;

    virtual ~BlockDevice() = default;
    // Sectors on the device.
    virtual uint64_t sectorCount() const = 0;
    // Reads `count` sectors starting at `lba` into `buffer` (count * 512 bytes).
    virtual lib::ErrorOr<bool> read(uint64_t lba, uint32_t count, void* buffer) = 0;
    // Writes `count` sectors starting at `lba` from `buffer`.
    virtual lib::ErrorOr<bool> write(uint64_t lba, uint32_t count, const void* buffer) = 0;
    // Returns once every completed write is on stable storage.
    virtual lib::ErrorOr<bool> flush() = 0;
    // A short name for messages, e.g. "ata0" or "ata0p1".
    virtual const char* name() const = 0;
};

}  // namespace storage
