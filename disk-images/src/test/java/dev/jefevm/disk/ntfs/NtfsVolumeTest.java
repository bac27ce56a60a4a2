package dev.jefevm.disk.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ProgressListener;
import dev.jefevm.disk.partition.VolumeLocation;
import dev.jefevm.disk.partition.Volumes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NtfsVolumeTest {

    private static final long SIZE = 16L << 20;

    private SparseMemoryDevice dev;
    private NtfsVolume vol;

    @BeforeEach
    void format() throws IOException {
        dev = new SparseMemoryDevice(SIZE);
        NtfsVolume.format(dev, 0, SIZE, "T");
        vol = NtfsVolume.mount(dev, 0);
    }

    private void put(String path, byte[] data) throws IOException {
        vol.write(path, new ByteArrayInputStream(data), data.length, ProgressListener.NONE);
    }

    private byte[] get(NtfsVolume v, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.read(path, out, ProgressListener.NONE);
        return out.toByteArray();
    }

    @Test
    void write_smallThenLargeThenSmall_convertsAndKeepsContent() throws IOException {
        byte[] large = new byte[50_000];
        java.util.Arrays.fill(large, (byte) 'L');

        put("/f.txt", "small".getBytes(StandardCharsets.UTF_8));
        put("/f.txt", large);
        byte[] afterGrow = get(vol, "/f.txt");
        put("/f.txt", "tiny".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals(large, afterGrow);
        assertArrayEquals("tiny".getBytes(StandardCharsets.UTF_8), get(NtfsVolume.mount(dev, 0), "/f.txt"));
        assertEquals(List.of(), vol.check()); // no lost clusters: the large version's were freed
    }

    @Test
    void lookup_differentCase_findsTheFile() throws IOException {
        put("/Hello.TXT", "hi".getBytes(StandardCharsets.UTF_8));

        NtfsEntry e = vol.stat("/hello.txt");

        assertEquals("Hello.TXT", e.name());
        assertEquals(2, e.size());
        assertFalse(e.directory());
    }

    @Test
    void remove_fileAndEmptyDirectory_leavesCleanVolume() throws IOException {
        vol.mkdir("/d");
        put("/d/x.bin", new byte[20_000]);

        assertThrows(NtfsException.class, () -> vol.remove("/d"));
        vol.remove("/d/x.bin");
        vol.remove("/d");

        assertEquals(List.of(), vol.list("/"));
        assertEquals(List.of(), vol.check());
    }

    @Test
    void list_manyEntries_returnsThemInCollationOrderAfterReopen() throws IOException {
        vol.mkdir("/m");
        for (int i = 299; i >= 0; i--) {
            put("/m/n" + i, new byte[] {(byte) i});
        }

        List<NtfsEntry> listed = NtfsVolume.mount(dev, 0).list("/m");

        assertEquals(300, listed.size());
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).name().compareToIgnoreCase(listed.get(i).name()) < 0);
        }
        assertEquals(List.of(), vol.check());
    }

    @Test
    void mount_corruptBootSignature_refusedWithOneLine() throws IOException {
        dev.write(3, "XXXX".getBytes(StandardCharsets.US_ASCII), 0, 4);

        NtfsException e = assertThrows(NtfsException.class, () -> NtfsVolume.mount(dev, 0));

        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void mount_tornMftRecord_refusedByFixupCheck() throws IOException {
        dev.write(4L * 4096 + 510, new byte[] {0x55, 0x55}, 0, 2); // $MFT record 0, end of its first sector

        NtfsException e = assertThrows(NtfsException.class, () -> NtfsVolume.mount(dev, 0));

        assertTrue(e.getMessage().contains("fixup"), e.getMessage());
    }

    @Test
    void write_invalidName_refused() {
        assertThrows(NtfsException.class, () -> put("/a:b", new byte[1]));
        assertThrows(NtfsException.class, () -> put("/missing/dir/f", new byte[1]));
    }

    @Test
    void addTree_hostFolder_copiedRecursively(@TempDir Path host) throws IOException {
        Files.createDirectories(host.resolve("a/b"));
        Files.writeString(host.resolve("a/b/c.txt"), "deep");
        Files.writeString(host.resolve("top.txt"), "top");

        NtfsImageBuilder.addTree(vol, host);

        assertArrayEquals("deep".getBytes(StandardCharsets.UTF_8), get(vol, "/a/b/c.txt"));
        assertArrayEquals("top".getBytes(StandardCharsets.UTF_8), get(vol, "/top.txt"));
        assertTrue(vol.stat("/a").directory());
    }

    @Test
    void defaultDisk_build_isQcow2WithNtfsPartitionHoldingTheContent(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("readme.txt"), "hello");
        Path image = tmp.resolve("out/default.qcow2");

        DefaultDiskBuilder.build(tmp.resolve("readme.txt").getParent(), image, 64L << 20);

        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_ONLY)) {
            VolumeLocation loc = Volumes.locate(disk);
            NtfsVolume v = NtfsVolume.mount(disk, loc.offset());
            assertEquals(1L << 20, loc.offset());
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), get(v, "/readme.txt"));
        }
    }

    @Test
    void label_formattedWithLabel_readsItBack() throws IOException {
        NtfsVolume.format(dev, 0, SIZE, "Jefe Daten \u00e9");

        String label = NtfsVolume.mount(dev, 0).label();

        assertEquals("Jefe Daten \u00e9", label);
    }

    @Test
    void label_formattedWithoutLabel_isEmpty() throws IOException {
        NtfsVolume.format(dev, 0, SIZE, "");

        assertEquals("", NtfsVolume.mount(dev, 0).label());
    }

    @Test
    void totalBytes_sixteenMebibyteVolume_isWholeClustersBeforeTheBackupBootSector() {
        long total = vol.totalBytes();

        // the last sector holds the backup boot sector, so the last whole cluster is lost to it
        assertTrue(total < SIZE && total >= SIZE - 2L * vol.clusterSize(), "total " + total);
        assertEquals(0, total % vol.clusterSize());
    }

    @Test
    void freeBytes_writeThenRemoveLargeFile_dropsByItsClustersThenRecovers() throws IOException {
        long before = vol.freeBytes();
        int size = 10 * vol.clusterSize() + 1;

        put("/big.bin", new byte[size]);
        long during = vol.freeBytes();
        vol.remove("/big.bin");
        long after = NtfsVolume.mount(dev, 0).freeBytes();

        assertEquals(before - 11L * vol.clusterSize(), during);
        assertEquals(before, after);
    }

    @Test
    void clusterSize_isAPowerOfTwoOfAtLeastASector() {
        int c = vol.clusterSize();

        assertTrue(c >= BlockDevice.SECTOR_SIZE && Integer.bitCount(c) == 1, "cluster size " + c);
    }
}
