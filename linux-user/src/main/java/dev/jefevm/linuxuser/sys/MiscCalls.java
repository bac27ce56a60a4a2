package dev.jefevm.linuxuser.sys;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.linuxuser.proc.Process;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * System information and time: uname, clocks (from the host), getrandom, resource limits,
 * sleeping (really sleeps, at most {@link #MAX_SLEEP_MILLIS} per call), arch_prctl for the FS and
 * GS bases, and sysinfo/times/getrusage with plausible values.
 */
final class MiscCalls {

    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    static final int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7;
    static final long RLIM_INFINITY = -1;
    static final long MAX_SLEEP_MILLIS = 10_000;
    private static final long START_NANOS = System.nanoTime();

    private final Kernel kernel;

    MiscCalls(Kernel kernel) {
        this.kernel = kernel;
    }

    long archPrctl(Process p, int code, long addr) {
        CpuState s = kernel.cpu.state;
        switch (code) {
            case ARCH_SET_FS -> s.segBase[CpuState.FS] = addr;
            case ARCH_SET_GS -> s.segBase[CpuState.GS] = addr;
            case ARCH_GET_FS -> p.space.write64(addr, s.segBase[CpuState.FS]);
            case ARCH_GET_GS -> p.space.write64(addr, s.segBase[CpuState.GS]);
            default -> {
                return -Errno.EINVAL;
            }
        }
        return 0;
    }

    long uname(Process p, long buf) {
        String[] fields = {"Linux", "jefevm", "6.1.0-jefevm", "#1 SMP PREEMPT_DYNAMIC", "x86_64", "(none)"};
        byte[] b = new byte[65 * 6];
        for (int i = 0; i < fields.length; i++) {
            byte[] f = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(f, 0, b, 65 * i, f.length);
        }
        p.space.write(buf, b, 0, b.length);
        return 0;
    }

    /** Nanoseconds on {@code clock}: CLOCK_REALTIME (0) and its coarse/TAI forms from the wall clock, the rest monotonic. */
    static long clockNanos(int clock) {
        if (clock == 0 || clock == 5 || clock == 8 || clock == 11) {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
        return System.nanoTime() - START_NANOS + 1_000_000_000L;
    }

    long clockGettime(Process p, int clock, long ts) {
        if (clock < 0 || clock > 11) {
            return -Errno.EINVAL;
        }
        long n = clockNanos(clock);
        writeTimespec(p, ts, n);
        return 0;
    }

    private static void writeTimespec(Process p, long at, long nanos) {
        byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(nanos / 1_000_000_000L)
                .putLong(nanos % 1_000_000_000L).array();
        p.space.write(at, b, 0, 16);
    }

    long clockGetres(Process p, long ts) {
        if (ts != 0) {
            writeTimespec(p, ts, 1);
        }
        return 0;
    }

    long gettimeofday(Process p, long tv) {
        if (tv != 0) {
            long n = clockNanos(0);
            byte[] b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(n / 1_000_000_000L)
                    .putLong(n % 1_000_000_000L / 1000).array();
            p.space.write(tv, b, 0, 16);
        }
        return 0;
    }

    long time(Process p, long ptr) {
        long t = clockNanos(0) / 1_000_000_000L;
        if (ptr != 0) {
            p.space.write64(ptr, t);
        }
        return t;
    }

    long nanosleep(Process p, int clock, int flags, long req, long rem) {
        long sec = p.space.read64(req);
        long nsec = p.space.read64(req + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        long nanos = sec * 1_000_000_000L + nsec;
        if ((flags & 1) != 0) { // TIMER_ABSTIME
            nanos -= clockNanos(clock);
        }
        long millis = Math.min(Math.max(nanos, 0) / 1_000_000L, MAX_SLEEP_MILLIS);
        try {
            Thread.sleep(millis, (int) (Math.max(nanos, 0) % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -Errno.EINTR;
        }
        if (rem != 0 && (flags & 1) == 0) {
            writeTimespec(p, rem, 0);
        }
        return 0;
    }

    long getrandom(Process p, long buf, long len) {
        byte[] b = new byte[(int) Math.min(Math.max(len, 0), 1 << 20)];
        kernel.random.nextBytes(b);
        p.space.write(buf, b, 0, b.length);
        return b.length;
    }

    long prlimit(Process p, int resource, long newLimit, long oldLimit) {
        if (resource < 0 || resource > 15) {
            return -Errno.EINVAL;
        }
        if (oldLimit != 0) {
            long cur = resource == RLIMIT_STACK ? 8L << 20 : resource == RLIMIT_NOFILE ? 1024 : RLIM_INFINITY;
            long max = resource == RLIMIT_NOFILE ? 1024 : RLIM_INFINITY;
            p.space.write64(oldLimit, cur);
            p.space.write64(oldLimit + 8, max);
        }
        return 0;
    }

    long sysinfo(Process p, long buf) {
        ByteBuffer b = ByteBuffer.allocate(112).order(ByteOrder.LITTLE_ENDIAN);
        long ram = kernel.memory.ramSize();
        b.putLong(0, (System.nanoTime() - START_NANOS) / 1_000_000_000L).putLong(32, ram).putLong(40, ram / 2)
                .putShort(80, (short) kernel.processes.size()).putInt(104, 1);
        p.space.write(buf, b.array(), 0, 112);
        return 0;
    }

    long times(Process p, long buf) {
        if (buf != 0) {
            p.space.write(buf, new byte[32], 0, 32);
        }
        return (System.nanoTime() - START_NANOS) / 10_000_000L;
    }

    long getrusage(Process p, long buf) {
        p.space.write(buf, new byte[144], 0, 144);
        return 0;
    }

    long schedGetaffinity(Process p, long len, long mask) {
        if (len < 8) {
            return -Errno.EINVAL;
        }
        p.space.write64(mask, 1);
        return 8;
    }
}
