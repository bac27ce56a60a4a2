// fs/VfsMount: the boot-time mount. mountBootVolume() brings up the ATA disks
// (drivers/Ata), reads each disk's partition table (storage/PartitionTable: MBR, GPT or a bare
// volume) and mounts the first NTFS volume it finds at "/" through fs::ntfs::NtfsFileSystem.
// It prints one line for the outcome: "ata0p1: NTFS volume mounted at /", the NTFS driver's
// one-line reason for a refused volume (the shell then runs without a disk), or
// "no disk attached".
#pragma once

namespace fs {

void mountBootVolume();

}  // namespace fs
