package dev.jefevm.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens an existing image file the way every image format does: one FileChannel for
 * positional I/O, writable only when the image is opened read-write, and a missing file
 * reported as a one-line {@link DiskImageException} naming it.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** A channel on the existing file {@code path}, for reading, and for writing unless {@code readOnly}. */
    public static FileChannel open(Path path, boolean readOnly) throws IOException {
        try {
            return readOnly
                    ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new DiskImageException(path + ": no such file", e);
        }
    }
}
