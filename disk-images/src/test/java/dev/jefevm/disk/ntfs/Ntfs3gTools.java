package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.BlockDevice;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ntfs-3g's command-line tools on a volume copied out of a block device. */
final class Ntfs3gTools {

    record Result(int exit, String output) {
    }

    private Ntfs3gTools() {
    }

    static boolean installed() {
        for (String tool : List.of("ntfsinfo", "ntfsls", "ntfscat", "ntfsfix", "ntfscp")) {
            if (!Files.isExecutable(Path.of("/usr/bin", tool)) && !Files.isExecutable(Path.of("/usr/sbin", tool))
                    && !Files.isExecutable(Path.of("/sbin", tool))) {
                return false;
            }
        }
        return true;
    }

    static void export(BlockDevice dev, long offset, long size, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (long p = 0; p < size; p += buf.length) {
                int n = (int) Math.min(buf.length, size - p);
                dev.read(offset + p, buf, 0, n);
                out.write(buf, 0, n);
            }
        }
    }

    static void importInto(Path file, BlockDevice dev, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        dev.write(offset, all, 0, all.length);
    }

    static Result run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (Files.isExecutable(Path.of("/usr/sbin", cmd.getFirst()))) {
            cmd.set(0, "/usr/sbin/" + cmd.getFirst());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static byte[] cat(Path image, String path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ntfscat", image.toString(), path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
