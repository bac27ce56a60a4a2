package dev.jefevm.launcher.disk;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskInfo;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.Partitions;
import dev.jefevm.disk.partition.Partitions.Partition;
import dev.jefevm.disk.partition.VolumeLocation;
import dev.jefevm.disk.partition.Volumes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code jefevm disk info}: what an image is (format, virtual and file size, qcow2 cluster size
 * and flags), its partition table, and the NTFS volume on it if there is one (place, label,
 * size, used and free space).
 */
@Command(name = "info", description = "Describe a disk image: format, sizes, partitions, NTFS volume.",
        mixinStandardHelpOptions = true)
final class DiskInfoCommand extends ImageSubcommand {

    @Override
    int run() throws IOException {
        DiskInfo info = DiskImages.info(image());
        PrintWriter out = out();
        out.println("image:          " + image());
        out.println("format:         " + info.format().displayName());
        out.println("virtual size:   " + Sizes.human(info.virtualSize()) + " (" + info.virtualSize() + " bytes)");
        out.println("file size:      " + Sizes.human(info.fileSize()) + " (" + info.fileSize() + " bytes)");
        if (info.format() == DiskFormat.QCOW2) {
            out.println("cluster size:   " + Sizes.human(info.clusterSize()));
            out.println("dirty:          " + (info.dirty() ? "yes" : "no"));
            out.println("corrupt:        " + (info.corrupt() ? "yes" : "no"));
        }
        try (BlockDevice disk = DiskImages.open(image(), DiskOpenMode.READ_ONLY)) {
            List<Partition> partitions = Partitions.read(disk);
            out.println("partitions:     " + (partitions.isEmpty() ? "none" : partitions.size()));
            for (int i = 0; i < partitions.size(); i++) {
                out.println("  " + (i + 1) + ": " + describe(partitions.get(i)));
            }
            describeVolume(disk, out);
        }
        return 0;
    }

    private static String describe(Partition p) {
        String where = "at " + Sizes.human(p.location().offset()) + ", " + Sizes.human(p.location().size());
        if (p.mbrType() < 0) {
            return "GPT type " + guid(p.gptType()) + ", " + where;
        }
        return String.format("MBR type 0x%02x%s, %s", p.mbrType(), p.mbrType() == Partitions.TYPE_NTFS ? " (NTFS)" : "", where);
    }

    /** A GPT type GUID as usually written: the first three fields are stored little-endian. */
    private static String guid(byte[] b) {
        return String.format("%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    }

    /** The NTFS volume's place, then its label and space as $Volume and $Bitmap record them. */
    private static void describeVolume(BlockDevice disk, PrintWriter out) throws IOException {
        VolumeLocation location;
        try {
            location = Volumes.locate(disk);
        } catch (DiskImageException e) {
            out.println("ntfs volume:    none (" + e.getMessage() + ")");
            return;
        }
        String where = "at " + Sizes.human(location.offset()) + ", " + Sizes.human(location.size());
        try (NtfsVolume volume = NtfsVolume.mount(disk, location.offset())) {
            String label = volume.label();
            long total = volume.totalBytes();
            long free = volume.freeBytes();
            long used = total - free;
            out.println("ntfs volume:    " + where);
            out.println("  label:        " + (label.isEmpty() ? "(none)" : label));
            out.println("  size:         " + Sizes.human(total) + " (" + total + " bytes), clusters of "
                    + Sizes.human(volume.clusterSize()));
            out.println("  used:         " + Sizes.human(used) + " (" + percent(used, total) + ")");
            out.println("  free:         " + Sizes.human(free) + " (" + free + " bytes)");
        } catch (DiskImageException e) {
            out.println("ntfs volume:    " + where + ", cannot be mounted: " + e.getMessage());
        }
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
