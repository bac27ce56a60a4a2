package dev.jefevm.disk.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random writes and reads on a qcow2 image behave exactly like the same operations on a byte array. */
class Qcow2ModelProperties {

    private static final int DISK = 4 << 20;

    /** One write: where, how long, which bytes (a seed). */
    record Write(int offset, int length, long seed) {
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        return Combinators.combine(Arbitraries.integers().between(0, DISK - 1),
                Arbitraries.integers().between(1, 200_000), Arbitraries.longs())
                .as((offset, length, seed) -> new Write(offset, Math.min(length, DISK - offset), seed))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 40, seed = "20261126")
    void randomWrites_readBackLikeAByteArray_andKeepTheImageConsistent(
            @ForAll("writes") List<Write> writes, @ForAll("clusterBits") int clusterBits) throws Exception {
        Path dir = Files.createTempDirectory("qcow2-model");
        try {
            Path file = dir.resolve("model.qcow2");
            Qcow2Creator.create(file, DISK, clusterBits);
            byte[] model = new byte[DISK];
            try (Qcow2Image image = Qcow2Image.open(file, false)) {
                for (Write w : writes) {
                    byte[] data = new byte[w.length()];
                    new Random(w.seed()).nextBytes(data);
                    image.write(w.offset(), data, 0, data.length);
                    System.arraycopy(data, 0, model, w.offset(), data.length);
                    byte[] back = new byte[w.length()];
                    image.read(w.offset(), back, 0, back.length);
                    assertArrayEquals(data, back);
                }
            }
            byte[] all = new byte[DISK];
            try (Qcow2Image image = Qcow2Image.open(file, true)) {
                image.read(0, all, 0, all.length);
            }
            assertArrayEquals(model, all);
            assertEquals(List.of(), Qcow2Check.check(file));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> clusterBits() {
        return Arbitraries.of(9, 12, 16);
    }
}
