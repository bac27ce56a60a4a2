package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Consistency check of a qcow2 image, in the spirit of {@code qemu-img check}: counts how often
 * every host cluster is referenced (header, L1 table, refcount table and blocks, L2 tables,
 * data clusters) and compares that with the stored refcounts; also reports misaligned or
 * out-of-file offsets, reserved bits, missing COPIED flags and the dirty and corrupt bits.
 */
public final class Qcow2Check {

    private static final int MAX_PROBLEMS = 50;
    private static final long MAX_CHECKED_CLUSTERS = 64L << 20;
    /** L1 entry reserved bits 1-8 and 56-62 (spec "L1 table entry"). */
    private static final long L1_RESERVED = 0x7f00_0000_0000_01feL;
    /** Standard L2 entry reserved bits 1-8 and 56-61 (spec "Standard Cluster Descriptor"). */
    private static final long L2_RESERVED = 0x3f00_0000_0000_01feL;

    private final List<String> problems = new ArrayList<>();
    private int omitted;
    private Qcow2File file;
    private Qcow2Header header;
    private int[] references;
    private Qcow2Refcounts refcounts;
    private boolean[] validBlocks;

    private Qcow2Check() {
    }

    /** The problems found in the image at {@code path}; an empty list means clean. */
    public static List<String> check(Path path) throws IOException {
        try (FileChannel channel = ImageFiles.open(path, true)) {
            Qcow2Check check = new Qcow2Check();
            try {
                check.run(channel, path.toString());
            } catch (DiskImageException e) {
                check.problem(e.getMessage());
            }
            return check.result();
        }
    }

    private void run(FileChannel channel, String name) throws IOException {
        header = Qcow2Image.readHeader(channel, name);
        file = new Qcow2File(channel, name, header.clusterSize());
        if (header.dirty()) {
            problem("the dirty bit is set (the image was not closed cleanly)");
        }
        if (header.corrupt()) {
            problem("the image is marked corrupt");
        }
        if (header.snapshotCount() != 0) {
            problem("the image has " + header.snapshotCount() + " internal snapshots, which jefevm does not check");
            return;
        }
        long clusters = (file.size() + header.clusterSize() - 1) >>> header.clusterBits();
        if (clusters > MAX_CHECKED_CLUSTERS) {
            throw new DiskImageException(name + ": image file has too many clusters to check");
        }
        references = new int[(int) clusters];
        refcounts = Qcow2Refcounts.load(file, header);
        reference(0, "header");
        referenceRange(header.l1TableOffset(), (long) header.l1Size() * 8, "L1 table");
        referenceRange(header.refcountTableOffset(), (long) header.refcountTableClusters() * header.clusterSize(),
                "refcount table");
        validBlocks = new boolean[refcounts.tableEntries()];
        for (int i = 0; i < refcounts.tableEntries(); i++) {
            long block = refcounts.blockOffset(i);
            validBlocks[i] = block != 0 && block >= header.clusterSize() && reference(block, "refcount block " + i);
            if (block != 0 && block < header.clusterSize()) {
                problem("refcount block " + i + " at 0x" + Long.toHexString(block) + " is invalid");
            }
        }
        checkMappings();
        compareRefcounts();
    }

    private void checkMappings() throws IOException {
        ByteBuffer l1 = ByteBuffer.allocate(header.l1Size() * 8);
        file.read(l1, header.l1TableOffset());
        for (int i = 0; i < header.l1Size(); i++) {
            long entry = l1.getLong(i * 8);
            if ((entry & L1_RESERVED) != 0) {
                problem("L1 entry " + i + " has reserved bits set: 0x" + Long.toHexString(entry));
            }
            long l2 = entry & Qcow2Header.OFFSET_MASK;
            if (l2 == 0) {
                continue;
            }
            if (reference(l2, "L2 table " + i)) {
                checkCopied(entry, l2, "L1 entry " + i);
                checkL2(i, l2);
            }
        }
    }

    private void checkL2(int l1Index, long l2) throws IOException {
        ByteBuffer table = ByteBuffer.allocate(header.clusterSize());
        file.read(table, l2);
        for (int j = 0; j < header.l2Entries(); j++) {
            long entry = table.getLong(j * 8);
            String where = "L2 entry " + l1Index + "/" + j;
            if ((entry & Qcow2Image.COMPRESSED) != 0) {
                problem(where + " is a compressed cluster, which jefevm does not support");
                continue;
            }
            if ((entry & L2_RESERVED) != 0) {
                problem(where + " has reserved bits set: 0x" + Long.toHexString(entry));
            }
            long data = entry & Qcow2Header.OFFSET_MASK;
            if (data != 0 && reference(data, where)) {
                checkCopied(entry, data, where);
            }
        }
    }

    /** Spec: the COPIED flag (bit 63) is set exactly when the refcount is 1. */
    private void checkCopied(long entry, long offset, String where) throws IOException {
        boolean copied = (entry & Qcow2Image.COPIED) != 0;
        long refcount = refcounts.get(offset);
        if (copied != (refcount == 1)) {
            problem(where + ": COPIED flag " + (copied ? "set" : "clear") + " but refcount is " + refcount);
        }
    }

    private void referenceRange(long offset, long bytes, String what) {
        for (long at = 0; at < bytes; at += header.clusterSize()) {
            reference(offset + at, what);
        }
    }

    /** Counts a reference to the cluster at {@code offset}; false (and a problem) if it is not a valid cluster. */
    private boolean reference(long offset, String what) {
        if (offset % header.clusterSize() != 0) {
            problem(what + " at 0x" + Long.toHexString(offset) + " is not cluster aligned");
            return false;
        }
        long cluster = offset >>> header.clusterBits();
        if (cluster >= references.length) {
            problem(what + " at 0x" + Long.toHexString(offset) + " lies past the end of the file");
            return false;
        }
        references[(int) cluster]++;
        return true;
    }

    private void compareRefcounts() throws IOException {
        long blockEntries = refcounts.blockEntries();
        ByteBuffer block = ByteBuffer.allocate(header.clusterSize());
        for (int i = 0; i < refcounts.tableEntries(); i++) {
            long first = i * blockEntries;
            long blockOffset = validBlocks[i] ? refcounts.blockOffset(i) : 0;
            if (blockOffset == 0 && first >= references.length) {
                continue;
            }
            if (blockOffset != 0) {
                block.clear();
                file.read(block, blockOffset);
            }
            for (long j = 0; j < blockEntries; j++) {
                long cluster = first + j;
                long stored = blockOffset == 0 ? 0 : refcounts.entryIn(block, j);
                int used = cluster < references.length ? references[(int) cluster] : 0;
                compare(cluster, stored, used);
            }
        }
        for (long cluster = (long) refcounts.tableEntries() * blockEntries; cluster < references.length; cluster++) {
            compare(cluster, 0, references[(int) cluster]);
        }
    }

    private void compare(long cluster, long stored, int used) {
        String at = "cluster 0x" + Long.toHexString(cluster << header.clusterBits());
        if (used > 1) {
            problem(at + " is used " + used + " times (overlapping metadata or data)");
        } else if (stored != used) {
            problem(at + (used == 0 ? " is leaked" : " is in use") + " but its refcount is " + stored);
        }
    }

    private void problem(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else {
            omitted++;
        }
    }

    private List<String> result() {
        if (omitted > 0) {
            problems.add("... and " + omitted + " more problems");
        }
        return List.copyOf(problems);
    }
}
