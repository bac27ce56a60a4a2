package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.Partitions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's disk benchmark command, {@code iobench}, in a deterministic boot of the bundled
 * JefeOS: at 1 MiB it writes, syncs, reads back and removes a file on the NTFS volume, and on a
 * scratch disk it writes raw sectors (each stamped with its position) that the host then finds
 * in the image; it never writes raw sectors on the disk holding the mounted volume. The
 * throughput figures themselves come from benchmarks/bench-disk.sh in real time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IoBenchSystemTest {

    private static final long RAM = 256L << 20;
    private static final long DISK_SIZE = 16L << 20;
    private static final long SCRATCH_SIZE = 4L << 20;
    private static final long PARTITION_OFFSET = 1L << 20;
    private static final long BUDGET = 4_000_000_000L;
    private static final Pattern RATES = Pattern.compile(
            "iobench: write 1 MiB in \\d+\\.\\d\\d s = \\d+\\.\\d MiB/s\n"
                    + "iobench: read 1 MiB in \\d+\\.\\d\\d s = \\d+\\.\\d MiB/s\n");
    /** BenchCommands.cpp stamps every sector: this value ^ (MiB index << 16) ^ sector index. */
    private static final long STAMP = 0x4A45464500000000L;

    @TempDir
    Path dir;

    /** A raw image with an MBR and an empty NTFS volume from 1 MiB, as {@code jefevm disk create} makes. */
    private Path dataDisk() throws IOException {
        Path image = dir.resolve("data.img");
        DiskImages.create(image, DiskFormat.RAW, DISK_SIZE);
        try (BlockDevice dev = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            Partitions.writeMbr(dev, PARTITION_OFFSET, DISK_SIZE - PARTITION_OFFSET, Partitions.TYPE_NTFS);
            NtfsVolume.format(dev, PARTITION_OFFSET, DISK_SIZE - PARTITION_OFFSET, "JEFEDATA");
        }
        return image;
    }

    private static GuestConsole boot(Path... images) throws Exception {
        GuestConsole console = new GuestConsole(RAM);
        for (int slot = 0; slot < images.length; slot++) {
            console.machine().attachDisk(slot, DiskImages.open(images[slot], DiskOpenMode.READ_WRITE));
        }
        console.runUntil(GuestConsole.PROMPT, BUDGET);
        return console;
    }

    @Test
    void iobench_oneMiBFile_printsWriteAndReadRates_andRemovesTheFile() throws Exception {
        try (GuestConsole console = boot(dataDisk())) {
            String out = console.command("iobench -s 1 bench.bin", BUDGET);

            assertTrue(RATES.matcher(out).matches(), out);
            assertEquals("stat: /bench.bin: no such file\n", console.command("stat bench.bin", BUDGET));
        }
    }

    @Test
    void iobenchRaw_writesTheScratchDiskOnly_andRefusesTheMountedOne() throws Exception {
        Path scratch = dir.resolve("scratch.img");
        DiskImages.create(scratch, DiskFormat.RAW, SCRATCH_SIZE);

        try (GuestConsole console = boot(dataDisk(), scratch)) {
            String refused = console.command("iobench -raw -s 1 ata0", BUDGET);
            String out = console.command("iobench -raw -s 1 ata1", BUDGET);

            assertEquals("iobench: ata0 holds the mounted volume ata0p1: give a scratch disk\n", refused);
            assertTrue(out.startsWith("iobench: ata1 (DMA), raw sectors from LBA 0\n"), out);
            assertTrue(RATES.matcher(out.substring(out.indexOf('\n') + 1)).matches(), out);
        }
        ByteBuffer image = ByteBuffer.wrap(Files.readAllBytes(scratch)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(STAMP, image.getLong(0));
        assertEquals(STAMP ^ 2047, image.getLong(2047 * 512));
        assertEquals(0L, image.getLong(1 << 20), "the benchmark wrote past its 1 MiB");
    }
}
