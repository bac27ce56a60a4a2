// fs/VfsMount: see VfsMount.h.
#include "fs/VfsMount.h"

#include "drivers/Ata.h"
#include "drivers/WallClock.h"
#include "fs/Vfs.h"
#include "fs/ntfs/NtfsFileSystem.h"
#include "lib/Format.h"
#include "lib/Kprintf.h"
#include "storage/Partition.h"
#include "storage/PartitionTable.h"

namespace fs {

namespace {

using lib::kprintf;

constexpr int kMaxVolumes = drivers::ata::kMaxDisks * storage::PartitionTable::kMaxEntries;

storage::Partition* g_volumes[kMaxVolumes];  // heap objects: no global destructors in the kernel
char g_names[kMaxVolumes][16];
int g_volumeCount = 0;

// Tries one volume; true once something is mounted at "/".
bool tryMount(storage::BlockDevice& disk, const storage::PartitionEntry& entry) {
    if (g_volumeCount == kMaxVolumes) {
        return false;
    }
    int slot = g_volumeCount++;
    if (entry.number == 0) {
        lib::formatToBuffer(g_names[slot], sizeof(g_names[slot]), "%s", disk.name());
    } else {
        lib::formatToBuffer(g_names[slot], sizeof(g_names[slot]), "%sp%d", disk.name(), entry.number);
    }
    g_volumes[slot] = new storage::Partition(disk, entry.firstLba, entry.sectorCount, g_names[slot]);
    storage::Partition& volume = *g_volumes[slot];
    uint8_t* sector = new uint8_t[storage::BlockDevice::kSectorSize];
    auto read = volume.read(0, 1, sector);
    bool ntfs = !read.isError() && storage::looksLikeNtfs(sector);
    delete[] sector;
    if (read.isError()) {
        kprintf("%s: %s\n", volume.name(), read.error().what());
        return false;
    }
    if (!ntfs) {
        return false;
    }
    ntfs::NtfsFileSystem::setClock(drivers::WallClock::nowUnixSeconds);
    auto mounted = ntfs::NtfsFileSystem::mount(volume);
    if (mounted.isError()) {
        kprintf("%s: %s\n", volume.name(), mounted.error().what());
        return false;
    }
    Vfs::mount(mounted.value(), volume.name());
    kprintf("%s: NTFS volume mounted at /\n", volume.name());
    return true;
}

}  // namespace

void mountBootVolume() {
    drivers::ata::init();
    if (drivers::ata::diskCount() == 0) {
        kprintf("no disk attached\n");
        return;
    }
    for (int d = 0; d < drivers::ata::diskCount(); d++) {
        storage::BlockDevice& disk = drivers::ata::disk(d);
        auto table = storage::readPartitionTable(disk);
        if (table.isError()) {
            kprintf("%s: %s\n", disk.name(), table.error().what());
            continue;
        }
        const storage::PartitionTable& t = table.value();
        for (int i = 0; i < t.count; i++) {
            if (tryMount(disk, t.entries[i])) {
                return;
            }
        }
    }
    if (Vfs::root() == nullptr) {
        kprintf("no NTFS volume found: running without a disk\n");
    }
}

}  // namespace fs
