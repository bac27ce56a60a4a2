package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import dev.jefevm.disk.ProgressListener;
import dev.jefevm.disk.ntfs.NtfsVolume;
import dev.jefevm.disk.partition.Volumes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the default disk lives, when it is copied, and that tests keep it out of the real home folder. */
class DefaultDiskTest {

    @TempDir
    Path home;

    @Test
    void dataDirectory_followsXdgDataHome() {
        assertEquals(Path.of("/data/jefevm"), DefaultDisk.dataDirectory(Map.of("XDG_DATA_HOME", "/data"), "/home/u"));
    }

    @Test
    void dataDirectory_withoutXdgDataHome_isUnderLocalShare() {
        assertEquals(Path.of("/home/u/.local/share/jefevm"), DefaultDisk.dataDirectory(Map.of(), "/home/u"));
    }

    @Test
    void dataDirectory_relativeXdgDataHome_isIgnored() {
        assertEquals(Path.of("/home/u/.local/share/jefevm"),
                DefaultDisk.dataDirectory(Map.of("XDG_DATA_HOME", "data"), "/home/u"));
    }

    @Test
    void locate_firstTime_copiesTheBundledImage() throws IOException {
        byte[] bundled = {1, 2, 3, 4};
        DefaultDisk disk = new DefaultDisk(home.resolve("jefevm"), name -> new ByteArrayInputStream(bundled));

        Path located = disk.locate();

        assertEquals(home.resolve("jefevm").resolve(DefaultDisk.FILE_NAME), located);
        assertArrayEquals(bundled, Files.readAllBytes(located));
    }

    @Test
    void locate_existingCopy_isKeptAsTheGuestLeftIt() throws IOException {
        Path dir = Files.createDirectories(home.resolve("jefevm"));
        Files.write(dir.resolve(DefaultDisk.FILE_NAME), new byte[] {9});
        DefaultDisk disk = new DefaultDisk(dir, name -> new ByteArrayInputStream(new byte[] {1}));

        Path located = disk.locate();

        assertArrayEquals(new byte[] {9}, Files.readAllBytes(located));
    }

    @Test
    void locate_withoutBundledImage_isNull() throws IOException {
        DefaultDisk disk = new DefaultDisk(home.resolve("jefevm"), name -> null);

        assertNull(disk.locate());
    }

    @Test
    void forUser_inTheTestJvm_keepsTheCopyUnderXdgDataHomeInTheBuildFolder() {
        String xdg = System.getenv("XDG_DATA_HOME");

        Path file = DefaultDisk.forUser().file();

        // the parent pom's surefire configuration sets XDG_DATA_HOME so tests never write to ~/.local/share
        assertNotNull(xdg, "surefire must set XDG_DATA_HOME");
        assertTrue(xdg.endsWith("test-xdg-data"), xdg);
        assertEquals(Path.of(xdg, "jefevm", DefaultDisk.FILE_NAME), file);
        assertFalse(file.startsWith(Path.of(System.getProperty("user.home"), ".local", "share")), file.toString());
    }

    @Test
    void run_withoutDiskOptions_copiesTheBundledDiskOnceThenReusesTheCopyWithItsChanges() throws Exception {
        String xdg = System.getenv("XDG_DATA_HOME");
        // never delete a real user's copy: only the one under the build folder's XDG_DATA_HOME
        assertTrue(xdg != null && xdg.endsWith("test-xdg-data"), "XDG_DATA_HOME not set by surefire: " + xdg);
        Path copy = DefaultDisk.forUser().file();
        Files.deleteIfExists(copy);
        Path notAKernel = Files.writeString(home.resolve("not-a-kernel.elf"), "not an ELF file");
        byte[] bundled;
        try (InputStream in = DefaultDisk.class.getResourceAsStream(DefaultDisk.RESOURCE)) {
            assertNotNull(in, "the disk-images build bundles " + DefaultDisk.RESOURCE);
            bundled = in.readAllBytes();
        }

        // The disk is opened before the kernel is loaded, so a kernel that fails to load still
        // shows where the default disk went, without booting a guest.
        int first = runWithoutDisk(notAKernel);
        byte[] afterFirst = Files.readAllBytes(copy);
        try (BlockDevice disk = DiskImages.open(copy, DiskOpenMode.READ_WRITE);
             NtfsVolume volume = NtfsVolume.mount(disk, Volumes.locate(disk).offset())) {
            byte[] note = "written by the guest".getBytes(StandardCharsets.UTF_8);
            volume.write("/persist.txt", new ByteArrayInputStream(note), note.length, ProgressListener.NONE);
        }
        int second = runWithoutDisk(notAKernel);

        assertEquals(2, first);
        assertEquals(2, second);
        assertArrayEquals(bundled, afterFirst, "the first run copies the bundled image as it is");
        try (BlockDevice disk = DiskImages.open(copy, DiskOpenMode.READ_ONLY)) {
            NtfsVolume volume = NtfsVolume.mount(disk, Volumes.locate(disk).offset());
            assertEquals(20, volume.stat("/persist.txt").size(), "the second run reused the changed copy");
        }
        try (var left = Files.list(copy.getParent())) {
            assertEquals(List.of(copy), left.toList(), "no partial copies left behind");
        }
    }

    private static int runWithoutDisk(Path kernel) {
        StringWriter err = new StringWriter();
        int status = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .execute("run", "--display", "none", "--kernel", kernel.toString());
        assertTrue(err.toString().contains("not-a-kernel.elf"), err.toString());
        return status;
    }
}
