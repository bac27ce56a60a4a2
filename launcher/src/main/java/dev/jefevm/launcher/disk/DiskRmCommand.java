package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk rm}: removes a file or an empty folder from the NTFS volume. */
@Command(name = "rm", description = "Remove a file or an empty folder from the image's NTFS volume.",
        mixinStandardHelpOptions = true)
final class DiskRmCommand extends VolumeSubcommand {

    @Parameters(index = "1", paramLabel = "PATH", description = "The file or empty folder in the volume.")
    private String path;

    DiskRmCommand() {
        super(DiskOpenMode.READ_WRITE);
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        volume.remove(VolumePaths.absolute(path));
        return 0;
    }
}
