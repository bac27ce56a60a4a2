package dev.jefevm.launcher.disk;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.VolumeLocation;
import dev.jefevm.disk.partition.Volumes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An image opened for a file operation: the disk (read-only unless the command changes
 * something) and the NTFS volume found on it (bare, or the first NTFS partition of an MBR or
 * GPT table). Closing flushes the volume and the image, so a change is durable when the
 * command exits.
 */
final class DiskSession implements Closeable {

    private final BlockDevice disk;
    private final NtfsVolume volume;

    private DiskSession(BlockDevice disk, NtfsVolume volume) {
        this.disk = disk;
        this.volume = volume;
    }

    static DiskSession open(Path image, boolean writable) throws IOException {
        BlockDevice disk = DiskImages.open(image, writable ? DiskOpenMode.READ_WRITE : DiskOpenMode.READ_ONLY);
        try {
            VolumeLocation location = Volumes.locate(disk);
            return new DiskSession(disk, NtfsVolume.mount(disk, location.offset()));
        } catch (IOException | RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    NtfsVolume volume() {
        return volume;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!disk.readOnly()) {
                volume.flush();
            }
            volume.close();
        } finally {
            disk.close();
        }
    }
}
