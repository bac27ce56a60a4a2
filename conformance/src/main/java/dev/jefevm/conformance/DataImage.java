package dev.jefevm.conformance;

import java.util.List;

/**
 * The initial contents of a case's data area: splitmix64 output from a seed, then the case's
 * patches on top. The native oracle builds the same bytes from the same seed, so a request
 * carries 8 bytes instead of 64 KiB.
 */
public final class DataImage {

    private DataImage() {
    }

    /** Returns the data area bytes for {@code seed} with {@code patches} applied in order. */
    public static byte[] build(long seed, List<CpuCase.Patch> patches) {
        byte[] data = new byte[GuestLayout.DATA_SIZE];
        long state = seed;
        for (int i = 0; i < data.length; i += 8) {
            state += 0x9E37_79B9_7F4A_7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            z ^= z >>> 31;
            for (int b = 0; b < 8; b++) {
                data[i + b] = (byte) (z >>> (8 * b));
            }
        }
        for (CpuCase.Patch p : patches) {
            System.arraycopy(p.bytes(), 0, data, p.offset(), p.bytes().length);
        }
        return data;
    }
}
