package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsEntry;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jefevm disk get}: copies a file of the NTFS volume to the host; a HOSTFILE that is a
 * folder receives it under its volume name. A failed copy leaves no partial host file. Large
 * copies show a progress bar on a terminal.
 */
@Command(name = "get", description = "Copy a file from the image's NTFS volume to the host.",
        mixinStandardHelpOptions = true, footer = {"", "Example: jefevm disk get data.qcow2 /docs/readme.txt ."})
final class DiskGetCommand extends VolumeSubcommand {

    @Parameters(index = "1", paramLabel = "PATH", description = "The file in the volume.")
    private String path;

    @Parameters(index = "2", paramLabel = "HOSTFILE", description = "Destination host file or folder.")
    private Path hostFile;

    DiskGetCommand() {
        super(DiskOpenMode.READ_ONLY);
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        String source = VolumePaths.absolute(path);
        NtfsEntry entry = volume.stat(source);
        if (entry.directory()) {
            return fail(image() + ": " + source + " is a folder");
        }
        Path target = Files.isDirectory(hostFile) ? hostFile.resolve(entry.name()) : hostFile;
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            ProgressBar bar = ProgressBar.forCopy(err(), "get " + entry.name(), entry.size());
            volume.read(source, out, bar);
            bar.finish();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
        return 0;
    }
}
