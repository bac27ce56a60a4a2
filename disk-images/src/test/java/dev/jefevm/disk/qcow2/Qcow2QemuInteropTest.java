package dev.jefevm.disk.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our qcow2 against QEMU's: each side reads, writes and checks the other's images. */
class Qcow2QemuInteropTest {

    @TempDir
    Path dir;

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void qemuImg(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "qemu-img";
        System.arraycopy(args, 0, command, 1, args.length);
        QemuTool.Result r = QemuTool.run(command);
        assertEquals(0, r.status(), String.join(" ", command) + ": " + r.output());
    }

    private static byte[] write(BlockDevice disk, long offset, int length, long seed) throws Exception {
        byte[] data = random(length, seed);
        disk.write(offset, data, 0, length);
        return data;
    }

    private static byte[] slice(byte[] all, long offset, int length) {
        byte[] b = new byte[length];
        System.arraycopy(all, (int) offset, b, 0, length);
        return b;
    }

    @Test
    void ourImage_withData_passesQemuImgCheck_andConvertsToOurBytes() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        Path image = dir.resolve("ours.qcow2");
        DiskImages.create(image, DiskFormat.QCOW2, 32 << 20);
        byte[] a;
        byte[] b;
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            a = write(disk, 1000, 5000, 1);
            b = write(disk, (20 << 20) - 300, 200_000, 2);
        }

        qemuImg("check", image.toString());
        Path raw = dir.resolve("out.raw");
        qemuImg("convert", "-O", "raw", image.toString(), raw.toString());

        byte[] all = Files.readAllBytes(raw);
        assertEquals(32 << 20, all.length);
        assertArrayEquals(a, slice(all, 1000, 5000));
        assertArrayEquals(b, slice(all, (20 << 20) - 300, 200_000));
        assertArrayEquals(new byte[1000], slice(all, 0, 1000));
    }

    @Test
    void qemuConvertedImage_readsBackByteIdentical_andAcceptsOurWrites() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        byte[] content = new byte[8 << 20];
        new Random(3).nextBytes(content);
        java.util.Arrays.fill(content, 1 << 20, 3 << 20, (byte) 0);
        Path raw = dir.resolve("src.raw");
        Files.write(raw, content);
        Path image = dir.resolve("theirs.qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());

        byte[] back = new byte[content.length];
        byte[] ours;
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            disk.read(0, back, 0, back.length);
            ours = write(disk, (2 << 20) + 4096, 100_000, 4);
        }
        assertArrayEquals(content, back);

        qemuImg("check", image.toString());
        Path out = dir.resolve("out.raw");
        qemuImg("convert", "-O", "raw", image.toString(), out.toString());
        byte[] expected = content.clone();
        System.arraycopy(ours, 0, expected, (2 << 20) + 4096, ours.length);
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void qemuIoWrites_areReadBack_includingZeroClusters_andAcceptOurWrites() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        QemuTool.assumeInstalled("qemu-io");
        Path image = dir.resolve("io.qcow2");
        qemuImg("create", "-f", "qcow2", image.toString(), "16M");
        QemuTool.Result r = QemuTool.run("qemu-io", "-c", "write -P 0xab 65536 131072", "-c",
                "write -z 98304 65536", "-c", "write -P 0x11 1000000 3000", image.toString());
        assertEquals(0, r.status(), r.output());

        byte[] back = new byte[2 << 20];
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            disk.read(0, back, 0, back.length);
            disk.write(131072 + 100, new byte[] {7, 7, 7}, 0, 3);
        }

        byte[] expected = new byte[2 << 20];
        java.util.Arrays.fill(expected, 65536, 65536 + 131072, (byte) 0xab);
        java.util.Arrays.fill(expected, 98304, 98304 + 65536, (byte) 0);
        java.util.Arrays.fill(expected, 1000000, 1003000, (byte) 0x11);
        assertArrayEquals(expected, back);
        qemuImg("check", image.toString());
        Path raw = dir.resolve("io.raw");
        qemuImg("convert", "-O", "raw", image.toString(), raw.toString());
        java.util.Arrays.fill(expected, 131072 + 100, 131072 + 103, (byte) 7);
        assertArrayEquals(expected, slice(Files.readAllBytes(raw), 0, 2 << 20));
    }

    @Test
    void preallocatedZeroCluster_readsAsZeros_andOurWriteKeepsTheRestZero() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        QemuTool.assumeInstalled("qemu-io");
        Path image = dir.resolve("zero.qcow2");
        qemuImg("create", "-f", "qcow2", image.toString(), "4M");
        // Writing zeros over an allocated cluster keeps its host offset and sets the L2 zero flag.
        QemuTool.Result r = QemuTool.run("qemu-io", "-c", "write -P 0xcd 0 64k", "-c", "write -z 0 64k", image.toString());
        assertEquals(0, r.status(), r.output());

        byte[] before = new byte[65536];
        byte[] after = new byte[65536];
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            disk.read(0, before, 0, before.length);
            disk.write(10, new byte[] {1, 2, 3}, 0, 3);
            disk.read(0, after, 0, after.length);
        }

        byte[] expected = new byte[65536];
        assertArrayEquals(expected, before);
        expected[10] = 1;
        expected[11] = 2;
        expected[12] = 3;
        assertArrayEquals(expected, after);
        qemuImg("check", image.toString());
        Path raw = dir.resolve("zero.raw");
        qemuImg("convert", "-O", "raw", image.toString(), raw.toString());
        assertArrayEquals(expected, slice(Files.readAllBytes(raw), 0, 65536));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "8", "16", "64"})
    void qemuImage_withAnyRefcountWidth_acceptsOurWrites(String refcountBits) throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        Path image = dir.resolve("rc" + refcountBits + ".qcow2");
        qemuImg("create", "-f", "qcow2", "-o", "refcount_bits=" + refcountBits + ",cluster_size=4096",
                image.toString(), "64M");
        byte[] data;
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            data = write(disk, 12345 * 512L, 3 << 20, 5);
        }

        qemuImg("check", image.toString());
        assertEquals(List.of(), Qcow2Check.check(image));
        byte[] back = new byte[data.length];
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_ONLY)) {
            disk.read(12345 * 512L, back, 0, back.length);
        }
        assertArrayEquals(data, back);
    }

    @Test
    void smallClusterImage_whoseRefcountTableWeMoved_passesQemuImgCheck() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        Path image = dir.resolve("c512.qcow2");
        qemuImg("create", "-f", "qcow2", "-o", "cluster_size=512", image.toString(), "64M");
        byte[] data;
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            data = write(disk, 0, 10 << 20, 6);
        }

        qemuImg("check", image.toString());
        Path out = dir.resolve("c512.raw");
        qemuImg("convert", "-O", "raw", image.toString(), out.toString());
        assertArrayEquals(data, slice(Files.readAllBytes(out), 0, data.length));
    }

    @Test
    void ourCheck_findsTheLeakQemuImgFinds() throws Exception {
        QemuTool.assumeInstalled("qemu-img");
        Path image = dir.resolve("leak.qcow2");
        DiskImages.create(image, DiskFormat.QCOW2, 1 << 20);
        try (BlockDevice disk = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            write(disk, 0, 512, 7);
        }
        // Drop the L1 entry: the L2 table and the data cluster stay counted but unused.
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.allocate(8), 3 * 65536);
        }

        QemuTool.Result qemu = QemuTool.run("qemu-img", "check", image.toString());
        List<String> ours = Qcow2Check.check(image);

        assertEquals(3, qemu.status(), qemu.output());
        assertEquals(2, ours.size(), ours.toString());
        assertTrue(ours.get(0).contains("leaked"), ours.toString());
    }
}
