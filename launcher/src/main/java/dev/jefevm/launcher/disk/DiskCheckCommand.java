package dev.jefevm.launcher.disk;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.VolumeLocation;
import dev.jefevm.disk.partition.Volumes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jefevm disk check}: checks the container (qcow2 tables and refcounts) and then the NTFS
 * volume on it, without changing anything. Prints each problem on its own line and exits 1 if
 * there are any, 0 if the image is clean.
 */
@Command(name = "check", description = "Check an image's container format and its NTFS volume (read-only).",
        mixinStandardHelpOptions = true, footer = {"", "Exit status: 0 clean, 1 problems found (listed) or unreadable image."})
final class DiskCheckCommand extends ImageSubcommand {

    @Override
    int run() throws IOException {
        List<String> problems = new ArrayList<>();
        String format = DiskImages.detect(image()).displayName();
        for (String p : DiskImages.check(image())) {
            problems.add(format + ": " + p);
        }
        String volumeNote = "";
        if (problems.isEmpty()) {
            try (BlockDevice disk = DiskImages.open(image(), DiskOpenMode.READ_ONLY)) {
                volumeNote = checkVolume(disk, problems);
            }
        }
        for (String p : problems) {
            out().println(p);
        }
        if (problems.isEmpty()) {
            out().println(image() + ": no problems found" + volumeNote);
            return 0;
        }
        out().println(image() + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return FAILED;
    }

    /** Adds the NTFS volume's problems; returns a note for the summary line. */
    private static String checkVolume(BlockDevice disk, List<String> problems) throws IOException {
        VolumeLocation location;
        try {
            location = Volumes.locate(disk);
        } catch (DiskImageException e) {
            return " (no NTFS volume: " + e.getMessage() + ")";
        }
        try (NtfsVolume volume = NtfsVolume.mount(disk, location.offset())) {
            for (String p : volume.check()) {
                problems.add("ntfs: " + p);
            }
        } catch (DiskImageException e) {
            problems.add("ntfs: " + e.getMessage());
        }
        return " (container and NTFS volume)";
    }
}
