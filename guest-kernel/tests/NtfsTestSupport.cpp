// tests/NtfsTestSupport: the in-memory block device and the ntfs-3g tool runners.
#include "tests/NtfsTestSupport.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace ntfstest {

lib::ErrorOr<bool> MemoryBlockDevice::read(uint64_t lba, uint32_t count, void* buffer) {
    if ((lba + count) * kSectorSize > m_bytes.size()) {
        return lib::Error::from(lib::ErrorCode::IoError, "mem: read beyond the device");
    }
    std::memcpy(buffer, m_bytes.data() + lba * kSectorSize, static_cast<size_t>(count) * kSectorSize);
    return true;
}

lib::ErrorOr<bool> MemoryBlockDevice::write(uint64_t lba, uint32_t count, const void* buffer) {
    if ((lba + count) * kSectorSize > m_bytes.size()) {
        return lib::Error::from(lib::ErrorCode::IoError, "mem: write beyond the device");
    }
    std::memcpy(m_bytes.data() + lba * kSectorSize, buffer, static_cast<size_t>(count) * kSectorSize);
    writes++;
    return true;
}

static bool haveTool(const char* name) {
    std::string command = std::string("command -v ") + name + " >/dev/null 2>&1 || test -x /usr/sbin/" + name;
    return std::system(command.c_str()) == 0;
}

bool haveNtfs3g() {
    static int known = -1;
    if (known < 0) known = haveTool("mkntfs") && haveTool("ntfsfix") && haveTool("ntfsls") && haveTool("ntfscat");
    return known == 1;
}

static std::string temporaryPath() {
    char path[] = "/tmp/jefeos-ntfs-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    return path;
}

static std::string mkntfsPath() {
    return access("/usr/sbin/mkntfs", X_OK) == 0 ? "/usr/sbin/mkntfs" : "mkntfs";
}

std::vector<uint8_t> mkntfsVolume(size_t size) {
    std::string path = temporaryPath();
    std::vector<uint8_t> bytes;
    if (truncate(path.c_str(), static_cast<off_t>(size)) == 0) {
        std::string command = mkntfsPath() + " -F -Q -q -c 4096 -L jefe " + path + " >/dev/null 2>&1";
        if (std::system(command.c_str()) == 0) {
            FILE* f = std::fopen(path.c_str(), "rb");
            if (f != nullptr) {
                bytes.resize(size);
                if (std::fread(bytes.data(), 1, size, f) != size) bytes.clear();
                std::fclose(f);
            }
        }
    }
    unlink(path.c_str());
    return bytes;
}

int runOnImage(const std::vector<uint8_t>& bytes, const std::string& command, std::string& output) {
    std::string path = temporaryPath();
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return -1;
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    std::string full = command;
    for (size_t at = full.find("{}"); at != std::string::npos; at = full.find("{}")) full.replace(at, 2, path);
    full += " 2>&1";
    output.clear();
    FILE* p = popen(full.c_str(), "r");
    if (p == nullptr) return -1;
    char chunk[4096];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof(chunk), p)) > 0) output.append(chunk, n);
    int status = pclose(p);
    unlink(path.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace ntfstest
