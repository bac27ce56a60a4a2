package dev.jefevm.disk.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.DiskImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Qcow2ImageTest {

    @TempDir
    Path dir;

    private Path create(long size) throws Exception {
        Path file = dir.resolve("disk.qcow2");
        Qcow2Creator.create(file, size);
        return file;
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void read_ofAFreshImage_isAllZeros() throws Exception {
        Path file = create(8 << 20);
        byte[] back = new byte[200_000];
        Arrays.fill(back, (byte) 1);

        try (Qcow2Image image = Qcow2Image.open(file, true)) {
            image.read(3 << 20, back, 0, back.length);
            assertEquals(8 << 20, image.size());
        }

        assertArrayEquals(new byte[back.length], back);
    }

    @Test
    void write_acrossClusters_isReadBackAfterReopen() throws Exception {
        Path file = create(64 << 20);
        byte[] data = random(300_000, 1);

        try (Qcow2Image image = Qcow2Image.open(file, false)) {
            image.write(65536 - 1000, data, 0, data.length);
        }
        byte[] back = new byte[data.length];
        try (Qcow2Image image = Qcow2Image.open(file, true)) {
            image.read(65536 - 1000, back, 0, back.length);
        }

        assertArrayEquals(data, back);
    }

    @Test
    void partialWrite_ofAFreshCluster_leavesTheRestOfItZero() throws Exception {
        Path file = create(1 << 20);
        byte[] cluster = new byte[65536];

        try (Qcow2Image image = Qcow2Image.open(file, false)) {
            image.write(65536 + 512, new byte[] {9, 9}, 0, 2);
            image.read(65536, cluster, 0, cluster.length);
        }

        byte[] expected = new byte[65536];
        expected[512] = 9;
        expected[513] = 9;
        assertArrayEquals(expected, cluster);
    }

    @Test
    void writes_keepTheImageConsistent() throws Exception {
        Path file = create(1L << 30);

        try (Qcow2Image image = Qcow2Image.open(file, false)) {
            image.write(0, random(4096, 2), 0, 4096);
            image.write(600L << 20, random(70_000, 3), 0, 70_000);
            image.write(0, random(512, 4), 0, 512);
        }

        assertEquals(java.util.List.of(), Qcow2Check.check(file));
    }

    @Test
    void writes_thatOutgrowTheRefcountTable_moveItAndStayConsistent() throws Exception {
        // 512-byte clusters: one refcount table cluster covers 64 blocks x 256 clusters = 8 MiB of file.
        Path file = dir.resolve("small-clusters.qcow2");
        Qcow2Creator.create(file, 32 << 20, 9);
        byte[] data = random(12 << 20, 5);

        try (Qcow2Image image = Qcow2Image.open(file, false)) {
            image.write(0, data, 0, data.length);
        }
        byte[] back = new byte[data.length];
        try (Qcow2Image image = Qcow2Image.open(file, true)) {
            image.read(0, back, 0, back.length);
            assertTrue(image.header().refcountTableOffset() != 512, "refcount table did not move");
        }

        assertArrayEquals(data, back);
        assertEquals(java.util.List.of(), Qcow2Check.check(file));
    }

    @Test
    void write_whenReadOnly_isRefused() throws Exception {
        Path file = create(1 << 20);

        try (Qcow2Image image = Qcow2Image.open(file, true)) {
            assertThrows(DiskImageException.class, () -> image.write(0, new byte[512], 0, 512));
        }
    }

    @Test
    void create_overAnExistingFile_isRefused() throws Exception {
        Path file = create(1 << 20);

        assertThrows(DiskImageException.class, () -> Qcow2Creator.create(file, 1 << 20));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void killAfterFlush_keepsFlushedData_andLeavesAtMostLeakedClusters() throws Exception {
        Path file = create(64 << 20);
        Path crashed = dir.resolve("crashed.qcow2");
        byte[] flushed = random(300_000, 8);

        try (Qcow2Image image = Qcow2Image.open(file, false)) {
            image.write(1 << 20, flushed, 0, flushed.length);
            image.flush();
            image.write(10 << 20, random(500_000, 9), 0, 500_000);
            // What a SIGKILL now would leave: the file as the OS has it, without our pending table entries.
            Files.copy(file, crashed);
        }

        byte[] back = new byte[flushed.length];
        try (Qcow2Image image = Qcow2Image.open(crashed, true)) {
            image.read(1 << 20, back, 0, back.length);
        }
        assertArrayEquals(flushed, back);
        for (String problem : Qcow2Check.check(crashed)) {
            assertTrue(problem.contains("is leaked"), problem);
        }
    }
}
