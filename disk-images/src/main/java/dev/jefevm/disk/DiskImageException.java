package dev.jefevm.disk;

import java.io.IOException;

/**
 * A disk image that cannot be used as asked: a file that is not a supported image, a corrupt
 * header or table, an unsupported feature (compression, encryption, backing files). The message
 * is one line meant for the user, naming the file and what is wrong.
 */
public class DiskImageException extends IOException {

    public DiskImageException(String message) {
        super(message);
    }

    public DiskImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
