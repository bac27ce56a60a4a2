package dev.jefevm.disk.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.DiskImageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawImageTest {

    @TempDir
    Path dir;

    @Test
    void write_thenReopen_readsTheSameBytes() throws Exception {
        Path file = dir.resolve("disk.img");
        RawImage.create(file, 1 << 20);
        byte[] data = "hello, sector".getBytes();
        try (RawImage image = RawImage.open(file, false)) {
            image.write(4096 + 7, data, 0, data.length);
        }

        byte[] back = new byte[data.length];
        try (RawImage image = RawImage.open(file, true)) {
            image.read(4096 + 7, back, 0, back.length);
        }

        assertArrayEquals(data, back);
    }

    @Test
    void size_ofFileWithPartialSector_countsWholeSectorsOnly() throws Exception {
        Path file = dir.resolve("odd.img");
        Files.write(file, new byte[1500]);

        try (RawImage image = RawImage.open(file, true)) {
            assertEquals(1024, image.size());
        }
    }

    @Test
    void write_whenReadOnly_isRefused() throws Exception {
        Path file = dir.resolve("ro.img");
        RawImage.create(file, 4096);

        try (RawImage image = RawImage.open(file, true)) {
            assertTrue(image.readOnly());
            assertThrows(DiskImageException.class, () -> image.write(0, new byte[512], 0, 512));
        }
    }

    @Test
    void read_pastTheEnd_isRejectedAsAContractViolation() throws Exception {
        Path file = dir.resolve("small.img");
        RawImage.create(file, 4096);

        try (RawImage image = RawImage.open(file, true)) {
            assertThrows(IllegalArgumentException.class, () -> image.read(4000, new byte[512], 0, 512));
        }
    }

    @Test
    void open_missingFile_namesIt() {
        DiskImageException e = assertThrows(DiskImageException.class, () -> RawImage.open(dir.resolve("nope.img"), true));

        assertTrue(e.getMessage().endsWith("nope.img: no such file"), e.getMessage());
    }
}
