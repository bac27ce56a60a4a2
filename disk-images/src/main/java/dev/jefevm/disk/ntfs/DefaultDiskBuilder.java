package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.partition.Partitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the default data disk at build time: an MBR disk with one NTFS partition from 1 MiB to
 * the end (as Windows lays out a disk), labelled JEFEOS, holding a copy of a content folder,
 * written as a qcow2 image so the bundled file stays small. Run by Maven (exec-maven-plugin) as
 * {@code DefaultDiskBuilder <content folder> <output image> <size in MiB>}.
 */
public final class DefaultDiskBuilder {

    static final long PARTITION_OFFSET = 1L << 20;

    private DefaultDiskBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DefaultDiskBuilder <content folder> <output image> <size MiB>");
        }
        build(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]) << 20);
    }

    /** Builds the image at {@code output} (replacing it) from {@code content}. */
    static void build(Path content, Path output, long size) throws IOException {
        SparseMemoryDevice disk = new SparseMemoryDevice(size);
        Partitions.writeMbr(disk, PARTITION_OFFSET, size - PARTITION_OFFSET, Partitions.TYPE_NTFS);
        NtfsVolume.format(disk, PARTITION_OFFSET, size - PARTITION_OFFSET, "JEFEOS");
        NtfsVolume volume = NtfsVolume.mount(disk, PARTITION_OFFSET);
        NtfsImageBuilder.addTree(volume, content);
        volume.flush();
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.deleteIfExists(output);
        DiskImages.create(output, DiskFormat.QCOW2, size);
        try (BlockDevice image = DiskImages.open(output, DiskOpenMode.READ_WRITE)) {
            for (Map.Entry<Long, byte[]> chunk : disk.chunks().entrySet()) {
                if (!allZero(chunk.getValue())) {
                    image.write(chunk.getKey(), chunk.getValue(), 0, chunk.getValue().length);
                }
            }
            image.flush();
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
