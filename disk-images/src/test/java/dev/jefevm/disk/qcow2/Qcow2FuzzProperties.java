package dev.jefevm.disk.qcow2;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImageException;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random damage to a qcow2 image's metadata ends in a DiskImageException or a clean result, never another exception. */
class Qcow2FuzzProperties {

    private static final int CLUSTER = 4096;

    @Property(tries = 60, seed = "20261126")
    void metadataBitFlips_neverEscapeAsAnythingButDiskImageException(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 6 * CLUSTER * 8 - 1) Integer> bits)
            throws Exception {
        Path dir = Files.createTempDirectory("qcow2-fuzz");
        Path file = dir.resolve("fuzz.qcow2");
        try {
            Qcow2Creator.create(file, 8 << 20, 12);
            try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_WRITE)) {
                byte[] data = new byte[64 * 1024];
                new Random(1).nextBytes(data);
                disk.write(1 << 20, data, 0, data.length);
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int bit : bits) {
                if (bit / 8 < bytes.length) {
                    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            Files.write(file, bytes);

            useEverything(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void useEverything(Path file) throws IOException {
        try {
            DiskImages.info(file);
        } catch (DiskImageException expected) {
            // A refusal with a message is the right outcome for a damaged header.
        }
        DiskImages.check(file);
        try (BlockDevice disk = DiskImages.open(file, DiskOpenMode.READ_WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (long at = 0; at < disk.size(); at += buffer.length) {
                int n = (int) Math.min(buffer.length, disk.size() - at);
                disk.read(at, buffer, 0, n);
            }
            if (disk.size() >= 8192) {
                disk.write(Math.min(3 << 20, disk.size() - 8192), buffer, 0, 8192);
            }
        } catch (DiskImageException expected) {
            // Same: damaged tables are reported, not crashed on.
        }
    }
}
