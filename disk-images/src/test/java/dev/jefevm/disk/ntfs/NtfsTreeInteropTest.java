package dev.jefevm.disk.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.disk.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our writer against ntfs-3g's readers, and ntfs-3g's writer (ntfscp) against our reader. */
class NtfsTreeInteropTest {

    private static final long SIZE = 64L << 20;

    @TempDir
    Path tmp;

    private SparseMemoryDevice dev;
    private NtfsVolume vol;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<String> dirs = new ArrayList<>();

    @BeforeEach
    void buildTree() throws Exception {
        dev = new SparseMemoryDevice(SIZE);
        NtfsVolume.format(dev, 0, SIZE, "TREE");
        vol = NtfsVolume.mount(dev, 0);
        mkdir("/docs");
        mkdir("/docs/nested");
        mkdir("/docs/nested/deeper");
        mkdir("/many");
        put("/empty.txt", new byte[0]);
        put("/small.txt", text("x", 100));
        byte[] big = new byte[5 << 20];
        new Random(7).nextBytes(big);
        put("/docs/nested/deeper/big.bin", big);
        put("/Ünïcödé-名前.txt", "non-ASCII name\n".getBytes(StandardCharsets.UTF_8));
        put("/docs/readme.txt", "hello\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 500; i++) {
            put(String.format("/many/file-%03d.txt", i), ("entry " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void mkdir(String p) throws Exception {
        vol.mkdir(p);
        dirs.add(p);
    }

    private void put(String p, byte[] data) throws Exception {
        vol.write(p, new ByteArrayInputStream(data), data.length, ProgressListener.NONE);
        files.put(p, data);
    }

    private static byte[] text(String s, int n) {
        return s.repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ourTree_readBackByUs_matchesAndChecksClean() throws Exception {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            vol.read(f.getKey(), out, ProgressListener.NONE);
            assertArrayEquals(f.getValue(), out.toByteArray(), f.getKey());
        }
        assertEquals(500, vol.list("/many").size());
        assertEquals(List.of(), vol.check());
    }

    @Test
    void ourTree_seenByNtfs3g_listsAndCatsExactly() throws Exception {
        assumeTrue(Ntfs3gTools.installed(), "ntfs-3g tools not installed: skipping");
        Path img = tmp.resolve("tree.img");
        Ntfs3gTools.export(dev, 0, SIZE, img);

        Ntfs3gTools.Result info = Ntfs3gTools.run("ntfsinfo", "-m", img.toString());
        Ntfs3gTools.Result fix = Ntfs3gTools.run("ntfsfix", "-n", img.toString());
        Ntfs3gTools.Result ls = Ntfs3gTools.run("ntfsls", "-R", img.toString());

        assertEquals(0, info.exit(), info.output());
        assertEquals(0, fix.exit(), fix.output());
        assertFalse(fix.output().toLowerCase().contains("error"), fix.output());
        TreeSet<String> expected = new TreeSet<>(files.keySet());
        expected.addAll(dirs);
        TreeSet<String> listed = new TreeSet<>();
        String dir = "/";
        for (String line : ls.output().split("\n")) {
            if (line.startsWith("/") && line.endsWith(":")) {
                dir = line.substring(0, line.length() - 1);
            } else if (!line.isBlank() && !line.equals(".") && !line.equals("..")) { // ntfsls adds these itself
                listed.add((dir.equals("/") ? "" : dir) + "/" + line.strip());
            }
        }
        assertEquals(expected.size(), listed.size(), ls.output().lines().limit(20).toList().toString());
        assertEquals(expected, listed);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().startsWith("/many/file-1")) {
                continue; // a sample of the 500 is enough for ntfscat's speed
            }
            assertArrayEquals(f.getValue(), Ntfs3gTools.cat(img, f.getKey()), f.getKey());
        }
    }

    @Test
    void ntfscpWrites_readByUs_thenOurWritesStillValid() throws Exception {
        assumeTrue(Ntfs3gTools.installed(), "ntfs-3g tools not installed: skipping");
        Path img = tmp.resolve("cp.img");
        Ntfs3gTools.export(dev, 0, SIZE, img);
        byte[] small = "written by ntfscp\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[300_000];
        new Random(3).nextBytes(large);
        Path smallFile = tmp.resolve("s.txt");
        Path largeFile = tmp.resolve("l.bin");
        java.nio.file.Files.write(smallFile, small);
        java.nio.file.Files.write(largeFile, large);
        Ntfs3gTools.Result cp1 = Ntfs3gTools.run("ntfscp", "-f", img.toString(), smallFile.toString(), "/docs/from-ntfscp.txt");
        Ntfs3gTools.Result cp2 = Ntfs3gTools.run("ntfscp", "-f", img.toString(), largeFile.toString(), "/from-ntfscp.bin");
        assertEquals(0, cp1.exit(), cp1.output());
        assertEquals(0, cp2.exit(), cp2.output());
        SparseMemoryDevice back = new SparseMemoryDevice(SIZE);
        Ntfs3gTools.importInto(img, back, 0);

        NtfsVolume v = NtfsVolume.mount(back, 0);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        v.read("/docs/from-ntfscp.txt", s, ProgressListener.NONE);
        ByteArrayOutputStream l = new ByteArrayOutputStream();
        v.read("/FROM-NTFSCP.BIN", l, ProgressListener.NONE);
        v.write("/docs/after.txt", new ByteArrayInputStream(small), small.length, ProgressListener.NONE);
        v.remove("/small.txt");
        Path img2 = tmp.resolve("cp2.img");
        Ntfs3gTools.export(back, 0, SIZE, img2);

        assertArrayEquals(small, s.toByteArray());
        assertArrayEquals(large, l.toByteArray());
        assertEquals(0, Ntfs3gTools.run("ntfsfix", "-n", img2.toString()).exit());
        assertArrayEquals(small, Ntfs3gTools.cat(img2, "/docs/after.txt"));
        assertArrayEquals(large, Ntfs3gTools.cat(img2, "/from-ntfscp.bin"));
        assertTrue(Ntfs3gTools.cat(img2, "/small.txt").length == 0);
    }
}
