package dev.jefevm.disk.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.disk.ProgressListener;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtfsFormatTest {

    private static final long SIZE = 32L << 20;

    @TempDir
    Path tmp;

    @Test
    void format_emptyVolume_passesNtfsInfoAndNtfsFix() throws Exception {
        assumeTrue(Ntfs3gTools.installed(), "ntfs-3g tools not installed: skipping");
        SparseMemoryDevice dev = new SparseMemoryDevice(SIZE);
        NtfsVolume.format(dev, 0, SIZE, "JEFE");
        Path img = tmp.resolve("v.img");
        Ntfs3gTools.export(dev, 0, SIZE, img);

        Ntfs3gTools.Result info = Ntfs3gTools.run("ntfsinfo", "-m", img.toString());
        Ntfs3gTools.Result fix = Ntfs3gTools.run("ntfsfix", "-n", img.toString());

        assertEquals(0, info.exit(), info.output());
        assertEquals(0, fix.exit(), fix.output());
        assertTrue(info.output().contains("Volume Name: JEFE"), info.output());
    }

    @Test
    void format_emptyVolume_mountsAndChecksClean() throws Exception {
        SparseMemoryDevice dev = new SparseMemoryDevice(SIZE);
        NtfsVolume.format(dev, 0, SIZE, "JEFE");

        NtfsVolume v = NtfsVolume.mount(dev, 0);

        assertEquals(java.util.List.of(), v.check());
        assertEquals(java.util.List.of(), v.list("/"));
    }

    @Test
    void volumeFacts_afterWritingAFile_matchNtfsInfo() throws Exception {
        assumeTrue(Ntfs3gTools.installed(), "ntfs-3g tools not installed: skipping");
        SparseMemoryDevice dev = new SparseMemoryDevice(SIZE);
        NtfsVolume.format(dev, 0, SIZE, "Jefe Data");
        NtfsVolume v = NtfsVolume.mount(dev, 0);
        v.write("/big.bin", new ByteArrayInputStream(new byte[300_000]), 300_000, ProgressListener.NONE);
        v.flush();
        Path img = tmp.resolve("v.img");
        Ntfs3gTools.export(dev, 0, SIZE, img);

        String info = Ntfs3gTools.run("ntfsinfo", "-m", img.toString()).output();

        assertTrue(info.contains("Volume Name: " + v.label() + "\n"), info);
        assertTrue(info.contains("Cluster Size: " + v.clusterSize() + "\n"), info);
        assertTrue(info.contains("Volume Size in Clusters: " + v.totalBytes() / v.clusterSize() + "\n"), info);
        assertTrue(info.contains("Free Clusters: " + v.freeBytes() / v.clusterSize() + " "), info);
    }
}
