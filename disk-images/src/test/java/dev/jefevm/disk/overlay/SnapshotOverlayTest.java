package dev.jefevm.disk.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotOverlayTest {

    @TempDir
    Path dir;

    private Path baseWithPattern(int size) throws Exception {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        Path file = dir.resolve("base.img");
        Files.write(file, bytes);
        return file;
    }

    @Test
    void write_isReadBack_andTheBaseFileStaysUntouched() throws Exception {
        Path file = baseWithPattern(256 * 1024);
        byte[] before = Files.readAllBytes(file);
        byte[] data = new byte[1000];
        Arrays.fill(data, (byte) 0x5a);
        byte[] back = new byte[1000];

        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.SNAPSHOT)) {
            disk.write(65536 - 500, data, 0, data.length);
            disk.read(65536 - 500, back, 0, back.length);
        }

        assertArrayEquals(data, back);
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void read_aroundAWrite_fallsThroughToTheBase() throws Exception {
        Path file = baseWithPattern(256 * 1024);
        byte[] expected = Files.readAllBytes(file);
        expected[70000] = 1;
        byte[] all = new byte[expected.length];

        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.SNAPSHOT)) {
            disk.write(70000, new byte[] {1}, 0, 1);
            disk.read(0, all, 0, all.length);
        }

        assertArrayEquals(expected, all);
    }

    @Test
    void size_isTheBaseSize_evenWithAPartialLastCluster() throws Exception {
        Path file = baseWithPattern(100 * 1024);
        byte[] back = new byte[512];

        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.SNAPSHOT)) {
            disk.write(100 * 1024 - 512, new byte[512], 0, 512);
            disk.read(100 * 1024 - 512, back, 0, 512);
            assertEquals(100 * 1024, disk.size());
        }

        assertArrayEquals(new byte[512], back);
    }
}
