package dev.jefevm.conformance.differential;

import java.util.Random;

/** Operand values that find bugs: zero, one, all ones, the signed extremes and their neighbours, random bits. */
final class Values {

    private Values() {
    }

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** An edge or random value of {@code size} bytes, zero-extended; sometimes with random upper bits above it. */
    static long edge(Random r, int size) {
        long sign = 1L << (8 * size - 1);
        long v = switch (r.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> sign;
            case 4 -> sign - 1;
            case 5 -> sign + 1;
            case 6 -> r.nextInt(64);
            case 7 -> -r.nextInt(64);
            case 8 -> 1L << r.nextInt(8 * size);
            default -> r.nextLong();
        };
        v &= mask(size);
        if (size < 8 && r.nextBoolean()) {
            v |= r.nextLong() & ~mask(size); // upper bits a narrow operation must keep or clear
        }
        return v;
    }

    static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    static int pick(Random r, int... options) {
        return options[r.nextInt(options.length)];
    }
}
