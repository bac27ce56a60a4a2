package dev.jefevm.launcher.disk;

import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ProgressListener;
import dev.jefevm.disk.ntfs.NtfsVolume;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jefevm disk cat}: writes a file of the NTFS volume, byte for byte, to standard output. */
@Command(name = "cat", description = "Print a file of the image's NTFS volume to standard output.",
        mixinStandardHelpOptions = true)
final class DiskCatCommand extends VolumeSubcommand {

    @Parameters(index = "1", paramLabel = "PATH", description = "The file in the volume.")
    private String path;

    DiskCatCommand() {
        super(DiskOpenMode.READ_ONLY);
    }

    @Override
    int run(NtfsVolume volume) throws IOException {
        String file = VolumePaths.absolute(path);
        if (volume.stat(file).directory()) {
            return fail(image() + ": " + file + " is a folder (use 'jefevm disk ls')");
        }
        out().flush();
        volume.read(file, parent.stdout(), ProgressListener.NONE);
        parent.stdout().flush();
        return 0;
    }
}
