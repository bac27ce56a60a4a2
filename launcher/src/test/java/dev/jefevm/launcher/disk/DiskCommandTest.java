package dev.jefevm.launcher.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.launcher.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jefevm disk ...} end to end through the real command line, on small images. */
class DiskCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void resetStreams() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int jefevm(Object... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(strings);
    }

    private String oneErrorLine() {
        String text = err.toString();
        assertEquals(1, text.lines().count(), "expected exactly one line on stderr, got: " + text);
        assertTrue(text.startsWith("jefevm: "), text);
        return text.strip();
    }

    private Path hostTree() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("docs/deep"));
        Files.writeString(src.resolve("readme.txt"), "hello from the host\n");
        Files.writeString(src.resolve("docs/a.txt"), "a");
        Files.write(src.resolve("docs/deep/empty.bin"), new byte[0]);
        return src;
    }

    private Path image(String name) throws Exception {
        Path image = dir.resolve(name);
        assertEquals(0, jefevm("disk", "create", "--size", "32M", "--from", hostTree(), image), err.toString());
        return image;
    }

    @Test
    void create_fromAFolder_thenLsR_listsTheWholeTree() throws Exception {
        Path image = image("data.qcow2");

        int status = jefevm("disk", "ls", "-R", image);

        assertEquals(0, status, err.toString());
        List<String> names = out.toString().lines().map(l -> l.substring(l.lastIndexOf("  ") + 2)).toList();
        assertEquals(List.of("/docs/", "/docs/a.txt", "/docs/deep/", "/docs/deep/empty.bin", "/readme.txt"), names);
    }

    @Test
    void create_chosesTheFormatFromTheExtension_unlessToldOtherwise() throws Exception {
        image("a.qcow2");
        image("b.img");
        assertEquals(0, jefevm("disk", "create", "--format", "qcow2", "--size", "16M", dir.resolve("c.img")), err.toString());

        assertEquals("QFI", Files.readString(dir.resolve("a.qcow2"), java.nio.charset.StandardCharsets.ISO_8859_1).substring(0, 3));
        assertEquals(32L << 20, Files.size(dir.resolve("b.img")));
        assertTrue(Files.size(dir.resolve("c.img")) < (16L << 20));
    }

    @Test
    void putThenGet_roundTripsAFileOfSeveralMegabytes() throws Exception {
        Path image = image("rt.img");
        byte[] content = new byte[5 << 20];
        new Random(1).nextBytes(content);
        Path host = dir.resolve("big.bin");
        Files.write(host, content);
        Path back = dir.resolve("back.bin");

        assertEquals(0, jefevm("disk", "put", image, host, "/docs/"), err.toString());
        assertEquals(0, jefevm("disk", "get", image, "/DOCS/BIG.BIN", back), err.toString());

        assertArrayEquals(content, Files.readAllBytes(back));
        assertEquals("", err.toString(), "no progress bar when stderr is not a terminal");
    }

    @Test
    void cat_writesTheFileBytesToStandardOutput() throws Exception {
        Path image = image("cat.qcow2");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cmd = new CommandLine(new DiskCommand(bytes));
        cmd.setErr(new PrintWriter(err, true));

        int status = cmd.execute("cat", image.toString(), "readme.txt");

        assertEquals(0, status, err.toString());
        assertEquals("hello from the host\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void mkdirAndRm_changeWhatLsShows() throws Exception {
        Path image = image("edit.img");

        assertEquals(0, jefevm("disk", "mkdir", image, "/new"), err.toString());
        assertEquals(0, jefevm("disk", "rm", image, "/docs/a.txt"), err.toString());
        assertEquals(0, jefevm("disk", "ls", image, "/"), err.toString());

        String listing = out.toString();
        assertTrue(listing.contains(" new/"), listing);
        assertEquals(0, jefevm("disk", "ls", image, "/docs"), err.toString());
        assertFalse(out.toString().contains("a.txt"), out.toString());
        assertEquals(0, jefevm("disk", "check", image), out.toString());
    }

    @Test
    void info_describesFormatSizesPartitionAndVolume() throws Exception {
        Path image = image("info.qcow2");

        int status = jefevm("disk", "info", image);

        String text = out.toString();
        assertEquals(0, status, err.toString());
        assertTrue(text.contains("format:         qcow2"), text);
        assertTrue(text.contains("virtual size:   32 MiB (33554432 bytes)"), text);
        assertTrue(text.contains("cluster size:   64 KiB"), text);
        assertTrue(text.contains("1: MBR type 0x07 (NTFS), at 1 MiB, 31 MiB"), text);
        assertTrue(text.contains("ntfs volume:    at 1 MiB, 31 MiB"), text);
        assertTrue(text.contains("  label:        JEFEDATA\n"), text);
        assertTrue(text.contains("  size:         31.0 MiB (32501760 bytes), clusters of 4 KiB\n"), text);
        assertTrue(text.matches("(?s).*  used:         .+ \\(\\d+\\.\\d%\\)\n.*"), text);
    }

    @Test
    void info_afterPuttingAFile_showsTheLabelAndUsedPlusFreeIsTheSize() throws Exception {
        Path image = dir.resolve("label.img");
        assertEquals(0, jefevm("disk", "create", "--size", "16M", "--label", "Photos", image), err.toString());
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[1 << 20]);
        jefevm("disk", "info", image);
        long freeBefore = infoBytes("free");
        assertEquals(0, jefevm("disk", "put", image, big, "/big.bin"), err.toString());

        int status = jefevm("disk", "info", image);

        assertEquals(0, status, err.toString());
        assertTrue(out.toString().contains("  label:        Photos\n"), out.toString());
        assertEquals(freeBefore - (1 << 20), infoBytes("free"));
        assertEquals(infoBytes("size"), infoBytes("free") + usedBytes());
    }

    /** The byte count in parentheses on {@code disk info}'s line for {@code field}. */
    private long infoBytes(String field) {
        return Long.parseLong(infoLine(field).replaceAll(".*\\((\\d+) bytes\\).*", "$1"));
    }

    private long usedBytes() {
        String used = infoLine("used");
        // used is shown rounded; size minus free is what it stands for, checked against the rounding
        long exact = infoBytes("size") - infoBytes("free");
        assertTrue(used.contains("(" + String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * exact / infoBytes("size")) + ")"), used);
        return exact;
    }

    private String infoLine(String field) {
        return out.toString().lines().filter(l -> l.startsWith("  " + field + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " line in: " + out));
    }

    @Test
    void check_ofAFreshImage_exits0() throws Exception {
        Path image = image("ok.qcow2");

        int status = jefevm("disk", "check", image);

        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("no problems found"), out.toString());
    }

    @Test
    void check_ofAnImageWithALeakedCluster_exits1ListingIt() throws Exception {
        Path image = image("leak.qcow2");
        // Count one more cluster in the first refcount block (at 128 KiB) than anything uses.
        try (var ch = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 1}), 2 * 65536 + 2 * 1000);
        }

        int status = jefevm("disk", "check", image);

        assertEquals(1, status);
        assertTrue(out.toString().contains("qcow2: cluster 0x3e80000 is leaked but its refcount is 1"), out.toString());
    }

    @Test
    void missingImage_isOneLineAndExit1() {
        int status = jefevm("disk", "ls", dir.resolve("nope.qcow2"));

        assertEquals(1, status);
        assertEquals("jefevm: " + dir.resolve("nope.qcow2") + ": no such file", oneErrorLine());
    }

    @Test
    void pathNotFound_isOneLineNamingImageAndExit1() throws Exception {
        Path image = image("nf.img");

        int status = jefevm("disk", "cat", image, "/no/such.txt");

        assertEquals(1, status);
        assertTrue(oneErrorLine().startsWith("jefevm: " + image + ": "), err.toString());
    }

    @Test
    void imageWithoutNtfs_isOneLineAndExit1() throws Exception {
        Path blank = dir.resolve("blank.img");
        Files.write(blank, new byte[1 << 20]);

        int status = jefevm("disk", "ls", blank);

        assertEquals(1, status);
        assertTrue(oneErrorLine().contains("no NTFS volume"), err.toString());
    }

    @Test
    void corruptQcow2Header_isOneLineAndExit1() throws Exception {
        Path bad = dir.resolve("bad.qcow2");
        Files.write(bad, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});

        int status = jefevm("disk", "info", bad);

        assertEquals(1, status);
        assertEquals("jefevm: " + bad + ": qcow2 header is truncated (8 bytes)", oneErrorLine());
    }

    @Test
    void createOverAnExistingFile_exits1AndLeavesItAlone() throws Exception {
        Path existing = dir.resolve("keep.img");
        Files.writeString(existing, "keep");

        int status = jefevm("disk", "create", existing);

        assertEquals(1, status);
        assertTrue(oneErrorLine().contains("already exists"));
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void usageMistakes_exit2WithOneLine() {
        assertEquals(2, jefevm("disk", "create", "--format", "vmdk", dir.resolve("x.img")));
        assertEquals("jefevm: unknown disk format 'vmdk' (available: raw, qcow2)", oneErrorLine());
        assertEquals(2, jefevm("disk", "create", "--size", "1M", dir.resolve("x.img")));
        assertTrue(oneErrorLine().contains("outside 8M..2T"));
        assertEquals(2, jefevm("disk"));
        assertTrue(oneErrorLine().contains("missing disk command"));
        assertEquals(2, jefevm("disk", "put", dir.resolve("x.img")));
        oneErrorLine();
        assertFalse(Files.exists(dir.resolve("x.img")));
    }

    @Test
    void help_listsEverySubcommand() {
        int status = jefevm("disk", "--help");

        assertEquals(0, status);
        for (String sub : new String[] {"create", "info", "check", "ls", "cat", "put", "get", "rm", "mkdir"}) {
            assertTrue(out.toString().contains("  " + sub + " "), sub + " missing from: " + out);
        }
    }
}
