package dev.jefevm.launcher.disk;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk rm}: removes a file or an empty folder from the NTFS volume. */
@Command(name = "rm", description = "Remove a file or an empty folder from the image's NTFS volume.",
        mixinStandardHelpOptions = true)
final class DiskRmCommand extends DiskSubcommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (raw or qcow2).")
    private Path image;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file or empty folder in the volume.")
    private String path;

    @Override
    Path image() {
        return image;
    }

    @Override
    int run() throws IOException {
        try (DiskSession session = DiskSession.open(image, true)) {
            session.volume().remove(VolumePaths.absolute(path));
        }
        return 0;
    }
}
