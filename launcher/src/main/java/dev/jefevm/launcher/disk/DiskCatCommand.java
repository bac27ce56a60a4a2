package dev.jefevm.launcher.disk;

import dev.jefevm.disk.ProgressListener;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk cat}: writes a file of the NTFS volume, byte for byte, to standard output. */
@Command(name = "cat", description = "Print a file of the image's NTFS volume to standard output.",
        mixinStandardHelpOptions = true)
final class DiskCatCommand extends DiskSubcommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (raw or qcow2).")
    private Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file in the volume.")
    private String path;

    @Override
    Path image() {
        return image;
    }

    @Override
    int run() throws IOException {
        String file = VolumePaths.absolute(path);
        try (DiskSession session = DiskSession.open(image, false)) {
            NtfsVolume volume = session.volume();
            if (volume.stat(file).directory()) {
                return fail(image + ": " + file + " is a folder (use 'jefevm disk ls')");
            }
            out().flush();
            volume.read(file, parent.stdout(), ProgressListener.NONE);
            parent.stdout().flush();
        }
        return 0;
    }
}
