// storage/Partition: a window of a BlockDevice (a partition, or the whole disk for a bare
// volume) that is itself a BlockDevice. LBAs are relative to the window's first sector; every
// read and write is bounds-checked against the window (a file system that computes an LBA
// from a corrupt field gets an error, never a sector outside its partition).
#pragma once

#include "storage/BlockDevice.h"

namespace storage {

class Partition final : public BlockDevice {
public:
    Partition() = default;
    // `name` must outlive the view (e.g. a static buffer); the window must lie on `disk`.
    Partition(BlockDevice& disk, uint64_t firstLba, uint64_t sectorCount, const char* name)
        : m_disk(&disk), m_first(firstLba), m_count(sectorCount), m_name(name) {}

    uint64_t firstLba() const { return m_first; }
    uint64_t sectorCount() const override { return m_count; }
    lib::ErrorOr<bool> read(uint64_t lba, uint32_t count, void* buffer) override;
    lib::ErrorOr<bool> write(uint64_t lba, uint32_t count, const void* buffer) override;
    lib::ErrorOr<bool> flush() override;
    const char* name() const override { return m_name; }

private:
    bool inside(uint64_t lba, uint32_t count) const { return lba <= m_count && count <= m_count - lba; }

    BlockDevice* m_disk = nullptr;
    uint64_t m_first = 0;
    uint64_t m_count = 0;
    const char* m_name = "";
};

}  // namespace storage
