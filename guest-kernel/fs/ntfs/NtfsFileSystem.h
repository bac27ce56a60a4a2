// fs/ntfs/NtfsFileSystem: fs::FileSystem on an NTFS 3.x volume. mount() validates the volume
// (fs/ntfs/NtfsVolume) and refuses a damaged one with a one-line lib::Error; paths are
// resolved component by component through the directories' $I30 indexes (case-insensitive
// through $UpCase). Files are MFT records with $STANDARD_INFORMATION, $FILE_NAME and an
// unnamed $DATA; directories carry an $INDEX_ROOT (NTFS docs "Files", "Directories").
// Every mutating call has written everything it changed (records, index blocks, bitmaps,
// data) to the device before it returns; the volume's dirty bit is set before the first
// change and cleared by sync(), which then flushes the device (so call sync() before power
// off: ntfs-3g refuses a volume left dirty). write() creates a missing file. Not
// thread-safe: one call at a time.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/FileSystem.h"
#include "fs/ntfs/NtfsVolume.h"
#include "storage/BlockDevice.h"

namespace fs::ntfs {

class NtfsFileSystem final : public fs::FileSystem {
public:
    // Mounts the NTFS volume that fills `device` (a partition view or a bare disk). The
    // device must outlive the file system; `delete` the result to drop it (no I/O).
    static lib::ErrorOr<fs::FileSystem*> mount(storage::BlockDevice& device);
    // The wall clock for timestamps (seconds since 1970 UTC); a fixed date until set.
    static void setClock(uint64_t (*nowUnixSeconds)());

    // mount() allocates from the heap without panicking when it is exhausted; delete frees.
    struct Allocate {};
    static void* operator new(size_t size, Allocate) noexcept { return allocateBytes(size); }
    static void operator delete(void* pointer) { releaseBytes(pointer); }

    lib::ErrorOr<DirEntry> stat(const char* path) override;
    lib::ErrorOr<bool> list(const char* directory, ListCallback callback, void* context) override;
    lib::ErrorOr<size_t> read(const char* path, uint64_t offset, void* buffer, size_t length) override;
    lib::ErrorOr<size_t> write(const char* path, uint64_t offset, const void* buffer, size_t length) override;
    lib::ErrorOr<bool> truncate(const char* path, uint64_t length) override;
    lib::ErrorOr<bool> createFile(const char* path) override;
    lib::ErrorOr<bool> createDirectory(const char* path) override;
    lib::ErrorOr<bool> remove(const char* path) override;
    lib::ErrorOr<bool> rename(const char* from, const char* to) override;
    lib::ErrorOr<VolumeStats> statfs() override;
    lib::ErrorOr<bool> sync() override;
    lib::ErrorOr<bool> touch(const char* path, uint64_t seconds) override;

private:
    NtfsFileSystem() = default;

    // A path split into its parent directory and last name.
    struct Located {
        uint64_t reference;        // the file itself (0 if it does not exist)
        uint64_t parent;           // its directory
        uint16_t name[255];
        uint8_t nameLength;
    };
    // storedName: report the last name as the index stores it (lookups ignore case).
    lib::ErrorOr<bool> locate(const char* path, Located& out, bool mustExist, bool storedName = false);
    lib::ErrorOr<bool> openRecord(uint64_t reference, Buffer& record);
    lib::ErrorOr<bool> create(const char* path, bool directory);
    lib::ErrorOr<bool> fillNewRecord(uint8_t* record, uint64_t number, bool directory, uint32_t securityId,
                                     const uint8_t* rootHeader, uint64_t parentReference, const Located& at);
    lib::ErrorOr<bool> openEntry(uint64_t reference, Buffer& record, DirEntry& entry);
    lib::ErrorOr<bool> markDirty();
    lib::ErrorOr<bool> updateTimes(uint8_t* record, uint64_t number, uint64_t modified, bool writeIt);
    lib::ErrorOr<bool> refreshIndexEntry(uint8_t* record, uint64_t number);
    lib::ErrorOr<bool> fillEntry(const uint8_t* record, uint64_t number, DirEntry& entry);
    lib::ErrorOr<bool> removeNames(uint8_t* record, uint64_t number, uint64_t parent);
    // Names (non-DOS $FILE_NAMEs) of the record outside `excludedParent` (0: all of them).
    lib::ErrorOr<uint32_t> countLinks(const uint8_t* record, uint64_t number, uint64_t excludedParent);
    // Removes the record's $FILE_NAME attributes that point into `parent` (in memory).
    lib::ErrorOr<bool> dropNames(uint8_t* record, uint64_t number, uint64_t parent);
    lib::ErrorOr<bool> freeFile(uint8_t* record, uint64_t number);
    uint64_t now() const;

    Volume m_volume;
    bool m_dirty = false;
};

}  // namespace fs::ntfs
