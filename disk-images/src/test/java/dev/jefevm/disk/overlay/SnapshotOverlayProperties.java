package dev.jefevm.disk.overlay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jefevm.disk.BlockDevice;
import dev.jefevm.disk.DiskImages;
import dev.jefevm.disk.DiskOpenMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random writes through a snapshot overlay read back like a byte array, and the base file never changes. */
class SnapshotOverlayProperties {

    private static final int DISK = 1 << 20;

    record Write(int offset, int length, long seed) {
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        return Combinators.combine(Arbitraries.integers().between(0, DISK - 1), Arbitraries.integers().between(1, 150_000),
                Arbitraries.longs()).as((offset, length, seed) -> new Write(offset, Math.min(length, DISK - offset), seed))
                .list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 30, seed = "20261126")
    void randomWrites_readBackLikeAByteArray_andLeaveTheBaseAlone(@ForAll("writes") List<Write> writes) throws Exception {
        Path base = Files.createTempFile("overlay-base", ".img");
        try {
            byte[] model = new byte[DISK];
            new Random(42).nextBytes(model);
            Files.write(base, model);
            byte[] original = model.clone();
            byte[] all = new byte[DISK];
            try (BlockDevice disk = DiskImages.open(base, DiskOpenMode.SNAPSHOT)) {
                for (Write w : writes) {
                    byte[] data = new byte[w.length()];
                    new Random(w.seed()).nextBytes(data);
                    disk.write(w.offset(), data, 0, data.length);
                    System.arraycopy(data, 0, model, w.offset(), data.length);
                }
                disk.read(0, all, 0, all.length);
            }
            assertArrayEquals(model, all);
            assertArrayEquals(original, Files.readAllBytes(base));
        } finally {
            Files.delete(base);
        }
    }
}
