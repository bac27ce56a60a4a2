package dev.jefevm.disk;

/**
 * What {@link DiskImages#info} reports about an image file: its format, the size the guest
 * sees, the size of the file on the host, the qcow2 cluster size (0 for raw images), and the
 * qcow2 header's dirty and corrupt flags (qcow2 spec, incompatible feature bits 0 and 1).
 */
public record DiskInfo(DiskFormat format, long virtualSize, long fileSize, int clusterSize, boolean dirty,
        boolean corrupt) {
}
