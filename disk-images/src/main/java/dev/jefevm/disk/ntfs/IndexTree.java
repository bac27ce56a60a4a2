package dev.jefevm.disk.ntfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Directory ($I30) index B-trees: reading every entry in order from $INDEX_ROOT and the INDX
 * blocks of $INDEX_ALLOCATION, and building a balanced tree from a sorted entry list. Building
 * is a bottom-up bulk load: entries fill a node until the next one does not fit, then the
 * node's last entry moves up as the separator pointing to it (the split NTFS makes when a block
 * fills), level after level until the top fits in the MFT record as the index root. NTFS
 * documentation, "$INDEX_ROOT", "$INDEX_ALLOCATION", "Index record (INDX)".
 */
final class IndexTree {

    static final int TYPE_FILE_NAME = 0x30;
    static final int COLLATION_FILE_NAME = 0x01;
    /** Bytes of INDEX_ROOT before its index header. */
    static final int ROOT_HEADER = 16;
    /** Offset of the index header in an INDX block, and of the entries relative to it. */
    static final int BLOCK_HEADER = 0x18;
    static final int BLOCK_ENTRIES = 0x28;
    private static final int MAX_DEPTH = 16;

    /** Reads an INDX block by VCN, checked (magic, fixups, bounds). */
    interface BlockSource {
        byte[] block(long vcn) throws IOException;
    }

    /** A built tree: the root's entry bytes, whether it has children, and the INDX blocks in VCN order. */
    record Built(byte[] rootEntries, boolean large, List<byte[]> blocks) {
    }

    private record Item(IndexEntry entry, long child) {
        int size() {
            return entry.size(child >= 0);
        }
    }

    private IndexTree() {
    }

    // ---- reading ----

    static List<IndexEntry> readAll(byte[] root, BlockSource src, String what) throws IOException {
        if (root.length < ROOT_HEADER + 16) {
            throw new NtfsException(what + ": $INDEX_ROOT too short");
        }
        List<IndexEntry> out = new ArrayList<>();
        walk(root, ROOT_HEADER, src, 0, new HashSet<>(), out, what);
        return out;
    }

    private static void walk(byte[] b, int hdr, BlockSource src, int depth, Set<Long> seen, List<IndexEntry> out, String what)
            throws IOException {
        long start = hdr + Le.u32(b, hdr);
        long end = hdr + Le.u32(b, hdr + 4);
        if (start < hdr + 16 || end > b.length || start > end) {
            throw new NtfsException(what + ": index node header out of bounds");
        }
        int p = (int) start;
        while (true) {
            if (p + 16 > end) {
                throw new NtfsException(what + ": index entries run past their node");
            }
            int length = Le.u16(b, p + 8);
            int keyLength = Le.u16(b, p + 10);
            int flags = Le.u16(b, p + 12);
            if (length < 16 || p + length > end || (length & 7) != 0) {
                throw new NtfsException(what + ": index entry of bad length " + length);
            }
            if ((flags & 1) != 0) {
                long vcn = Le.i64(b, p + length - 8);
                if (length < 24 || depth >= MAX_DEPTH || !seen.add(vcn)) {
                    throw new NtfsException(what + ": index has a looping or too deep child pointer");
                }
                byte[] child = src.block(vcn);
                walk(child, BLOCK_HEADER, src, depth + 1, seen, out, what);
            }
            if ((flags & 2) != 0) {
                return;
            }
            if (16 + keyLength > length) {
                throw new NtfsException(what + ": index key longer than its entry");
            }
            byte[] key = new byte[keyLength];
            System.arraycopy(b, p + 16, key, 0, keyLength);
            FileName.validate(key, what);
            out.add(new IndexEntry(Le.i64(b, p), key));
            p += length;
        }
    }

    // ---- building ----

