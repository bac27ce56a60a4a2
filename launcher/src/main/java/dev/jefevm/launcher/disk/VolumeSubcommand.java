package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;

/**
 * A {@code jefevm disk} subcommand that works on the files of the NTFS volume inside an image
 * (ls, cat, get, put, rm, mkdir): it opens the volume through a {@link DiskSession}, read-only
 * unless the command changes the volume, hands it to {@link #run(NtfsVolume)} and closes it
 * afterwards, so a change is flushed and a failure is reported like that of every disk command.
 */
abstract class VolumeSubcommand extends ImageSubcommand {

    private final DiskOpenMode mode;

    /** A command that opens the image in {@code mode}: READ_ONLY, or READ_WRITE to change the volume. */
    VolumeSubcommand(DiskOpenMode mode) {
        this.mode = mode;
    }

    /** The command's work on the mounted volume; returns its exit status. */
    abstract int run(NtfsVolume volume) throws IOException;

    @Override
    int run() throws IOException {
        try (DiskSession session = DiskSession.open(image(), mode == DiskOpenMode.READ_WRITE)) {
            return run(session.volume());
        }
    }
}
