package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.DiskImageException;

/**
 * An NTFS volume that cannot be used as asked: a corrupt boot sector, MFT record, runlist or
 * index block found while mounting or reading, a full volume, or a path that does not exist.
 * The message is one line meant for the user.
 */
public final class NtfsException extends DiskImageException {

    public NtfsException(String message) {
        super(message);
    }
}
