package dev.jefevm.disk.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * An allocation bitmap held in memory: one bit per cluster for $Bitmap, one bit per record for
 * the $MFT's $BITMAP. Allocation is first fit from a hint, preferring one contiguous extent so
 * that runlists stay short; the range of bytes changed since the last {@link #clean()} is kept
 * so that only those are written back.
 */
final class ClusterBitmap {

    private byte[] bits;
    private long count;
    private int dirtyFrom = Integer.MAX_VALUE;
    private int dirtyTo = -1;

    ClusterBitmap(byte[] bits, long count) {
        this.bits = bits;
        this.count = count;
    }

    long count() {
        return count;
    }

    byte[] bytes() {
        return bits;
    }

    /** Grows to {@code newCount} bits (new bits free) over a byte array of at least {@code byteLength}. */
    void grow(long newCount, int byteLength) {
        if (byteLength > bits.length) {
            bits = java.util.Arrays.copyOf(bits, byteLength);
        }
        markDirty(0, bits.length - 1);
        count = newCount;
    }

    boolean get(long i) {
        return (bits[(int) (i >>> 3)] & (1 << (i & 7))) != 0;
    }

    void set(long i, boolean v) {
        int idx = (int) (i >>> 3);
        if (v) {
            bits[idx] |= (byte) (1 << (i & 7));
        } else {
            bits[idx] &= (byte) ~(1 << (i & 7));
        }
        markDirty(idx, idx);
    }

    void setRange(long from, long length, boolean v) {
        for (long i = from; i < from + length; i++) {
            set(i, v);
        }
    }

    long free() {
        long used = 0;
        long whole = count >>> 3;
        for (int i = 0; i < whole; i++) {
            used += Integer.bitCount(bits[i] & 0xFF);
        }
        for (long i = whole << 3; i < count; i++) { // the last partial byte: bits past count do not count
            if (get(i)) {
                used++;
            }
        }
        return count - used;
    }

    /** The first free bit at or after {@code from}, or -1. */
    long firstFree(long from) {
        for (long i = from; i < count; i++) {
            if ((i & 7) == 0 && bits[(int) (i >>> 3)] == (byte) 0xFF && i + 8 <= count) {
                i += 7;
                continue;
            }
            if (!get(i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Allocates {@code n} bits as few extents as possible, searching from {@code hint} and then
     * from 0; returns runs with {@code vcn} counted from {@code firstVcn}, or null if there is not
     * enough free space (nothing is allocated then).
     */
    List<Runlist.Run> allocate(long n, long hint, long firstVcn) {
        List<Runlist.Run> runs = new ArrayList<>();
        long start = findExtent(n, hint);
        if (start < 0) {
            start = findExtent(n, 0);
        }
        if (start >= 0) {
            setRange(start, n, true);
            runs.add(new Runlist.Run(firstVcn, start, n));
            return runs;
        }
        long remaining = n;
        long vcn = firstVcn;
        long pos = 0;
        while (remaining > 0) {
            long s = firstFree(pos);
            if (s < 0) {
                release(runs);
                return null;
            }
            long e = s;
            while (e < count && !get(e) && e - s < remaining) {
                e++;
            }
            setRange(s, e - s, true);
            runs.add(new Runlist.Run(vcn, s, e - s));
            vcn += e - s;
            remaining -= e - s;
            pos = e;
        }
        return runs;
    }

    private long findExtent(long n, long from) {
        long s = firstFree(from);
        while (s >= 0) {
            long e = s;
            while (e < count && !get(e) && e - s < n) {
                e++;
            }
            if (e - s == n) {
                return s;
            }
            s = firstFree(e);
        }
        return -1;
    }

    void release(List<Runlist.Run> runs) {
        for (Runlist.Run r : runs) {
            if (r.lcn() >= 0) {
                setRange(r.lcn(), r.length(), false);
            }
        }
    }

    private void markDirty(int from, int to) {
        dirtyFrom = Math.min(dirtyFrom, from);
        dirtyTo = Math.max(dirtyTo, to);
    }

    boolean dirty() {
        return dirtyTo >= 0;
    }

    int dirtyFrom() {
        return dirtyFrom;
    }

    int dirtyTo() {
        return dirtyTo;
    }

    void clean() {
        dirtyFrom = Integer.MAX_VALUE;
        dirtyTo = -1;
    }
}
