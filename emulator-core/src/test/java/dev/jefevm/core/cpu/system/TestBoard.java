package dev.jefevm.core.cpu.system;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.platform.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A recording {@link Platform} for CPU tests: port writes are logged, port reads answer from a map. */
final class TestBoard implements Platform {

    final VirtualClock clock = VirtualClock.deterministic();
    final List<String> writes = new ArrayList<>();
    final List<String> reads = new ArrayList<>();
    final Map<Integer, Integer> portValues = new HashMap<>();
    StopReason stopReason;
    String stopDetail;
    int pendingVector = -1;

    @Override
    public int ioRead(int port, int size) {
        reads.add(Integer.toHexString(port) + "/" + size);
        return portValues.getOrDefault(port, -1);
    }

    @Override
    public void ioWrite(int port, int size, int value) {
        writes.add(Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(value));
    }

    @Override
    public boolean interruptPending() {
        return pendingVector >= 0;
    }

    @Override
    public int acknowledgeInterrupt() {
        int v = pendingVector;
        pendingVector = -1;
        return v;
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void requestStop(StopReason reason, String detail) {
        stopReason = reason;
        stopDetail = detail;
    }
}
