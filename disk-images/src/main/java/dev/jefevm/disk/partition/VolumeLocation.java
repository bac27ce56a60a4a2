package dev.jefevm.disk.partition;

/**
 * Where a volume lies on a disk: its first byte and its length, both multiples of 512.
 *
 * @param offset byte offset of the volume's first sector on the disk
 * @param size the volume's length in bytes
 */
public record VolumeLocation(long offset, long size) {
}
