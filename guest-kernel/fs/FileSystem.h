// fs/FileSystem: what the shell and the editor need from a mounted volume. Paths are absolute,
// '/'-separated, UTF-8; the file system resolves them (NTFS: case-insensitively through
// $UpCase). Every mutating call has reached the BlockDevice when it returns (no write-back
// cache holds data the disk has not seen: the "vanishing writes" bug must be impossible);
// sync() additionally flushes the device's cache to stable storage.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/ErrorOr.h"

namespace fs {

// Error codes a file system returns through lib::Error (ErrorCode values are shared; the
// what() string says exactly what failed, e.g. "ntfs: no such file or directory").
struct DirEntry {
    char name[256];       // UTF-8, NUL-terminated
    bool directory;
    uint64_t size;        // bytes of the unnamed $DATA stream (0 for directories)
    uint64_t modified;    // seconds since 1970-01-01 UTC
    uint64_t created;     // seconds since 1970-01-01 UTC
};

struct VolumeStats {
    uint64_t totalBytes;
    uint64_t freeBytes;
    uint32_t clusterSize;
    char label[64];       // UTF-8
};

// Called once per entry by list(); return false to stop early.
using ListCallback = bool (*)(const DirEntry& entry, void* context);

class FileSystem {
public:
    virtual ~FileSystem() = default;

    virtual lib::ErrorOr<DirEntry> stat(const char* path) = 0;
    virtual lib::ErrorOr<bool> list(const char* directory, ListCallback callback, void* context) = 0;
    // Reads up to `length` bytes at `offset`; returns how many were read (0 at end of file).
    virtual lib::ErrorOr<size_t> read(const char* path, uint64_t offset, void* buffer, size_t length) = 0;
    // Writes `length` bytes at `offset`, growing the file as needed; returns bytes written.
    virtual lib::ErrorOr<size_t> write(const char* path, uint64_t offset, const void* buffer, size_t length) = 0;
    virtual lib::ErrorOr<bool> truncate(const char* path, uint64_t length) = 0;
    // Creates an empty file (fails if the name exists).
    virtual lib::ErrorOr<bool> createFile(const char* path) = 0;
    virtual lib::ErrorOr<bool> createDirectory(const char* path) = 0;
    // Removes a file, or a directory that is empty.
    virtual lib::ErrorOr<bool> remove(const char* path) = 0;
    // Moves or renames within the volume; fails if `to` exists.
    virtual lib::ErrorOr<bool> rename(const char* from, const char* to) = 0;
    virtual lib::ErrorOr<VolumeStats> statfs() = 0;
    // Flushes the device cache: when this returns, everything written is on stable storage.
    virtual lib::ErrorOr<bool> sync() = 0;
    // Sets a file's modification time (touch on an existing file).
    virtual lib::ErrorOr<bool> touch(const char* path, uint64_t seconds) = 0;
};

}  // namespace fs
