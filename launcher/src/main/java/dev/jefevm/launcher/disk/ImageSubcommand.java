package dev.jefevm.launcher.disk;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/**
 * A {@code jefevm disk} subcommand on an existing image (every one but {@code create}): the
 * image file is its first parameter, named in the failure messages of {@link DiskSubcommand}.
 */
abstract class ImageSubcommand extends DiskSubcommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (raw or qcow2).")
    private Path image;

    @Override
    final Path image() {
        return image;
    }
}
