package dev.jefevm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data disk that {@code jefevm run} attaches when no {@code --disk} is given: the user's own
 * copy of the bundled image, kept at {@code $XDG_DATA_HOME/jefevm/default-disk.qcow2} (or
 * {@code ~/.local/share/jefevm/default-disk.qcow2}, the XDG Base Directory default), so the image
 * inside the jar is never modified and the guest's changes survive between runs. The copy is made
 * from the classpath resource {@link #RESOURCE} the first time; a build without that resource has
 * no default disk (said once at info).
 */
final class DefaultDisk {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDisk.class);

    /** Where the disk-images build puts the bundled image. */
    static final String RESOURCE = "/jefeos/default-disk.qcow2";
    static final String FILE_NAME = "default-disk.qcow2";

    private static volatile boolean reportedMissing;

    private final Path dataDirectory;
    private final Function<String, InputStream> resources;

    DefaultDisk(Path dataDirectory, Function<String, InputStream> resources) {
        this.dataDirectory = dataDirectory;
        this.resources = resources;
    }

    /** The default disk of this user and build: data directory from the environment, image from the jar. */
    static DefaultDisk forUser() {
        return new DefaultDisk(dataDirectory(System.getenv(), System.getProperty("user.home")),
                DefaultDisk.class::getResourceAsStream);
    }

    /** {@code $XDG_DATA_HOME/jefevm} if that is an absolute path, else {@code ~/.local/share/jefevm}. */
    static Path dataDirectory(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "jefevm");
        }
        return Path.of(userHome, ".local", "share", "jefevm");
    }

    /** Where the user's copy is kept, whether or not it exists yet. */
    Path file() {
        return dataDirectory.resolve(FILE_NAME);
    }

    /**
     * The user's copy, made from the bundled image if it does not exist yet, or null when this
     * build bundles no default disk.
     *
     * @throws IOException if the copy cannot be made (the message names the file)
     */
    Path locate() throws IOException {
        Path disk = file();
        if (Files.exists(disk)) {
            return disk;
        }
        try (InputStream in = resources.apply(RESOURCE)) {
            if (in == null) {
                if (!reportedMissing) {
                    reportedMissing = true;
                    LOG.info("this build bundles no default disk ({} is missing): running without a disk", RESOURCE);
                }
                return null;
            }
            Files.createDirectories(dataDirectory);
            // Copy beside the target, then rename: an interrupted copy never looks like a disk.
            Path partial = Files.createTempFile(dataDirectory, FILE_NAME, ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, disk, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.info("created the default disk {} from the bundled image", disk);
            return disk;
        }
    }
}
