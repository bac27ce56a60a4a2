package dev.jefevm.disk.ntfs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping pairs of a non-resident attribute: runs of clusters, each a header byte whose low
 * nibble is the size of the length field and high nibble the size of the signed LCN delta from
 * the previous run (0 = a sparse run), ended by a 0 byte. NTFS documentation, "Data runs".
 */
final class Runlist {

    /** A run of {@code length} clusters at virtual cluster {@code vcn}, stored from {@code lcn} (-1 = sparse). */
    record Run(long vcn, long lcn, long length) {
    }

    private Runlist() {
    }

    /**
     * Decodes pairs from {@code b[off..end)} starting at {@code firstVcn}; every run must lie
     * inside a volume of {@code totalClusters} clusters.
     */
    static List<Run> decode(byte[] b, int off, int end, long firstVcn, long totalClusters) throws NtfsException {
        List<Run> runs = new ArrayList<>();
        long vcn = firstVcn;
        long lcn = 0;
        int p = off;
        while (true) {
            if (p >= end) {
                throw new NtfsException("runlist runs past its attribute");
            }
            int header = b[p++] & 0xFF;
            if (header == 0) {
                return runs;
            }
            int lenSize = header & 0x0F;
            int lcnSize = header >>> 4;
            if (lenSize == 0 || lenSize > 8 || lcnSize > 8 || p + lenSize + lcnSize > end) {
                throw new NtfsException("runlist has a malformed run header 0x" + Integer.toHexString(header));
            }
            long length = readSigned(b, p, lenSize);
            p += lenSize;
            if (length <= 0 || length > totalClusters) {
                throw new NtfsException("runlist has a run of bad length " + length);
            }
            if (lcnSize == 0) {
                runs.add(new Run(vcn, -1, length));
            } else {
                lcn += readSigned(b, p, lcnSize);
                p += lcnSize;
                if (lcn < 0 || lcn + length > totalClusters) {
                    throw new NtfsException("runlist points past the volume (LCN " + lcn + ", " + length + " clusters)");
                }
                runs.add(new Run(vcn, lcn, length));
            }
            vcn += length;
        }
    }

    private static long readSigned(byte[] b, int p, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        int shift = 64 - 8 * size;
        return (v << shift) >> shift;
    }

    /** Encodes runs (contiguous in VCN) into mapping pairs ending with the 0 byte. */
    static byte[] encode(List<Run> runs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long prevLcn = 0;
        for (Run r : runs) {
            int lenSize = signedSize(r.length());
            if (r.lcn() < 0) {
                out.write(lenSize);
                writeSigned(out, r.length(), lenSize);
            } else {
                long delta = r.lcn() - prevLcn;
                int lcnSize = signedSize(delta);
                out.write(lcnSize << 4 | lenSize);
                writeSigned(out, r.length(), lenSize);
                writeSigned(out, delta, lcnSize);
                prevLcn = r.lcn();
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    private static int signedSize(long v) {
        int n = 1;
        while (n < 8 && (v < -(1L << (8 * n - 1)) || v >= (1L << (8 * n - 1)))) {
            n++;
        }
        return n;
    }

    private static void writeSigned(ByteArrayOutputStream out, long v, int size) {
        for (int i = 0; i < size; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    /** Total clusters covered by the runs. */
    static long clusters(List<Run> runs) {
        long n = 0;
        for (Run r : runs) {
            n += r.length();
        }
        return n;
    }
}
