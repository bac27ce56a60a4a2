package dev.jefevm.launcher;

import java.lang.management.ManagementFactory;

/**
 * Host time since this JVM process started, in nanoseconds: the start instant comes from the
 * RuntimeMXBean (millisecond precision), the elapsed part from the monotonic clock. It feeds the
 * boot-timing port; no device reads a host clock itself.
 */
final class HostClock {

    private final long nanosAtBase;
    private final long baseNanos = System.nanoTime();

    HostClock() {
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        this.nanosAtBase = Math.max(0, System.currentTimeMillis() - startMillis) * 1_000_000L;
    }

    long nanosSinceProcessStart() {
        return nanosAtBase + (System.nanoTime() - baseNanos);
    }
}
