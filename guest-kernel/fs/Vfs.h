// fs/Vfs: the mount table. JefeOS mounts one volume at "/" (the first NTFS volume found at
// boot) and keeps the shell's current directory. resolve() turns what the user typed into the
// absolute, normalised path the file system takes: relative paths start at the current
// directory, "." and empty components vanish, ".." climbs (never above "/"), repeated and
// trailing slashes collapse. normalizePath() is that rule as pure code (host unit-tested).
#pragma once

#include <stddef.h>

#include "fs/FileSystem.h"

namespace fs {

constexpr size_t kMaxPath = 512;

// Writes the normalised absolute form of `path` (relative to `cwd`, itself absolute and
// normalised) into `out`; false when the result does not fit in `outSize` bytes.
bool normalizePath(const char* cwd, const char* path, char* out, size_t outSize);

// The last component of a normalised path ("" for "/").
const char* baseName(const char* path);

class Vfs {
public:
    // Mounts `root` at "/" (replacing any previous mount); `source` names the device, e.g. "ata0p1".
    static void mount(FileSystem* root, const char* source);
    static void unmount();
    // The mounted root file system, or nullptr without a disk.
    static FileSystem* root();
    static const char* source();
    static const char* cwd();
    // Normalises `path` against the current directory into `out` (kMaxPath bytes).
    static bool resolve(const char* path, char out[kMaxPath]);
    // Makes `path` the current directory if it is a directory.
    static lib::ErrorOr<bool> changeDirectory(const char* path);
};

}  // namespace fs
