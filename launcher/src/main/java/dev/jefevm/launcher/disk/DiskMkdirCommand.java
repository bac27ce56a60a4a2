package dev.jefevm.launcher.disk;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk mkdir}: makes a folder in the NTFS volume (its parent must exist). */
@Command(name = "mkdir", description = "Make a folder in the image's NTFS volume.", mixinStandardHelpOptions = true)
final class DiskMkdirCommand extends DiskSubcommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (raw or qcow2).")
    private Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The new folder in the volume.")
    private String path;

    @Override
    Path image() {
        return image;
    }

    @Override
    int run() throws IOException {
        try (DiskSession session = DiskSession.open(image, true)) {
            session.volume().mkdir(VolumePaths.absolute(path));
        }
        return 0;
    }
}