    /**
     * Builds a tree of {@code sorted} entries whose root entries take at most {@code rootCapacity}
     * bytes; blocks are {@code blockSize} bytes, block i at VCN {@code i * vcnPerBlock}.
     */
    static Built build(List<IndexEntry> sorted, int rootCapacity, int blockSize, int vcnPerBlock) {
        List<Item> items = new ArrayList<>();
        for (IndexEntry e : sorted) {
            items.add(new Item(e, -1));
        }
        long endChild = -1;
        List<byte[]> blocks = new ArrayList<>();
        int capacity = blockSize - BLOCK_HEADER - BLOCK_ENTRIES;
        while (nodeSize(items, endChild) > rootCapacity) {
            List<Item> up = new ArrayList<>();
            List<Item> cur = new ArrayList<>();
            int curSize = 0;
            int endSize = endChild >= 0 ? 24 : 16;
            for (Item it : items) {
                if (curSize + it.size() + endSize > capacity) {
                    Item last = cur.removeLast();
                    long vcn = (long) blocks.size() * vcnPerBlock;
                    blocks.add(block(cur, last.child(), vcn, blockSize));
                    up.add(new Item(last.entry(), vcn));
                    cur = new ArrayList<>();
                    curSize = 0;
                }
                cur.add(it);
                curSize += it.size();
            }
            long vcn = (long) blocks.size() * vcnPerBlock;
            blocks.add(block(cur, endChild, vcn, blockSize));
            items = up;
            endChild = vcn;
        }
        return new Built(entries(items, endChild), endChild >= 0, blocks);
    }

    private static int nodeSize(List<Item> items, long endChild) {
        int n = endChild >= 0 ? 24 : 16;
        for (Item it : items) {
            n += it.size();
        }
        return n;
    }

    private static byte[] entries(List<Item> items, long endChild) {
        byte[] b = new byte[nodeSize(items, endChild)];
        int p = 0;
        for (Item it : items) {
            int len = it.size();
            Le.put64(b, p, it.entry().fileRef());
            Le.put16(b, p + 8, len);
            Le.put16(b, p + 10, it.entry().key().length);
            Le.put16(b, p + 12, it.child() >= 0 ? 1 : 0);
            System.arraycopy(it.entry().key(), 0, b, p + 16, it.entry().key().length);
            if (it.child() >= 0) {
                Le.put64(b, p + len - 8, it.child());
            }
            p += len;
        }
        int len = endChild >= 0 ? 24 : 16;
        Le.put16(b, p + 8, len);
        Le.put16(b, p + 12, 2 | (endChild >= 0 ? 1 : 0));
        if (endChild >= 0) {
            Le.put64(b, p + 16, endChild);
        }
        return b;
    }

    /** An INDX block (unprotected) holding {@code items} and an end entry pointing to {@code endChild}. */
    private static byte[] block(List<Item> items, long endChild, long vcn, int blockSize) {
        byte[] b = new byte[blockSize];
        Le.putAscii(b, 0, "INDX");
        Fixups.initHeader(b, 0, 0x28, blockSize);
        Le.put64(b, 16, vcn);
        byte[] e = entries(items, endChild);
        Le.put32(b, BLOCK_HEADER, BLOCK_ENTRIES);
        Le.put32(b, BLOCK_HEADER + 4, BLOCK_ENTRIES + e.length);
        Le.put32(b, BLOCK_HEADER + 8, blockSize - BLOCK_HEADER);
        b[BLOCK_HEADER + 12] = (byte) (endChild >= 0 ? 1 : 0);
        System.arraycopy(e, 0, b, BLOCK_HEADER + BLOCK_ENTRIES, e.length);
        return b;
    }

    /** The $INDEX_ROOT value for a $I30 index with the given root entry bytes. */
    static byte[] rootValue(int indexedType, int collation, int blockSize, int clustersPerBlock, byte[] entries, boolean large) {
        byte[] v = new byte[ROOT_HEADER + 16 + entries.length];
        Le.put32(v, 0, indexedType);
        Le.put32(v, 4, collation);
        Le.put32(v, 8, blockSize);
        v[12] = (byte) clustersPerBlock;
        Le.put32(v, ROOT_HEADER, 16);
        Le.put32(v, ROOT_HEADER + 4, 16 + entries.length);
        Le.put32(v, ROOT_HEADER + 8, 16 + entries.length);
        v[ROOT_HEADER + 12] = (byte) (large ? 1 : 0);
        System.arraycopy(entries, 0, v, ROOT_HEADER + 16, entries.length);
        return v;
    }
}
