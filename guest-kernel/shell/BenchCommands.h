// shell/BenchCommands: `iobench`, the sequential disk throughput benchmark of issue 7.
// `iobench [-s MiB] FILE` writes FILE (default 64 MiB) through the mounted fs::FileSystem in
// 1 MiB chunks, syncs, reads it back in 1 MiB chunks checking a per-sector stamp, removes it,
// and prints "iobench: write 64 MiB in X.XX s = Y.Y MiB/s" and the same for read, timed with
// the TSC (drivers/TscClock). `iobench -raw [-s MiB] DISK` does the same on the first sectors
// of a whole ATA disk (e.g. ata1) through storage::BlockDevice, measuring the driver and the
// DMA path without the file system; it overwrites them, so it refuses the disk holding the
// mounted volume.
#pragma once

namespace shell {

void iobenchCommand(const char* args);

}  // namespace shell
