package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data area is splitmix64 from the seed (as oracle.c builds it) with the patches applied in order. */
class DataImageTest {

    @Test
    void build_seedZero_startsWithTheFirstSplitmix64Outputs() {
        ByteBuffer b = ByteBuffer.wrap(DataImage.build(0, List.of())).order(ByteOrder.LITTLE_ENDIAN);

        // splitmix64 from state 0: its published first two outputs
        assertEquals(0xE220A8397B1DCDAFL, b.getLong(0));
        assertEquals(0x6E789E6AA1B965F4L, b.getLong(8));
        assertEquals(GuestLayout.DATA_SIZE, b.capacity());
    }

    @Test
    void build_sameSeed_isDeterministicAndOtherSeedsDiffer() {
        assertArrayEquals(DataImage.build(42, List.of()), DataImage.build(42, List.of()));
        assertFalse(Arrays.equals(DataImage.build(42, List.of()), DataImage.build(43, List.of())));
    }

    @Test
    void build_patches_overwriteInOrderAndNothingElse() {
        byte[] plain = DataImage.build(7, List.of());
        byte[] patched = DataImage.build(7, List.of(new CpuCase.Patch(0x100, new byte[] {1, 2, 3}),
                new CpuCase.Patch(0x101, new byte[] {9})));

        assertArrayEquals(new byte[] {1, 9, 3}, Arrays.copyOfRange(patched, 0x100, 0x103));
        patched[0x100] = plain[0x100];
        patched[0x101] = plain[0x101];
        patched[0x102] = plain[0x102];
        assertArrayEquals(plain, patched);
    }
}
