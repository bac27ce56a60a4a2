package dev.jefevm.disk.ntfs;

import java.time.Instant;

/** NT time: 100-nanosecond intervals since 1601-01-01 UTC, the unit of every NTFS timestamp. */
final class NtTime {

    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    private NtTime() {
    }

    static long of(Instant t) {
        return (t.getEpochSecond() + EPOCH_DIFF_SECONDS) * 10_000_000L + t.getNano() / 100;
    }

    static Instant toInstant(long nt) {
        long seconds = Math.floorDiv(nt, 10_000_000L) - EPOCH_DIFF_SECONDS;
        long hundreds = Math.floorMod(nt, 10_000_000L);
        return Instant.ofEpochSecond(seconds, hundreds * 100);
    }
}
