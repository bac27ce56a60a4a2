package dev.jefevm.disk.ntfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consistency check of a mounted volume, in the spirit of chkdsk's read-only pass: boot
 * sector against its backup, $MFTMirr against $MFT, the MFT bitmap against record in-use flags,
 * every cluster owned by exactly one attribute and marked in $Bitmap (and no marked cluster left
 * unowned), and each directory's index sorted, pointing at live records that name it as parent.
 */
final class NtfsChecker {

    private static final int MAX_PROBLEMS = 100;

    private final VolumeIo io;
    private final List<String> problems = new ArrayList<>();

    NtfsChecker(VolumeIo io) {
        this.io = io;
    }

    List<String> check() throws IOException {
        checkBootBackup();
        checkMirror();
        BitSet used = new BitSet();
        for (long n = 0; n < io.recordCount(); n++) {
            checkRecord(n, used);
        }
        checkClusters(used);
        checkDirectory(VolumeIo.RECORD_ROOT, new HashSet<>(), 0);
        return problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems;
    }

    private void problem(String s) {
        problems.add(s);
    }

    private void checkBootBackup() throws IOException {
        byte[] a = new byte[512];
        byte[] b = new byte[512];
        io.readBytes(0, a, 0, 512);
        io.readBytes(io.boot.totalSectors() * 512, b, 0, 512);
        if (!Arrays.equals(a, b)) {
            problem("backup boot sector differs from the boot sector");
        }
    }

    private void checkMirror() throws IOException {
        for (int n = 0; n < 4; n++) {
            byte[] m = new byte[MftRecord.SIZE];
            io.readBytes(io.boot.mftMirrLcn() * io.clusterSize + (long) n * MftRecord.SIZE, m, 0, m.length);
            try {
                MftRecord mirror = MftRecord.parse(n, m);
                if (!Arrays.equals(mirror.data, io.readRecord(n).data)) {
                    problem("$MFTMirr record " + n + " differs from $MFT");
                }
            } catch (NtfsException e) {
                problem("$MFTMirr: " + e.getMessage());
            }
        }
    }

    private void checkRecord(long n, BitSet used) throws IOException {
        MftRecord r;
        try {
            r = io.readRecord(n);
        } catch (NtfsException e) {
            if (io.records.get(n)) {
                problem(e.getMessage());
            }
            return;
        }
        if (r.inUse() != io.records.get(n) && n >= 16) {
            problem("MFT record " + n + ": in-use flag " + r.inUse() + " but MFT bitmap says " + io.records.get(n));
        }
        if (!r.inUse()) {
            return;
        }
        for (MftRecord.Attribute a : r.attributes()) {
            if (!a.nonResident()) {
                continue;
            }
            try {
                for (Runlist.Run run : a.runs(io.totalClusters)) {
                    if (run.lcn() < 0) {
                        continue;
                    }
                    for (long c = run.lcn(); c < run.lcn() + run.length(); c++) {
                        if (used.get((int) c)) {
                            problem("cluster " + c + " is used twice (record " + n + ")");
                        }
                        used.set((int) c);
                    }
                }
            } catch (NtfsException e) {
                problem(e.getMessage());
            }
        }
    }

    private void checkClusters(BitSet used) {
        long lost = 0;
        for (long c = 0; c < io.totalClusters; c++) {
            boolean marked = io.clusters.get(c);
            if (used.get((int) c) && !marked) {
                problem("cluster " + c + " is in use but free in $Bitmap");
            } else if (!used.get((int) c) && marked) {
                lost++;
            }
        }
        if (lost > 0) {
            problem(lost + " clusters are marked in $Bitmap but belong to no file");
        }
    }

    private void checkDirectory(long n, Set<Long> seen, int depth) throws IOException {
        if (!seen.add(n) || depth > 64) {
            problem("directory record " + n + " is reachable twice");
            return;
        }
        FileRecord dir;
        List<IndexEntry> entries;
        try {
            dir = io.file(n);
            entries = io.readIndex(dir);
        } catch (NtfsException e) {
            problem(e.getMessage());
            return;
        }
        IndexEntry prev = null;
        for (IndexEntry e : entries) {
            if (prev != null && io.upcase.compare(prev.name(), e.name()) > 0) {
                problem("directory record " + n + ": index out of order at " + e.name());
            }
            prev = e;
            if (FileName.parent(e.key()) != dir.base.reference()) {
                problem(e.name() + ": index entry names another parent");
            }
            try {
                MftRecord r = io.readRecord(e.recordNumber());
                if (!r.inUse() || r.sequence() != (int) (e.fileRef() >>> 48)) {
                    problem(e.name() + ": index entry points to a free or reused record " + e.recordNumber());
                } else if (r.isDirectory() && e.recordNumber() != n && e.namespace() != FileName.NS_DOS) {
                    checkDirectory(e.recordNumber(), seen, depth + 1);
                }
            } catch (NtfsException ex) {
                problem(e.name() + ": " + ex.getMessage());
            }
        }
    }
}
