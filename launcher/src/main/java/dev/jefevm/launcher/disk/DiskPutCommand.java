package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsEntry;
import dev.jefevm.disk.ntfs.NtfsException;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jefevm disk put}: copies a host file into the NTFS volume, creating or replacing the
 * file; a PATH that names a folder receives the file under its host name. Large copies show a
 * progress bar on a terminal.
 */
@Command(name = "put", description = "Copy a host file into the image's NTFS volume (create or replace).",
        mixinStandardHelpOptions = true, footer = {"", "Example: jefevm disk put data.qcow2 notes.txt /docs/"})
final class DiskPutCommand extends VolumeSubcommand {

    @Parameters(index = "1", paramLabel = "HOSTFILE", description = "The host file to copy.")
    private Path hostFile;

    @Parameters(index = "2", paramLabel = "PATH", description = "Destination file or folder in the volume.")
    private String path;

    /** The host file's size, taken before the image is opened so a bad HOSTFILE leaves the image alone. */
    private long size;

    DiskPutCommand() {
        super(DiskOpenMode.READ_WRITE);
    }

    @Override
    int run() throws IOException {
        if (Files.isDirectory(hostFile)) {
            return fail(hostFile + ": is a folder (copy folders with 'jefevm disk create --from')");
        }
        size = Files.size(hostFile);
        return super.run();
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        try (InputStream in = Files.newInputStream(hostFile)) {
            String target = destination(volume);
            ProgressBar bar = ProgressBar.forCopy(err(), "put " + VolumePaths.name(target), size);
            volume.write(target, in, size, bar);
            bar.finish();
        }
        return 0;
    }

    /** PATH itself, or PATH/hostname when PATH is an existing folder or ends in "/". */
    private String destination(NtfsVolume volume) throws IOException {
        String target = VolumePaths.absolute(path);
        if (path.endsWith("/") || target.equals("/") || isFolder(volume, target)) {
            return VolumePaths.child(target, hostFile.getFileName().toString());
        }
        return target;
    }

    private static boolean isFolder(NtfsVolume volume, String path) throws IOException {
        try {
            NtfsEntry entry = volume.stat(path);
            return entry.directory();
        } catch (NtfsException notFound) {
            return false;
        }
    }
}
