package dev.jefevm.launcher.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image made and changed by {@code jefevm disk} is one QEMU and ntfs-3g accept: qemu-img
 * check is clean, and the NTFS partition qemu-img extracts lists and reads back with ntfsls and
 * ntfscat. Skips, saying so, where qemu-utils or ntfs-3g is not installed.
 */
class DiskToolsInteropTest {

    @TempDir
    Path dir;

    private static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    private static void jefevm(String... args) {
        StringWriter err = new StringWriter();
        int status = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
        assertEquals(0, status, err.toString());
    }

    @Test
    void qcow2MadeAndChangedByUs_isCleanForQemuImg_andItsVolumeForNtfs3g() throws Exception {
        assumeTrue(installed("qemu-img"), "qemu-img is not installed (Debian package qemu-utils); skipping");
        assumeTrue(installed("ntfsls") && installed("ntfscat"), "ntfs-3g tools are not installed (Debian package ntfs-3g); skipping");
        Path image = dir.resolve("data.qcow2");
        Path note = dir.resolve("note.txt");
        Files.writeString(note, "written by jefevm disk put\n");
        jefevm("disk", "create", "--size", "16M", "--label", "INTEROP", image.toString());
        jefevm("disk", "mkdir", image.toString(), "/notes");
        jefevm("disk", "put", image.toString(), note.toString(), "/notes/");

        run("qemu-img", "check", image.toString());
        Path raw = dir.resolve("data.raw");
        run("qemu-img", "convert", "-O", "raw", image.toString(), raw.toString());
        Path volume = dir.resolve("volume.ntfs");
        copyRange(raw, volume, DiskCreateCommand.PARTITION_OFFSET, (16L << 20) - DiskCreateCommand.PARTITION_OFFSET);

        assertEquals("notes", run("ntfsls", volume.toString()).strip());
        assertEquals("written by jefevm disk put\n", run("ntfscat", volume.toString(), "/notes/note.txt"));
    }

    private static void copyRange(Path from, Path to, long offset, long length) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r")) {
            byte[] bytes = new byte[(int) length];
            in.seek(offset);
            in.readFully(bytes);
            Files.write(to, bytes);
        }
    }
}
