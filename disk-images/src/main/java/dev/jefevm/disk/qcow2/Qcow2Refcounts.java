package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The qcow2 refcount structure (spec "Host cluster management"): a refcount table in memory
 * pointing to refcount blocks of {@code refcount_bits}-wide big-endian entries (sub-byte widths
 * counted from the least significant bit). Reads any refcount_order 0..6; updates write through
 * to the file. New refcount blocks count themselves where they can and are written and synced
 * before the table points to them; a table that is too small moves to the end of the file.
 */
final class Qcow2Refcounts {

    private static final long TABLE_OFFSET_MASK = 0xffff_ffff_ffff_fe00L;
    /** Header bytes 48..59: refcount_table_offset and refcount_table_clusters. */
    private static final int HEADER_TABLE_FIELDS = 48;

    private final Qcow2File file;
    private final int clusterBits;
    private final int refcountOrder;
    private final long blockEntries;
    private final long maxRefcount;
    private long tableOffset;
    private long[] table;

    private Qcow2Refcounts(Qcow2File file, Qcow2Header header, long[] table) {
        this.file = file;
        this.clusterBits = header.clusterBits();
        this.refcountOrder = header.refcountOrder();
        this.blockEntries = header.refcountBlockEntries();
        this.maxRefcount = refcountOrder == 6 ? -1L : (1L << header.refcountBits()) - 1;
        this.tableOffset = header.refcountTableOffset();
        this.table = table;
    }

    /** Loads the refcount table; the header has already bounded its size and position. */
    static Qcow2Refcounts load(Qcow2File file, Qcow2Header header) throws IOException {
        int entries = (int) ((long) header.refcountTableClusters() * header.clusterSize() / 8);
        ByteBuffer raw = ByteBuffer.allocate(entries * 8);
        file.read(raw, header.refcountTableOffset());
        long[] table = new long[entries];
        for (int i = 0; i < entries; i++) {
            table[i] = raw.getLong(i * 8) & TABLE_OFFSET_MASK;
        }
        return new Qcow2Refcounts(file, header, table);
    }

    int tableEntries() {
        return table.length;
    }

    /** Offset of refcount block {@code index}, 0 if none. */
    long blockOffset(int index) {
        return table[index];
    }

    long tableOffset() {
        return tableOffset;
    }

    int tableClusters() {
        return (int) ((long) table.length * 8 >> clusterBits);
    }

    /** The refcount of the host cluster at {@code offset}. */
    long get(long offset) throws IOException {
        long cluster = offset >>> clusterBits;
        long index = cluster / blockEntries;
        if (index >= table.length || table[(int) index] == 0) {
            return 0;
        }
        return readEntry(checkedBlock(table[(int) index]), cluster % blockEntries);
    }

    /** Adds {@code delta} (+1 or -1) to the refcount of the host cluster at {@code offset}. */
    void add(long offset, int delta) throws IOException {
        long cluster = offset >>> clusterBits;
        long index = cluster / blockEntries;
        if (index >= table.length) {
            grow(index);
        }
        long block = table[(int) index];
        if (block == 0) {
            block = newBlock((int) index);
        }
        block = checkedBlock(block);
        long entry = cluster % blockEntries;
        long value = readEntry(block, entry) + delta;
        if (value < 0 || (maxRefcount != -1 && Long.compareUnsigned(value, maxRefcount) > 0)) {
            throw file.corrupt("refcount of cluster 0x" + Long.toHexString(offset) + " out of range");
        }
        writeEntry(block, entry, value);
    }

    private long checkedBlock(long block) throws IOException {
        if (block < file.clusterSize() || block % file.clusterSize() != 0 || block >= file.size() && block >= file.end()) {
            throw file.corrupt("refcount block at 0x" + Long.toHexString(block) + " is invalid");
        }
        return block;
    }

    private long readEntry(long block, long entry) throws IOException {
        long bitPos = entry << refcountOrder;
        ByteBuffer b = ByteBuffer.allocate(Math.max(1, 1 << refcountOrder >>> 3));
        file.read(b, block + (bitPos >>> 3));
        // Read just the bytes holding the entry; entryIn then addresses it relative to them.
        return entryIn(b, entry & (refcountOrder < 3 ? (8 >>> refcountOrder) - 1 : 0));
    }

