package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsEntry;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jefevm disk ls}: lists a folder of the NTFS volume (the root by default), one entry a
 * line: type, size, modification time (UTC) and name; {@code -R} lists the whole tree with full
 * paths. A file path lists just that file.
 */
@Command(name = "ls", description = "List a folder of the image's NTFS volume.", mixinStandardHelpOptions = true)
final class DiskLsCommand extends VolumeSubcommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "-R", description = "List folders recursively, with full paths.")
    private boolean recursive;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Folder or file in the volume (default: the root).")
    private String path;

    DiskLsCommand() {
        super(DiskOpenMode.READ_ONLY);
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        String start = VolumePaths.absolute(path);
        NtfsEntry entry = start.equals("/") ? null : volume.stat(start);
        if (entry != null && !entry.directory()) {
            out().println(line(entry, entry.name()));
        } else {
            list(volume, start);
        }
        return 0;
    }

    private void list(NtfsVolume volume, String dir) throws IOException {
        for (NtfsEntry e : volume.list(dir)) {
            String full = VolumePaths.child(dir, e.name());
            out().println(line(e, recursive ? full : e.name()));
            if (recursive && e.directory()) {
                list(volume, full);
            }
        }
    }

    private static String line(NtfsEntry e, String name) {
        return String.format("%s %12s  %s  %s", e.directory() ? "d" : "-", e.directory() ? "" : Long.toString(e.size()),
                e.modified() == null ? "----------------" : TIME.format(e.modified()), e.directory() ? name + "/" : name);
    }
}
