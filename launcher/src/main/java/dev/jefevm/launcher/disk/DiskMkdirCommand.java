package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk mkdir}: makes a folder in the NTFS volume (its parent must exist). */
@Command(name = "mkdir", description = "Make a folder in the image's NTFS volume.", mixinStandardHelpOptions = true)
final class DiskMkdirCommand extends VolumeSubcommand {

    @Parameters(index = "1", paramLabel = "PATH", description = "The new folder in the volume.")
    private String path;

    DiskMkdirCommand() {
        super(DiskOpenMode.READ_WRITE);
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        volume.mkdir(VolumePaths.absolute(path));
        return 0;
    }
}
