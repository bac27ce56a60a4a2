package dev.jefevm.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImagesTest {

    @TempDir
    Path dir;

    @Test
    void create_qcow2_isDetectedAndDescribed() throws Exception {
        Path image = dir.resolve("a.qcow2");

        DiskImages.create(image, DiskFormat.QCOW2, 256L << 20);

        DiskInfo info = DiskImages.info(image);
        assertEquals(DiskFormat.QCOW2, DiskImages.detect(image));
        assertEquals(new DiskInfo(DiskFormat.QCOW2, 256L << 20, Files.size(image), 65536, false, false), info);
        assertEquals(List.of(), DiskImages.check(image));
    }

    @Test
    void create_raw_makesASparseFileOfTheSizeRoundedToSectors() throws Exception {
        Path image = dir.resolve("a.img");

        DiskImages.create(image, DiskFormat.RAW, 1000);

        assertEquals(1024, Files.size(image));
        assertEquals(new DiskInfo(DiskFormat.RAW, 1024, 1024, 0, false, false), DiskImages.info(image));
    }

    @Test
    void create_overAnExistingFile_isRefusedAndLeavesItAlone() throws Exception {
        Path image = dir.resolve("keep.img");
        Files.writeString(image, "precious");

        DiskImageException e = assertThrows(DiskImageException.class,
                () -> DiskImages.create(image, DiskFormat.QCOW2, 1 << 20));

        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("precious", Files.readString(image));
    }

    @Test
    void snapshot_ofAQcow2Image_leavesTheFileUntouched() throws Exception {
        Path image = dir.resolve("s.qcow2");
        DiskImages.create(image, DiskFormat.QCOW2, 1 << 20);
        byte[] before = Files.readAllBytes(image);
        byte[] back = new byte[4];

        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.SNAPSHOT)) {
            disk.write(4096, new byte[] {1, 2, 3, 4}, 0, 4);
            disk.read(4096, back, 0, 4);
            assertFalse(disk.readOnly());
        }

        assertArrayEquals(new byte[] {1, 2, 3, 4}, back);
        assertArrayEquals(before, Files.readAllBytes(image));
    }

    @Test
    void readOnly_refusesWrites() throws Exception {
        Path image = dir.resolve("r.img");
        DiskImages.create(image, DiskFormat.RAW, 4096);

        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_ONLY)) {
            assertThrows(DiskImageException.class, () -> disk.write(0, new byte[1], 0, 1));
        }
    }

    @Test
    void anythingWithoutTheQcow2Magic_isRaw() throws Exception {
        Path image = dir.resolve("tiny.img");
        Files.write(image, new byte[] {'Q', 'F'});

        assertEquals(DiskFormat.RAW, DiskImages.detect(image));
        assertEquals(List.of(), DiskImages.check(image));
    }

    @Test
    void missingFile_isOneLineNamingIt() {
        Path image = dir.resolve("missing.qcow2");

        DiskImageException e = assertThrows(DiskImageException.class, () -> DiskImages.open(image, DiskOpenMode.READ_ONLY));

        assertEquals(image + ": no such file", e.getMessage());
    }

    @Test
    void aFolder_isRefusedNamingIt() {
        DiskImageException e = assertThrows(DiskImageException.class, () -> DiskImages.info(dir));

        assertEquals(dir + ": is a folder, not a disk image", e.getMessage());
    }
}
