// tests/FakeFileSystem: an in-memory fs::FileSystem for host tests of the shell's file
// commands and the editor (paths are taken as given: the callers normalise them).
#pragma once

#include <cstring>
#include <map>
#include <set>
#include <string>

#include "fs/FileSystem.h"

namespace test {

class FakeFileSystem final : public fs::FileSystem {
public:
    std::map<std::string, std::string> files;
    std::set<std::string> directories{"/"};
    int syncs = 0;

    lib::ErrorOr<fs::DirEntry> stat(const char* path) override {
        fs::DirEntry e{};
        std::string p(path);
        std::strncpy(e.name, p.substr(p.rfind('/') + 1).c_str(), sizeof(e.name) - 1);
        if (directories.count(p) != 0) {
            e.directory = true;
            return e;
        }
        auto it = files.find(p);
        if (it == files.end()) {
            return notFound();
        }
        e.size = it->second.size();
        return e;
    }
    lib::ErrorOr<bool> list(const char* directory, fs::ListCallback callback, void* context) override {
        std::string prefix = std::string(directory) == "/" ? "/" : std::string(directory) + "/";
        for (const auto& [path, data] : files) {
            if (path.rfind(prefix, 0) == 0 && path.find('/', prefix.size()) == std::string::npos) {
                auto e = stat(path.c_str()).value();
                if (!callback(e, context)) break;
            }
        }
        return true;
    }
    lib::ErrorOr<size_t> read(const char* path, uint64_t offset, void* buffer, size_t length) override {
        auto it = files.find(path);
        if (it == files.end()) return notFound();
        if (offset >= it->second.size()) return size_t{0};
        size_t n = std::min(length, it->second.size() - offset);
        std::memcpy(buffer, it->second.data() + offset, n);
        return n;
    }
    lib::ErrorOr<size_t> write(const char* path, uint64_t offset, const void* buffer, size_t length) override {
        auto it = files.find(path);
        if (it == files.end()) return notFound();
        if (it->second.size() < offset + length) it->second.resize(offset + length);
        std::memcpy(it->second.data() + offset, buffer, length);
        return length;
    }
    lib::ErrorOr<bool> truncate(const char* path, uint64_t length) override {
        auto it = files.find(path);
        if (it == files.end()) return notFound();
        it->second.resize(length);
        return true;
    }
    lib::ErrorOr<bool> createFile(const char* path) override {
        if (files.count(path) != 0 || directories.count(path) != 0) {
            return lib::Error::from(lib::ErrorCode::Exists, "fake: exists");
        }
        files[path] = "";
        return true;
    }
    lib::ErrorOr<bool> createDirectory(const char* path) override {
        directories.insert(path);
        return true;
    }
    lib::ErrorOr<bool> remove(const char* path) override {
        if (files.erase(path) == 0 && directories.erase(path) == 0) return notFound();
        return true;
    }
    lib::ErrorOr<bool> rename(const char* from, const char* to) override {
        auto it = files.find(from);
        if (it == files.end()) return notFound();
        files[to] = it->second;
        files.erase(from);
        return true;
    }
    lib::ErrorOr<fs::VolumeStats> statfs() override { return fs::VolumeStats{1 << 20, 1 << 19, 4096, "fake"}; }
    lib::ErrorOr<bool> sync() override {
        syncs++;
        return true;
    }
    lib::ErrorOr<bool> touch(const char*, uint64_t) override { return true; }

private:
    static lib::Error notFound() { return lib::Error::from(lib::ErrorCode::NotFound, "fake: no such file"); }
};

}  // namespace test
