package dev.jefevm.launcher;

import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The disk options of {@code jefevm run} (a picocli mixin): {@code --disk FILE}, repeatable, puts
 * raw or qcow2 images on the IDE slots in order (primary master, primary slave, secondary
 * master, secondary slave); {@code --snapshot} sends the guest's writes to a temporary overlay so
 * the image files stay untouched; {@code --no-default-disk} runs without the
 * {@link DefaultDisk} that is attached when no {@code --disk} is given.
 */
final class DiskOptions {

    /** IDE slots: two channels of two devices each. */
    static final int MAX_DISKS = 4;

    @Option(names = "--disk", paramLabel = "FILE",
            description = "Raw or qcow2 disk image (repeatable: primary master, primary slave, secondary master, "
                    + "secondary slave). Default: your copy of the bundled data disk.")
    private List<Path> disks = new ArrayList<>();

    @Option(names = "--snapshot",
            description = "Guest writes go to a temporary overlay, discarded at exit: the image files stay unchanged.")
    private boolean snapshot;

    @Option(names = "--no-default-disk", description = "Attach no disk when no --disk is given.")
    private boolean noDefaultDisk;

    /** The images to attach, in slot order: the --disk files, or the default disk, or none. */
    List<Path> images(DefaultDisk defaultDisk) throws UsageException {
        if (disks.size() > MAX_DISKS) {
            throw new UsageException("at most " + MAX_DISKS + " --disk images (the IDE controller has 4 slots), not "
                    + disks.size());
        }
        if (!disks.isEmpty()) {
            return List.copyOf(disks);
        }
        if (noDefaultDisk) {
            return List.of();
        }
        try {
            Path disk = defaultDisk.locate();
            return disk == null ? List.of() : List.of(disk);
        } catch (IOException e) {
            throw new UsageException("cannot create the default disk: " + e.getMessage()
                    + " (use --disk FILE or --no-default-disk)");
        }
    }

    /**
     * Opens {@code images} for slots 0, 1... in order, read-write or as snapshots; on a failure
     * the ones already open are closed and a one-line error names the file.
     */
    List<AttachedDisk> open(List<Path> images) throws UsageException {
        List<AttachedDisk> opened = new ArrayList<>();
        try {
            for (Path image : images) {
                opened.add(open(opened.size(), image));
            }
        } catch (UsageException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    private AttachedDisk open(int slot, Path image) throws UsageException {
        if (!Files.exists(image)) {
            throw new UsageException("disk image '" + image + "' does not exist");
        }
        if (Files.isDirectory(image)) {
            throw new UsageException("disk image '" + image + "' is a directory");
        }
        DiskOpenMode mode = snapshot ? DiskOpenMode.SNAPSHOT : DiskOpenMode.READ_WRITE;
        try {
            DiskFormat format = DiskImages.detect(image);
            return new AttachedDisk(slot, DiskImages.open(image, mode), image.toString(), format.displayName(), mode);
        } catch (AccessDeniedException e) {
            throw new UsageException("disk image '" + image + "' is not readable and writable (permission denied)"
                    + (snapshot ? "" : "; --snapshot needs only read access"));
        } catch (DiskImageException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot open disk image '" + image + "': " + e.getMessage());
        }
    }

    /** Closes every disk, ignoring failures (used on error paths). */
    static void closeAll(List<AttachedDisk> disks) {
        for (AttachedDisk disk : disks) {
            try {
                disk.device().close();
            } catch (IOException ignored) {
                // already failing: the first error is the one the user sees
            }
        }
    }
}
