package dev.jefevm.disk.ntfs;

import java.time.Instant;

/**
 * One file or directory of an NTFS volume as listed or stat'ed: its name as recorded in its
 * $FILE_NAME attribute (Win32 or POSIX namespace, never the DOS 8.3 alias), whether it is a
 * directory, its data size in bytes (0 for directories), and its creation and last data change
 * times from $STANDARD_INFORMATION.
 *
 * @param name the long file name; "" for the root directory
 * @param directory true for directories
 * @param size the size of the unnamed $DATA stream
 * @param created creation time
 * @param modified last data modification time
 */
public record NtfsEntry(String name, boolean directory, long size, Instant created, Instant modified) {
}
