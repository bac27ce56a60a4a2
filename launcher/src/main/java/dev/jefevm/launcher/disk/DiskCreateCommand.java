package dev.jefevm.launcher.disk;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsImageBuilder;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.Partitions;
import dev.jefevm.launcher.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jefevm disk create}: a new image laid out as Windows lays out a data disk, an MBR with
 * one NTFS partition (type 0x07) from 1 MiB to the end, formatted and optionally filled from a
 * host folder. A failure removes the half-made image.
 */
@Command(name = "create", description = "Create a disk image holding one NTFS partition.", mixinStandardHelpOptions = true,
        footer = {"", "Example: jefevm disk create --size 1G --from ./docs --label DOCS data.qcow2"})
final class DiskCreateCommand extends DiskSubcommand {

    /** The partition starts at 1 MiB, as Windows and modern partitioners align it. */
    static final long PARTITION_OFFSET = 1L << 20;
    static final int NTFS_PARTITION_TYPE = 0x07;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "raw or qcow2 (default: qcow2 if IMAGE ends in .qcow2, else raw).")
    private String format;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256M", converter = DiskSizeConverter.class,
            description = "Virtual disk size, K/M/G/T suffix, 8M..2T (default: ${DEFAULT-VALUE}).")
    private long size;

    @Option(names = "--from", paramLabel = "FOLDER", description = "Copy this host folder's files and folders into the volume.")
    private Path from;

    @Option(names = "--label", paramLabel = "NAME", defaultValue = "JEFEDATA",
            description = "NTFS volume label (default: ${DEFAULT-VALUE}).")
    private String label;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file to create (must not exist).")
    private Path image;

    @Override
    Path image() {
        return image;
    }

    @Override
    int run() throws IOException, UsageException {
        DiskFormat diskFormat = diskFormat();
        if (from != null && !Files.isDirectory(from)) {
            throw new UsageException(from + ": not a folder");
        }
        if (label.length() > 32) {
            throw new UsageException("--label is at most 32 characters");
        }
        DiskImages.create(image, diskFormat, size);
        boolean done = false;
        try {
            fill();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(image);
            }
        }
        out().println("created " + image + ": " + diskFormat.displayName() + ", " + Sizes.human(size)
                + ", NTFS volume \"" + label + "\"");
        return 0;
    }

    private void fill() throws IOException {
        long volumeSize = size - PARTITION_OFFSET;
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            Partitions.writeMbr(disk, PARTITION_OFFSET, volumeSize, NTFS_PARTITION_TYPE);
            NtfsVolume.format(disk, PARTITION_OFFSET, volumeSize, label);
            if (from != null) {
                try (NtfsVolume volume = NtfsVolume.mount(disk, PARTITION_OFFSET)) {
                    NtfsImageBuilder.addTree(volume, from);
                    volume.flush();
                }
            }
            disk.flush();
        }
    }

    private DiskFormat diskFormat() throws UsageException {
        if (format == null) {
            return image.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".qcow2") ? DiskFormat.QCOW2 : DiskFormat.RAW;
        }
        for (DiskFormat f : DiskFormat.values()) {
            if (f.displayName().equals(format)) {
                return f;
            }
        }
        throw new UsageException("unknown disk format '" + format + "' (available: raw, qcow2)");
    }
}
