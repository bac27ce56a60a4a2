package dev.jefevm.devices.hpet;

/**
 * The saved state of an {@link Hpet}: the general configuration, the main counter as a value
 * at a virtual instant (nanoseconds; while halted the value simply holds), and per comparator its
 * configuration register, comparator, periodic increment and level-triggered status bit.
 */
public record HpetState(
        long configuration, long counterBase, long baseNanos,
        long[] timerConfig, long[] comparator, long[] period, boolean[] status) {

    public HpetState {
        timerConfig = timerConfig.clone();
        comparator = comparator.clone();
        period = period.clone();
        status = status.clone();
    }

    @Override
    public long[] timerConfig() {
        return timerConfig.clone();
    }

    @Override
    public long[] comparator() {
        return comparator.clone();
    }

    @Override
    public long[] period() {
        return period.clone();
    }

    @Override
    public boolean[] status() {
        return status.clone();
    }
}
