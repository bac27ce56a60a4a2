package dev.jefevm.disk.ntfs;

import dev.jefevm.disk.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bit flips in the boot sector, MFT records (headers, attributes, runlists) and INDX blocks of
 * a small volume: mounting, listing and reading either work or fail with NtfsException.
 */
class NtfsFuzzTest {

    private static final long SIZE = NtfsFormatter.MIN_SIZE;
    private static final byte[] IMAGE;
    private static final List<Integer> RECORDS = new ArrayList<>();
    private static final List<Integer> INDEX_BLOCKS = new ArrayList<>();

    static {
        try {
            SparseMemoryDevice dev = new SparseMemoryDevice(SIZE);
            NtfsVolume.format(dev, 0, SIZE, "FUZZ");
            NtfsVolume v = NtfsVolume.mount(dev, 0);
            v.mkdir("/dir");
            for (int i = 0; i < 80; i++) {
                byte[] b = ("file " + i).repeat(i * 20).getBytes(StandardCharsets.UTF_8);
                v.write("/dir/f" + i + ".txt", new ByteArrayInputStream(b), b.length, ProgressListener.NONE);
            }
            IMAGE = new byte[(int) SIZE];
            dev.read(0, IMAGE, 0, IMAGE.length);
            for (int p = 0; p < IMAGE.length; p += 512) {
                if (Le.hasMagic(IMAGE, p, "FILE")) {
                    RECORDS.add(p);
                } else if (Le.hasMagic(IMAGE, p, "INDX")) {
                    INDEX_BLOCKS.add(p);
                }
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Provide
    Arbitrary<Integer> bitPositions() {
        Arbitrary<Integer> boot = Arbitraries.integers().between(0, 511 * 8);
        Arbitrary<Integer> record = Combinators.combine(Arbitraries.of(RECORDS), Arbitraries.integers().between(0, 1023 * 8))
                .as((start, bit) -> start * 8 + bit);
        Arbitrary<Integer> attributes = Combinators.combine(Arbitraries.of(RECORDS), Arbitraries.integers().between(0x38 * 8, 0x1F0 * 8))
                .as((start, bit) -> start * 8 + bit);
        Arbitrary<Integer> index = Combinators.combine(Arbitraries.of(INDEX_BLOCKS), Arbitraries.integers().between(0, 4095 * 8))
                .as((start, bit) -> start * 8 + bit);
        return Arbitraries.oneOf(boot, record, attributes, index);
    }

    @Property(tries = 150, seed = "20261126")
    void bitFlip_mountListRead_workOrThrowNtfsException(@ForAll("bitPositions") int bit,
            @ForAll("bitPositions") int secondBit) throws IOException {
        SparseMemoryDevice dev = new SparseMemoryDevice(SIZE);
        byte[] image = IMAGE.clone();
        image[bit >>> 3] ^= (byte) (1 << (bit & 7));
        image[secondBit >>> 3] ^= (byte) (1 << (secondBit & 7));
        dev.write(0, image, 0, image.length);
        try {
            NtfsVolume v = NtfsVolume.mount(dev, 0);
            for (NtfsEntry e : v.list("/dir")) {
                v.read("/dir/" + e.name(), OutputStream.nullOutputStream(), ProgressListener.NONE);
            }
            v.list("/");
            v.check();
        } catch (NtfsException expected) {
            // a one-line refusal is the right answer to corruption
        }
    }
}
