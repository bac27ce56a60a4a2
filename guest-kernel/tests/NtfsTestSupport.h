// tests/NtfsTestSupport: what the NTFS host tests share: an in-memory storage::BlockDevice
// (optionally failing after N writes), volumes made by our own small formatter
// (tests/NtfsFormatter) or by ntfs-3g's mkntfs when it is installed, and running ntfs-3g's
// checkers (ntfsfix -n, ntfsls, ntfscat) on an image written back to a temporary file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/BlockDevice.h"

namespace ntfstest {

class MemoryBlockDevice final : public storage::BlockDevice {
public:
    explicit MemoryBlockDevice(std::vector<uint8_t> bytes) : m_bytes(static_cast<std::vector<uint8_t>&&>(bytes)) {}
    explicit MemoryBlockDevice(size_t size) : m_bytes(size, 0) {}

    uint64_t sectorCount() const override { return m_bytes.size() / kSectorSize; }
    lib::ErrorOr<bool> read(uint64_t lba, uint32_t count, void* buffer) override;
    lib::ErrorOr<bool> write(uint64_t lba, uint32_t count, const void* buffer) override;
    lib::ErrorOr<bool> flush() override {
        flushes++;
        return true;
    }
    const char* name() const override { return "mem0"; }

    std::vector<uint8_t>& bytes() { return m_bytes; }
    int flushes = 0;
    uint64_t writes = 0;

private:
    std::vector<uint8_t> m_bytes;
};

// Formats an NTFS 3.1 volume (4 KiB clusters, 1 KiB records, 4 KiB index blocks) of
// `size` bytes with our own minimal formatter.
std::vector<uint8_t> formatVolume(size_t size, const char* label);

// True when the ntfs-3g tools are installed (mkntfs, ntfsfix, ntfsls, ntfscat).
bool haveNtfs3g();
// mkntfs -F -Q on a temporary file of `size` bytes; the image's bytes.
std::vector<uint8_t> mkntfsVolume(size_t size);
// Writes the bytes to a temporary file and runs `command` with {} replaced by its path;
// returns the exit status and fills `output` with stdout and stderr.
int runOnImage(const std::vector<uint8_t>& bytes, const std::string& command, std::string& output);

}  // namespace ntfstest
