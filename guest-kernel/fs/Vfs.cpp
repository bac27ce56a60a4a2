// fs/Vfs: see Vfs.h.
#include "fs/Vfs.h"

#include "lib/String.h"

namespace fs {

namespace {

FileSystem* g_root = nullptr;
const char* g_source = "";
char g_cwd[kMaxPath] = "/";

// Appends `length` bytes of one component to the normalised path in `out`.
bool appendComponent(char* out, size_t& used, size_t outSize, const char* component, size_t length) {
    if (length == 1 && component[0] == '.') {
        return true;
    }
    if (length == 2 && component[0] == '.' && component[1] == '.') {
        while (used > 1 && out[used - 1] != '/') {
            used--;
        }
        if (used > 1) {
            used--;  // drop the separator too, unless it is the root's
        }
        out[used] = '\0';
        return true;
    }
    size_t separator = used > 1 ? 1 : 0;
    if (used + separator + length + 1 > outSize) {
        return false;
    }
    if (separator != 0) {
        out[used++] = '/';
    }
    memcpy(out + used, component, length);
    used += length;
    out[used] = '\0';
    return true;
}

bool appendPath(char* out, size_t& used, size_t outSize, const char* path) {
    while (*path != '\0') {
        while (*path == '/') {
            path++;
        }
        const char* start = path;
        while (*path != '\0' && *path != '/') {
            path++;
        }
        if (path != start && !appendComponent(out, used, outSize, start, static_cast<size_t>(path - start))) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool normalizePath(const char* cwd, const char* path, char* out, size_t outSize) {
    if (outSize < 2) {
        return false;
    }
    out[0] = '/';
    out[1] = '\0';
    size_t used = 1;
    if (path[0] != '/' && !appendPath(out, used, outSize, cwd)) {
        return false;
    }
    return appendPath(out, used, outSize, path);
}

const char* baseName(const char* path) {
    const char* last = path;
    for (const char* p = path; *p != '\0'; p++) {
        if (*p == '/') {
            last = p + 1;
        }
    }
    return last;
}

void Vfs::mount(FileSystem* root, const char* source) {
    g_root = root;
    g_source = source;
    g_cwd[0] = '/';
    g_cwd[1] = '\0';
}

void Vfs::unmount() { mount(nullptr, ""); }

FileSystem* Vfs::root() { return g_root; }

const char* Vfs::source() { return g_source; }

const char* Vfs::cwd() { return g_cwd; }

bool Vfs::resolve(const char* path, char out[kMaxPath]) { return normalizePath(g_cwd, path, out, kMaxPath); }

lib::ErrorOr<bool> Vfs::changeDirectory(const char* path) {
    if (g_root == nullptr) {
        return lib::Error::from(lib::ErrorCode::NotFound, "no disk attached");
    }
    char target[kMaxPath];
    if (!resolve(path, target)) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "path too long");
    }
    if (strcmp(target, "/") != 0) {
        DirEntry entry = TRY(g_root->stat(target));
        if (!entry.directory) {
            return lib::Error::from(lib::ErrorCode::NotDirectory, "not a directory");
        }
    }
    memcpy(g_cwd, target, strlen(target) + 1);
    return true;
}

}  // namespace fs
