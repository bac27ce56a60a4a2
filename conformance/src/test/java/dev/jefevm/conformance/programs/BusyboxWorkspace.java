package dev.jefevm.conformance.programs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fills a fresh directory with the input files the busybox scripts read: three text files
 * from the test resources and {@code data.bin}, 20000 pseudo-random bytes generated here
 * (a fixed linear congruential sequence, so every workspace holds the same bytes).
 */
final class BusyboxWorkspace {

    private static final List<String> TEXT_FILES = List.of("words.txt", "table.csv", "numbers.txt");
    private static final int DATA_BYTES = 20000;

    private BusyboxWorkspace() {
    }

    /** Creates the input files in {@code directory}, which must exist. */
    static void populate(Path directory) throws IOException {
        for (String name : TEXT_FILES) {
            try (InputStream in = BusyboxWorkspace.class.getResourceAsStream("/programs/busybox/" + name)) {
                if (in == null) {
                    throw new IOException("missing test resource " + name);
                }
                Files.write(directory.resolve(name), in.readAllBytes());
            }
        }
        Files.write(directory.resolve("data.bin"), generatedData());
    }

    private static byte[] generatedData() {
        byte[] data = new byte[DATA_BYTES];
        int seed = 1;
        for (int i = 0; i < data.length; i++) {
            seed = seed * 1103515245 + 12345;
            data[i] = (byte) (seed >>> 16);
        }
        return data;
    }
}
