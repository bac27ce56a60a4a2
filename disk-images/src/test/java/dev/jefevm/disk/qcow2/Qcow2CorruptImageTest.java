package dev.jefevm.disk.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged or unsupported qcow2 images are refused with one clear line, never a crash or a huge allocation. */
class Qcow2CorruptImageTest {

    @TempDir
    Path dir;

    /** A fresh 1 GiB image (header, refcount table at 64K, block at 128K, L1 at 192K) patched by {@code patch}. */
    private Path image(Consumer<ByteBuffer> patch) throws Exception {
        Path file = dir.resolve("bad.qcow2");
        Qcow2Creator.create(file, 1L << 30);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        patch.accept(bytes);
        Files.write(file, bytes.array());
        return file;
    }

    private static String refusal(Path file) {
        DiskImageException e = assertThrows(DiskImageException.class, () -> {
            try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_WRITE)) {
                disk.read(0, new byte[512], 0, 512);
            }
        });
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void truncatedHeader_isRefused() throws Exception {
        Path file = dir.resolve("short.qcow2");
        Files.write(file, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3, 0, 0});

        assertTrue(refusal(file).contains("truncated"));
    }

    @Test
    void l1TablePastTheEndOfTheFile_isRefused() throws Exception {
        Path file = image(b -> b.putLong(40, 1L << 40));

        assertTrue(refusal(file).contains("L1 table"));
    }

    @Test
    void refcountTableOverlappingTheHeader_isRefused() throws Exception {
        Path file = image(b -> b.putLong(48, 0));

        assertTrue(refusal(file).contains("overlaps the header"));
    }

    @Test
    void clusterBitsOutOfRange_areRefused() throws Exception {
        assertTrue(refusal(image(b -> b.putInt(20, 8))).contains("cluster_bits 8"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putInt(20, 22))).contains("cluster_bits 22"));
    }

    @Test
    void absurdSizes_areRefusedWithoutAllocating() throws Exception {
        assertTrue(refusal(image(b -> b.putLong(24, Long.MAX_VALUE))).contains("virtual size"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putInt(36, Integer.MAX_VALUE))).contains("L1 table size"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putInt(56, 1 << 30))).contains("refcount table size"));
    }

    @Test
    void unknownIncompatibleFeature_isRefused() throws Exception {
        assertTrue(refusal(image(b -> b.putLong(72, 1L << 40))).contains("unknown incompatible features 0x10000000000"));
    }

    @Test
    void unsupportedFeatures_areRefusedByName() throws Exception {
        assertTrue(refusal(image(b -> b.putLong(8, 4096).putInt(16, 4))).contains("backing file"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putInt(32, 1))).contains("encrypted"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putLong(72, Qcow2Header.INCOMPAT_EXTERNAL_DATA))).contains("external data file"));
        Files.delete(dir.resolve("bad.qcow2"));
        assertTrue(refusal(image(b -> b.putInt(4, 2))).contains("version 2"));
    }

    @Test
    void compressedCluster_isRefusedWhenRead() throws Exception {
        // L1[0] -> L2 table at cluster 4, whose entry 0 is a compressed descriptor.
        Path file = image(b -> {
            b.putLong(3 * 65536, 4L * 65536 | Qcow2Image.COPIED);
            b.putShort(2 * 65536 + 8, (short) 1);
        });
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer l2 = ByteBuffer.allocate(65536).putLong(0, Qcow2Image.COMPRESSED | 5L * 65536);
            ch.write(l2, 4L * 65536);
        }

        assertTrue(refusal(file).contains("compressed"));
    }

    @Test
    void dirtyImage_opensReadOnly_butNotForWriting() throws Exception {
        Path file = image(b -> b.putLong(72, Qcow2Header.INCOMPAT_DIRTY));

        assertTrue(refusal(file).contains("dirty"));
        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_ONLY)) {
            assertTrue(disk.readOnly());
        }
        assertTrue(DiskImages.info(file).dirty());
        assertFalse(DiskImages.check(file).isEmpty());
    }

    @Test
    void corruptBit_refusesWriting() throws Exception {
        assertTrue(refusal(image(b -> b.putLong(72, Qcow2Header.INCOMPAT_CORRUPT))).contains("marked corrupt"));
    }

    @Test
    void headerExtensionRunningPastTheCluster_isRefused() throws Exception {
        assertTrue(refusal(image(b -> b.putInt(112, 0x12345678).putInt(116, 70_000))).contains("header extension"));
    }

    @Test
    void unknownHeaderExtension_isSkipped() throws Exception {
        Path file = image(b -> b.putInt(112, 0x12345678).putInt(116, 5).putInt(128, 0));

        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_WRITE)) {
            disk.write(0, new byte[512], 0, 512);
        }

        assertEquals(List.of(), DiskImages.check(file));
    }

    @Test
    void l2TableOffsetPastTheEnd_failsTheReadWithAMessage() throws Exception {
        Path file = image(b -> b.putLong(3 * 65536, (1L << 30) | Qcow2Image.COPIED));

        assertTrue(refusal(file).contains("L2 table offset"));
        assertFalse(DiskImages.check(file).isEmpty());
    }

    @Test
    void refcountBlockOffsetWithTheTopBitSet_failsTheAllocatingWrite_andIsReported() throws Exception {
        Path file = image(b -> b.putLong(65536, 0x8000_0000_0002_0000L));

        assertTrue(refusalOfWrite(file).contains("refcount block"));
        assertFalse(DiskImages.check(file).isEmpty());
    }

    private static String refusalOfWrite(Path file) throws Exception {
        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_WRITE)) {
            DiskImageException e = assertThrows(DiskImageException.class, () -> disk.write(0, new byte[512], 0, 512));
            return e.getMessage();
        }
    }
}
