package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import java.nio.ByteBuffer;

/**
 * Walks the qcow2 header extensions (spec "Header extensions": type, length, data padded to 8
 * bytes, ending with type 0) that follow the header in the first cluster. Unknown types are
 * skipped as the spec allows; the walk only checks that the chain stays inside the cluster. The
 * ones that would matter (backing file format, encryption, external data file) come with
 * header fields or incompatible feature bits that {@link Qcow2Header} already refuses.
 */
final class Qcow2HeaderExtensions {

    static final int END = 0;

    private Qcow2HeaderExtensions() {
    }

    /** Checks the extension chain; fails if it leaves the first cluster. */
    static void walk(ByteBuffer firstCluster, Qcow2Header header, String name) throws DiskImageException {
        int limit = Math.min(firstCluster.limit(), header.clusterSize());
        int at = header.headerLength();
        while (true) {
            if (at + 8 > limit) {
                // No end marker within the cluster: treat the area as ending here, as QEMU does
                // for images whose extension area is exactly full.
                return;
            }
            int type = firstCluster.getInt(at);
            long length = Integer.toUnsignedLong(firstCluster.getInt(at + 4));
            if (type == END) {
                return;
            }
            long next = at + 8 + ((length + 7) & ~7L);
            if (next > limit) {
                throw new DiskImageException(name + ": corrupt qcow2 image: header extension 0x"
                        + Integer.toHexString(type) + " runs past the first cluster");
            }
            at = (int) next;
        }
    }

    /** Writes the end-of-extensions marker at {@code offset} (our images carry no extensions). */
    static void writeEnd(ByteBuffer dst, int offset) {
        dst.putInt(offset, END).putInt(offset + 4, 0);
    }
}
