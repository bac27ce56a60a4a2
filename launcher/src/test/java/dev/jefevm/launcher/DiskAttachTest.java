package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.devices.ata.InlineDiskIo;
import dev.jefevm.devices.board.PcBoard;
import dev.jefevm.devices.boottimer.BootTimingListener;
import dev.jefevm.devices.uart.StreamSerialBackend;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Disks on the machine: --disk errors, and what guest writes do to the image with and without --snapshot. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DiskAttachTest {

    private static final int PRIMARY = PcBoard.IDE_PRIMARY_COMMAND;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int jefevm(String... args) {
        return Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void run_missingDisk_exits2WithOneLine() {
        Path missing = dir.resolve("missing.img");

        int status = jefevm("run", "--disk", missing.toString());

        assertEquals(2, status);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals("jefevm: disk image '" + missing + "' does not exist", err.toString().strip());
    }

    @Test
    void run_fiveDisks_exits2() throws Exception {
        Path disk = Files.write(dir.resolve("d.img"), new byte[512]);
        String d = disk.toString();

        int status = jefevm("run", "--disk", d, "--disk", d, "--disk", d, "--disk", d, "--disk", d);

        assertEquals(2, status);
        assertTrue(err.toString().contains("at most 4"), err.toString());
    }

    @Test
    void guestWrite_withSnapshot_leavesTheImageFileUnchanged() throws Exception {
        Path image = rawImage();
        byte[] before = Files.readAllBytes(image);

        byte[] readBack;
        try (Machine m = machine()) {
            m.attachDisk(0, DiskImages.open(image, DiskOpenMode.SNAPSHOT));
            writeSectorZero(m, (byte) 0x5A);
            readBack = readSectorZero(m);
        }

        assertEquals(0x5A, readBack[0] & 0xFF, "the guest sees its own write");
        assertArrayEquals(before, Files.readAllBytes(image));
    }

    @Test
    void guestWrite_readWrite_reachesTheImageFile() throws Exception {
        Path image = rawImage();

        try (Machine m = machine()) {
            m.attachDisk(0, DiskImages.open(image, DiskOpenMode.READ_WRITE));
            writeSectorZero(m, (byte) 0x5A);
        }

        byte[] sector = Arrays.copyOf(Files.readAllBytes(image), 512);
        byte[] expected = new byte[512];
        Arrays.fill(expected, (byte) 0x5A);
        assertArrayEquals(expected, sector);
    }

    @Test
    void guestRead_realTimeMachine_completesOnTheVcpuThreadThroughPost() throws Exception {
        Path image = rawImage();

        try (Machine m = machine(false)) {
            m.attachDisk(0, DiskImages.open(image, DiskOpenMode.READ_ONLY));
            PcBoard board = m.board();
            selectSectorZero(board);
            board.ioWrite(PRIMARY + 7, 1, 0x20);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((board.ioRead(PRIMARY + 0x206, 1) & 0x80) != 0 && System.nanoTime() < deadline) {
                m.run(10_000); // runs the posted completion before the slice
            }

            assertEquals(0x08, board.ioRead(PRIMARY + 7, 1) & 0x88, "DRQ without BSY");
            assertEquals(0xA7A7, board.ioRead(PRIMARY, 2));
        }
    }

    private Path rawImage() throws Exception {
        byte[] bytes = new byte[1 << 20];
        Arrays.fill(bytes, (byte) 0xA7);
        return Files.write(dir.resolve("disk.img"), bytes);
    }

    private static Machine machine() throws Exception {
        return machine(true);
    }

    private static Machine machine(boolean deterministic) throws Exception {
        byte[] kernel;
        try (InputStream in = DiskAttachTest.class.getResourceAsStream(RunCommand.BUNDLED_KERNEL)) {
            kernel = in.readAllBytes();
        }
        return Machine.create(new MachineConfig(kernel, "bundled JefeOS", 64L << 20, "", List.of(), deterministic,
                new StreamSerialBackend(null, new ByteArrayOutputStream(), "test", true),
                MachineConfig.DEFAULT_FRAMEBUFFER, BootTimingListener.NONE, () -> 0L, false));
    }

    // The device model driven as a guest driver would (ATA8-ACS WRITE SECTORS, PIO data-out).
    private static void writeSectorZero(Machine m, byte value) {
        PcBoard board = m.board();
        selectSectorZero(board);
        board.ioWrite(PRIMARY + 7, 1, 0x30);
        for (int i = 0; i < 256; i++) {
            board.ioWrite(PRIMARY, 2, (value & 0xFF) * 0x0101);
        }
        settle(m);
        assertFalse((board.ioRead(PRIMARY + 7, 1) & 0x01) != 0, "write ended without ERR");
    }

    private static byte[] readSectorZero(Machine m) {
        PcBoard board = m.board();
        selectSectorZero(board);
        board.ioWrite(PRIMARY + 7, 1, 0x20);
        settle(m);
        byte[] out = new byte[512];
        for (int i = 0; i < 256; i++) {
            int w = board.ioRead(PRIMARY, 2);
            out[2 * i] = (byte) w;
            out[2 * i + 1] = (byte) (w >> 8);
        }
        return out;
    }

    private static void selectSectorZero(PcBoard board) {
        board.ioWrite(PRIMARY + 6, 1, 0x40);
        board.ioWrite(PRIMARY + 2, 1, 1);
        board.ioWrite(PRIMARY + 3, 1, 0);
        board.ioWrite(PRIMARY + 4, 1, 0);
        board.ioWrite(PRIMARY + 5, 1, 0);
    }

    private static void settle(Machine m) {
        VirtualClock clock = m.clock();
        clock.retire(InlineDiskIo.COMPLETION_DELAY_NANOS / VirtualClock.NANOS_PER_INSTRUCTION);
        clock.runDueTimers();
    }
}
