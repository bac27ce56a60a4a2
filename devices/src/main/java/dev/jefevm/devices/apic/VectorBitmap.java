package dev.jefevm.devices.apic;

/**
 * One of the local APIC's 256-bit vector registers (IRR, ISR or TMR; SDM Vol.3 11.8.4): a bit
 * per interrupt vector, read by software as eight 32-bit registers, lowest vectors first.
 */
final class VectorBitmap {

    private final long[] words = new long[4];

    void set(int vector) {
        words[vector >>> 6] |= 1L << vector;
    }

    void clear(int vector) {
        words[vector >>> 6] &= ~(1L << vector);
    }

    boolean test(int vector) {
        return (words[vector >>> 6] & (1L << vector)) != 0;
    }

    /** The highest set vector, or -1 when no bit is set. */
    int highest() {
        for (int w = 3; w >= 0; w--) {
            if (words[w] != 0) {
                return (w << 6) + 63 - Long.numberOfLeadingZeros(words[w]);
            }
        }
        return -1;
    }

    /** The 32-bit register {@code index} (0-7) as software reads it: vectors 32*index..32*index+31. */
    int word32(int index) {
        return (int) (words[index >>> 1] >>> ((index & 1) << 5));
    }

    long[] words() {
        return words.clone();
    }

    void restore(long[] saved) {
        System.arraycopy(saved, 0, words, 0, words.length);
    }

    void clearAll() {
        java.util.Arrays.fill(words, 0);
    }
}
