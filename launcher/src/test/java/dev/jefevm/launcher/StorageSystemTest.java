package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskFormat;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ProgressListener;
import dev.jefevm.disk.ntfs.NtfsEntry;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.Partitions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-system storage tests: the bundled JefeOS, booted headless and deterministic with a fresh
 * disk image on the primary master (MBR, one NTFS partition at 1 MiB, as {@code jefevm disk
 * create} makes), works on files with its shell and its editor; afterwards the host reads exactly
 * that back through {@link NtfsVolume}, {@code jefevm disk} and ntfs-3g's tools, and a second boot sees it again.
 * Also: nothing written before {@code sync} returned is lost when the machine stops abruptly, and
 * images with flipped bits never crash the guest.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StorageSystemTest {

    private static final long RAM = 256L << 20;
    private static final long DISK_SIZE = 64L << 20;
    private static final long PARTITION_OFFSET = 1L << 20;
    private static final long BOOT_BUDGET = 4_000_000_000L;
    private static final long COMMAND_BUDGET = 4_000_000_000L;
    private static final int BIG_FILE = 4 << 20;
    private static final int DIRECTORY_ENTRIES = 500;
    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    /** A fresh raw image: an MBR and an empty NTFS volume from 1 MiB, plus `files` put by the host. */
    private Path freshImage(String name, byte[] bigFile) throws IOException {
        Path image = dir.resolve(name);
        DiskImages.create(image, DiskFormat.RAW, DISK_SIZE);
        try (BlockDevice dev = DiskImages.open(image, DiskOpenMode.READ_WRITE)) {
            Partitions.writeMbr(dev, PARTITION_OFFSET, DISK_SIZE - PARTITION_OFFSET, Partitions.TYPE_NTFS);
            NtfsVolume.format(dev, PARTITION_OFFSET, DISK_SIZE - PARTITION_OFFSET, "JEFEDATA");
            try (NtfsVolume volume = NtfsVolume.mount(dev, PARTITION_OFFSET)) {
                volume.write("/readme.txt", new ByteArrayInputStream("from the host\n".getBytes(StandardCharsets.UTF_8)),
                        14, ProgressListener.NONE);
                if (bigFile != null) {
                    volume.write("/big.bin", new ByteArrayInputStream(bigFile), bigFile.length, ProgressListener.NONE);
                }
                volume.flush();
            }
        }
        return image;
    }

    private static GuestConsole boot(Path image) throws Exception {
        GuestConsole console = new GuestConsole(RAM);
        console.machine().attachDisk(0, DiskImages.open(image, DiskOpenMode.READ_WRITE));
        return console;
    }

    private static byte[] bigFileContent() {
        byte[] data = new byte[BIG_FILE];
        new Random(7).nextBytes(data);
        return data;
    }

    /** Runs {@code jefevm disk ARGS...} in-process; returns its standard output (the command must succeed). */
    private static String jefevmDisk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "disk";
        System.arraycopy(args, 0, command, 1, args.length);
        int status = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(command);
        assertEquals(0, status, "jefevm disk " + String.join(" ", args) + ": " + err);
        return out.toString();
    }

    private static String hostRead(NtfsVolume volume, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        volume.read(path, out, ProgressListener.NONE);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> touchLines(String prefix, int count) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("touch");
        for (int i = 0; i < count; i++) {
            String name = " %s%03d".formatted(prefix, i);
            if (line.length() + name.length() > 200) {
                lines.add(line.toString());
                line = new StringBuilder("touch");
            }
            line.append(name);
        }
        lines.add(line.toString());
        return lines;
    }

    @Test
    void shellAndEditor_changesReachTheDisk_hostAndSecondBootSeeThem() throws Exception {
        byte[] big = bigFileContent();
        Path image = freshImage("work.img", big);

        try (GuestConsole console = boot(image)) {
            String banner = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertTrue(banner.contains("ata0: JefeVM HARDDISK, 64 MiB, DMA"), banner);
            assertTrue(banner.contains("ata0p1: NTFS volume mounted at /"), banner);

            assertEquals("", console.command("mkdir docs tmpdir", COMMAND_BUDGET));
            console.command("echo hello world > docs/a.txt", COMMAND_BUDGET);
            console.command("echo second line >> /docs/a.txt", COMMAND_BUDGET);
            assertEquals("hello world\nsecond line\n", console.command("cat docs/a.txt", COMMAND_BUDGET));
            console.command("cd docs", COMMAND_BUDGET);
            assertEquals("/docs\n", console.command("pwd", COMMAND_BUDGET));
            console.command("mv a.txt b.txt", COMMAND_BUDGET);
            console.command("cp ../big.bin big2.bin", COMMAND_BUDGET);
            console.command("cd ..", COMMAND_BUDGET);
            assertTrue(console.command("stat docs/big2.bin", COMMAND_BUDGET).contains("size: " + BIG_FILE));
            console.command("rmdir tmpdir", COMMAND_BUDGET);
            console.command("touch gone.txt", COMMAND_BUDGET);
            console.command("rm gone.txt", COMMAND_BUDGET);
            assertEquals("rm: /gone.txt: no such file\n", console.command("rm gone.txt", COMMAND_BUDGET));
            console.command("mkdir many", COMMAND_BUDGET);
            console.command("cd many", COMMAND_BUDGET);
            for (String line : touchLines("f", DIRECTORY_ENTRIES)) {
                assertEquals("", console.command(line, COMMAND_BUDGET), line);
            }
            console.command("cd /", COMMAND_BUDGET);
            assertEquals(DIRECTORY_ENTRIES, console.command("ls many", COMMAND_BUDGET).lines().count());

            console.type("edit notes.txt");
            console.runUntil("[New File]", COMMAND_BUDGET);
            console.machine().board().serialInbox().post("ihello from edit" + ESC + "osecond" + ESC + ":q\r");
            console.runUntil("E37: No write since last change", COMMAND_BUDGET);
            console.machine().board().serialInbox().post("0x:wq\r");
            console.runUntil(GuestConsole.PROMPT, COMMAND_BUDGET);

            console.command("sync", COMMAND_BUDGET);
            console.type("poweroff");
            assertEquals(MachineEvent.POWER_OFF, console.runUntilStopped(COMMAND_BUDGET));
        }

        try (BlockDevice dev = DiskImages.open(image, DiskOpenMode.READ_ONLY);
                NtfsVolume volume = NtfsVolume.mount(dev, PARTITION_OFFSET)) {
            assertEquals("hello world\nsecond line\n", hostRead(volume, "/docs/b.txt"));
            assertEquals("hello from edit\necond\n", hostRead(volume, "/notes.txt"));
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            volume.read("/docs/big2.bin", copy, ProgressListener.NONE);
            assertArrayEquals(big, copy.toByteArray());
            assertEquals(DIRECTORY_ENTRIES, volume.list("/many").size());
            List<String> root = volume.list("/").stream().map(NtfsEntry::name).toList();
            assertFalse(root.contains("gone.txt"), root.toString());
            assertFalse(root.contains("tmpdir"), root.toString());
            assertEquals(List.of(), volume.check());
        }
        // ... and so does `jefevm disk`, the user's way in
        Path notes = dir.resolve("notes-from-disk.txt");
        jefevmDisk("get", image.toString(), "/notes.txt", notes.toString());
        assertEquals("hello from edit\necond\n", Files.readString(notes));
        assertEquals(DIRECTORY_ENTRIES, jefevmDisk("ls", image.toString(), "/many").lines().count());
        assertTrue(jefevmDisk("ls", "-R", image.toString(), "/").contains("big2.bin"));

        try (GuestConsole console = boot(image)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertEquals("hello world\nsecond line\n", console.command("cat /docs/b.txt", COMMAND_BUDGET));
            assertEquals("hello from edit\necond\n", console.command("cat notes.txt", COMMAND_BUDGET));
            assertEquals(DIRECTORY_ENTRIES, console.command("ls /many", COMMAND_BUDGET).lines().count());
            assertTrue(console.command("stat docs/big2.bin", COMMAND_BUDGET).contains("size: " + BIG_FILE));
        }
        NtfsTools.assertCleanAndReadable(image, PARTITION_OFFSET, DISK_SIZE - PARTITION_OFFSET, dir,
                "/docs/b.txt", "hello world\nsecond line\n");
    }

    @Test
    void legacyPic_diskInterruptsArriveThroughThe8259() throws Exception {
        Path image = freshImage("pic.img", null);

        try (GuestConsole console = new GuestConsole(RAM, "noapic", List.of(), true)) {
            console.machine().attachDisk(0, DiskImages.open(image, DiskOpenMode.READ_WRITE));
            String banner = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertTrue(banner.contains("ata0p1: NTFS volume mounted at /"), banner);
            assertEquals("from the host\n", console.command("cat readme.txt", COMMAND_BUDGET));
            console.command("echo through the pic > pic.txt", COMMAND_BUDGET);
            assertEquals("through the pic\n", console.command("cat pic.txt", COMMAND_BUDGET));
            assertTrue(console.command("irqstat", COMMAND_BUDGET).matches("(?s).*ata primary\\s+[1-9].*"));
        }
    }

    @Test
    void ataNoDma_pioTransfersReadAndWriteTheSameBytes() throws Exception {
        byte[] big = java.util.Arrays.copyOf(bigFileContent(), 200 << 10);
        Path image = freshImage("pio.img", big);

        try (GuestConsole console = new GuestConsole(RAM, "ata.nodma", List.of(), true)) {
            console.machine().attachDisk(0, DiskImages.open(image, DiskOpenMode.READ_WRITE));
            String banner = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertTrue(banner.contains("ata0: JefeVM HARDDISK, 64 MiB, PIO"), banner);
            console.command("cp big.bin copy.bin", COMMAND_BUDGET);
            console.command("sync", COMMAND_BUDGET);
        }

        try (BlockDevice dev = DiskImages.open(image, DiskOpenMode.READ_ONLY);
                NtfsVolume volume = NtfsVolume.mount(dev, PARTITION_OFFSET)) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            volume.read("/copy.bin", copy, ProgressListener.NONE);
            assertArrayEquals(big, copy.toByteArray());
        }
    }

    @Test
    void abruptStop_rightAfterSync_losesNothing() throws Exception {
        Path image = freshImage("kill.img", null);

        GuestConsole console = boot(image);
        // Deliberately never closed: the image is not flushed or closed by the host, as after SIGKILL.
        console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
        console.command("mkdir kept", COMMAND_BUDGET);
        console.command("echo resident data > kept/small.txt", COMMAND_BUDGET);
        console.command("echo more >> kept/small.txt", COMMAND_BUDGET);
        console.command("sync", COMMAND_BUDGET);

        Path copy = Files.copy(image, dir.resolve("after-kill.img"));
        try (BlockDevice dev = DiskImages.open(copy, DiskOpenMode.READ_ONLY);
                NtfsVolume volume = NtfsVolume.mount(dev, PARTITION_OFFSET)) {
            assertEquals("resident data\nmore\n", hostRead(volume, "/kept/small.txt"));
            assertEquals(List.of(), volume.check());
        }
    }

    @Test
    void fuzzedImages_bootWithoutCrashingTheGuest() throws Exception {
        Path pristine = freshImage("pristine.img", null);
        try (BlockDevice dev = DiskImages.open(pristine, DiskOpenMode.READ_WRITE);
                NtfsVolume volume = NtfsVolume.mount(dev, PARTITION_OFFSET)) {
            volume.mkdir("/dir");
            byte[] chunk = new byte[3000];
            for (int i = 0; i < 120; i++) { // enough entries for index blocks (INDX) under /dir
                volume.write("/dir/file%03d.txt".formatted(i), new ByteArrayInputStream(chunk), i % 2 == 0 ? 20 : 3000,
                        ProgressListener.NONE);
            }
            volume.flush();
        }
        byte[] bytes = Files.readAllBytes(pristine);
        List<int[]> targets = fuzzTargets(bytes);
        Random random = new Random(42);
        for (int round = 0; round < targets.size(); round++) {
            byte[] fuzzed = bytes.clone();
            int[] target = targets.get(round % targets.size());
            for (int flip = 0; flip < 6; flip++) {
                int at = target[0] + random.nextInt(target[1]);
                fuzzed[at] ^= (byte) (1 << random.nextInt(8));
            }
            Path image = Files.write(dir.resolve("fuzz" + round + ".img"), fuzzed);
            try (GuestConsole console = boot(image)) {
                console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
                console.command("ls", COMMAND_BUDGET);
                console.command("ls dir", COMMAND_BUDGET);
                console.command("cat readme.txt", COMMAND_BUDGET);
                console.command("cat dir/file001.txt", COMMAND_BUDGET);
                console.command("echo new > dir/new.txt", COMMAND_BUDGET);
                console.command("rm dir/file002.txt", COMMAND_BUDGET);
                String alive = console.command("echo alive", COMMAND_BUDGET);
                assertEquals("alive\n", alive, "round " + round + ":\n" + console.transcript());
                assertFalse(console.transcript().contains("KERNEL PANIC"), console.transcript());
            }
        }
    }

    /**
     * Byte ranges {start, length} of the structures bit flips go to: the MBR's partition
     * entries, the NTFS boot sector's BPB, the system MFT records, the user files' MFT records
     * (runlists included) and the first index block (INDX) of /dir.
     */
    private static List<int[]> fuzzTargets(byte[] image) {
        int volume = (int) PARTITION_OFFSET;
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int bytesPerSector = le.getShort(volume + 0x0B) & 0xFFFF;
        int clusterSize = bytesPerSector * (image[volume + 0x0D] & 0xFF);
        int mft = volume + (int) (le.getLong(volume + 0x30) * clusterSize);
        int indx = -1;
        for (int at = mft; at + 4 < image.length; at += 512) {
            if (image[at] == 'I' && image[at + 1] == 'N' && image[at + 2] == 'D' && image[at + 3] == 'X') {
                indx = at;
                break;
            }
        }
        assertTrue(indx > 0, "an index block exists");
        return List.of(new int[] {446, 64}, new int[] {volume, 0x54}, new int[] {mft, 16 * 1024},
                new int[] {mft + 24 * 1024, 40 * 1024}, new int[] {indx, 4096});
    }

    /** ntfs-3g's view of the partition (skipped with a message when the tools are missing). */
    static final class NtfsTools {
        private NtfsTools() {
        }

        static boolean installed() {
            return Files.isExecutable(Path.of("/usr/bin/ntfsls")) || Files.isExecutable(Path.of("/bin/ntfsls"));
        }

        static void assertCleanAndReadable(Path image, long offset, long size, Path dir, String file, String content)
                throws Exception {
            Assumptions.assumeTrue(installed(), "ntfs-3g tools (ntfsls, ntfscat, ntfsfix) not installed: skipping their checks");
            Path volume = dir.resolve("partition.ntfs");
            try (BlockDevice dev = DiskImages.open(image, DiskOpenMode.READ_ONLY)) {
                byte[] buffer = new byte[1 << 20];
                try (var out = Files.newOutputStream(volume)) {
                    for (long at = 0; at < size; at += buffer.length) {
                        int n = (int) Math.min(buffer.length, size - at);
                        dev.read(offset + at, buffer, 0, n);
                        out.write(buffer, 0, n);
                    }
                }
            }
            assertEquals(0, run("ntfsfix", "-n", volume.toString()).exitCode, "ntfsfix -n");
            Result ls = run("ntfsls", "-R", volume.toString());
            assertEquals(0, ls.exitCode, ls.output);
            assertTrue(ls.output.contains("notes.txt") && ls.output.contains("f499"), ls.output);
            Result cat = run("ntfscat", volume.toString(), file);
            assertEquals(0, cat.exitCode, cat.output);
            assertEquals(content, cat.output);
        }

        record Result(int exitCode, String output) {
        }

        static Result run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Result(p.waitFor(), output);
        }
    }
}
