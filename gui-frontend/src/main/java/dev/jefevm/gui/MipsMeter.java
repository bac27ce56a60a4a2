package dev.jefevm.gui;

/**
 * Guest speed from two readings of the retired-instruction count: million instructions per second
 * of host time between the last two samples the window takes (about one a second).
 */
final class MipsMeter {

    private boolean started;
    private long lastInstructions;
    private long lastNanos;
    private double mips = -1;

    /** Records a reading; returns the MIPS since the previous one (negative for the first reading). */
    double sample(long instructions, long hostNanos) {
        if (started && hostNanos > lastNanos) {
            mips = (instructions - lastInstructions) * 1000.0 / (hostNanos - lastNanos);
        }
        started = true;
        lastInstructions = instructions;
        lastNanos = hostNanos;
        return mips;
    }

    /** The last value {@link #sample} computed (negative before two readings). */
    double mips() {
        return mips;
    }
}
