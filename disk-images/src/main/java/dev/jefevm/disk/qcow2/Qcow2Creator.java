package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new, empty qcow2 version 3 image laid out as {@code qemu-img create} does: the header
 * in cluster 0, the refcount table in cluster 1, its first refcount block in cluster 2, the L1
 * table from cluster 3, 64 KiB clusters and 16-bit refcounts (refcount_order 4).
 */
public final class Qcow2Creator {

    public static final int DEFAULT_CLUSTER_BITS = 16;
    private static final int REFCOUNT_ORDER = 4;

    private Qcow2Creator() {
    }

    /** Creates {@code path} for a disk of {@code size} bytes; refuses an existing file. */
    public static void create(Path path, long size) throws IOException {
        create(path, size, DEFAULT_CLUSTER_BITS);
    }

    /** Creates {@code path} with clusters of {@code 1 << clusterBits} bytes (9..21). */
    public static void create(Path path, long size, int clusterBits) throws IOException {
        if (size <= 0 || size > Qcow2Header.MAX_SIZE) {
            throw new DiskImageException(path + ": disk size must be between 1 byte and 64 TiB");
        }
        if (clusterBits < 9 || clusterBits > 21) {
            throw new DiskImageException(path + ": cluster_bits must be 9..21");
        }
        int cs = 1 << clusterBits;
        long l2Coverage = (long) cs * (cs / 8);
        int l1Size = (int) ((size + l2Coverage - 1) / l2Coverage);
        int l1Clusters = (int) (((long) l1Size * 8 + cs - 1) / cs);
        long blockEntries = (8L * cs) >>> REFCOUNT_ORDER;
        long metadataClusters = 3L + l1Clusters;
        if (metadataClusters > blockEntries) {
            throw new DiskImageException(path + ": disk size too large for cluster size " + cs);
        }
        Qcow2Header header = new Qcow2Header(3, 0, 0, clusterBits, size, 0, l1Size, 3L * cs, cs, 1, 0, 0,
                0, 0, 0, REFCOUNT_ORDER, Qcow2Header.LENGTH_WITH_COMPRESSION_TYPE);
        ByteBuffer image = ByteBuffer.allocate((int) (metadataClusters * cs));
        header.encode(image);
        Qcow2HeaderExtensions.writeEnd(image, header.headerLength());
        image.putLong(cs, 2L * cs);
        for (int c = 0; c < metadataClusters; c++) {
            image.putShort(2 * cs + 2 * c, (short) 1);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (image.hasRemaining()) {
                channel.write(image, image.position());
            }
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new DiskImageException(path + ": file already exists", e);
        }
    }
}