    private void writeEntry(long block, long entry, long value) throws IOException {
        long bitPos = entry << refcountOrder;
        long at = block + (bitPos >>> 3);
        if (refcountOrder < 3) {
            ByteBuffer b = ByteBuffer.allocate(1);
            file.read(b, at);
            int mask = ((1 << (1 << refcountOrder)) - 1) << (bitPos & 7);
            b.put(0, (byte) ((b.get(0) & ~mask) | ((int) (value << (bitPos & 7)) & mask)));
            b.rewind();
            file.write(b, at);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(1 << (refcountOrder - 3));
        switch (b.capacity()) {
            case 1 -> b.put(0, (byte) value);
            case 2 -> b.putShort(0, (short) value);
            case 4 -> b.putInt(0, (int) value);
            default -> b.putLong(0, value);
        }
        file.write(b, at);
    }

    /** Entry {@code entry} of a refcount block held in {@code buffer}. */
    long entryIn(ByteBuffer buffer, long entry) {
        long bitPos = entry << refcountOrder;
        int at = (int) (bitPos >>> 3);
        if (refcountOrder < 3) {
            return (buffer.get(at) >>> (bitPos & 7)) & ((1 << (1 << refcountOrder)) - 1);
        }
        return switch (1 << (refcountOrder - 3)) {
            case 1 -> buffer.get(at) & 0xffL;
            case 2 -> buffer.getShort(at) & 0xffffL;
            case 4 -> buffer.getInt(at) & 0xffff_ffffL;
            default -> buffer.getLong(at);
        };
    }

    long blockEntries() {
        return blockEntries;
    }

    /** Sets entry {@code entry} of a refcount block held in {@code buffer}. */
    private void setInBuffer(ByteBuffer buffer, long entry, long value) {
        long bitPos = entry << refcountOrder;
        int at = (int) (bitPos >>> 3);
        if (refcountOrder < 3) {
            int mask = ((1 << (1 << refcountOrder)) - 1) << (bitPos & 7);
            buffer.put(at, (byte) ((buffer.get(at) & ~mask) | ((int) (value << (bitPos & 7)) & mask)));
            return;
        }
        switch (1 << (refcountOrder - 3)) {
            case 1 -> buffer.put(at, (byte) value);
            case 2 -> buffer.putShort(at, (short) value);
            case 4 -> buffer.putInt(at, (int) value);
            default -> buffer.putLong(at, value);
        }
    }

    /** Makes refcount block {@code index} at the end of the file, its own refcount recorded before it is linked. */
    private long newBlock(int index) throws IOException {
        long at = file.allocate();
        long atCluster = at >>> clusterBits;
        ByteBuffer block = ByteBuffer.allocate(file.clusterSize());
        boolean selfCovering = atCluster / blockEntries == index;
        if (selfCovering) {
            setInBuffer(block, atCluster % blockEntries, 1);
        }
        file.write(block, at);
        if (!selfCovering) {
            add(at, 1);
        }
        file.barrier();
        table[index] = at;
        file.writeLong(tableOffset + 8L * index, at);
        return at;
    }

    /**
     * Moves the refcount table to the end of the file with room for {@code neededIndex}: new
     * refcount blocks covering the new area and the new table are written first, then the header
     * points to the table, then the old table's clusters are freed.
     */
    private void grow(long neededIndex) throws IOException {
        int cs = file.clusterSize();
        long start = file.end() >>> clusterBits;
        long entries = Math.max(neededIndex + 1, (long) table.length * 2);
        while (true) {
            long tableClusters = (entries * 8 + cs - 1) / cs;
            long blocks = 0;
            for (long guess = -1; guess != blocks; ) {
                guess = blocks;
                blocks = missingBlocks(start, start + tableClusters + guess);
            }
            long areaEnd = start + tableClusters + blocks;
            long lastIndex = (areaEnd - 1) / blockEntries;
            if (lastIndex < entries && tableClusters * cs <= Qcow2Header.MAX_REFCOUNT_TABLE_BYTES) {
                writeGrownTable(start, tableClusters, blocks, areaEnd);
                return;
            }
            if (tableClusters * cs > Qcow2Header.MAX_REFCOUNT_TABLE_BYTES) {
                throw new DiskImageException(file.name() + ": qcow2 image is full (refcount table limit reached)");
            }
            entries *= 2;
        }
    }

    /** How many table indices covering clusters [from, to) have no refcount block yet. */
    private long missingBlocks(long from, long to) {
        long count = 0;
        for (long i = from / blockEntries; i <= (to - 1) / blockEntries; i++) {
            if (i >= table.length || table[(int) i] == 0) {
                count++;
            }
        }
        return count;
    }

    private void writeGrownTable(long start, long tableClusters, long blocks, long areaEnd) throws IOException {
        int cs = file.clusterSize();
        long[] newTable = new long[(int) (tableClusters * cs / 8)];
        System.arraycopy(table, 0, newTable, 0, table.length);
        long nextBlock = start + tableClusters;
        for (long i = start / blockEntries; i <= (areaEnd - 1) / blockEntries; i++) {
            if (newTable[(int) i] != 0) {
                // An existing block covers part of the area: count the area's clusters there.
                for (long c = Math.max(start, i * blockEntries); c < Math.min(areaEnd, (i + 1) * blockEntries); c++) {
                    writeEntry(newTable[(int) i], c % blockEntries, 1);
                }
                continue;
            }
            ByteBuffer block = ByteBuffer.allocate(cs);
            for (long c = Math.max(start, i * blockEntries); c < Math.min(areaEnd, (i + 1) * blockEntries); c++) {
                setInBuffer(block, c % blockEntries, 1);
            }
            file.write(block, nextBlock << clusterBits);
            newTable[(int) i] = nextBlock << clusterBits;
            nextBlock++;
        }
        ByteBuffer raw = ByteBuffer.allocate(newTable.length * 8);
        for (int i = 0; i < newTable.length; i++) {
            raw.putLong(i * 8, newTable[i]);
        }
        file.write(raw, start << clusterBits);
        while (file.end() < areaEnd << clusterBits) {
            file.allocate();
        }
        file.barrier();
        ByteBuffer fields = ByteBuffer.allocate(12).putLong(0, start << clusterBits).putInt(8, (int) tableClusters);
        file.write(fields, HEADER_TABLE_FIELDS);
        file.barrier();
        long oldOffset = tableOffset;
        int oldClusters = tableClusters();
        table = newTable;
        tableOffset = start << clusterBits;
        for (int c = 0; c < oldClusters; c++) {
            add(oldOffset + ((long) c << clusterBits), -1);
        }
    }
}
