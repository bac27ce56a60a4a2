package dev.jefevm.disk;

/**
 * How {@link DiskImages#open} opens an image: {@link #READ_WRITE} writes reach the file,
 * {@link #READ_ONLY} refuses writes, and {@link #SNAPSHOT} accepts writes into a temporary
 * copy-on-write overlay that is discarded on close, leaving the file untouched (QEMU's
 * {@code -snapshot}).
 */
public enum DiskOpenMode {
    READ_WRITE,
    READ_ONLY,
    SNAPSHOT
}
