package dev.jefevm.devices.boottimer;

/**
 * One boot milestone the guest reported: its code, its name and the host time at which it
 * arrived, in nanoseconds since the host process started.
 */
public record BootMilestone(int code, String name, long nanosSinceProcessStart) {

    /** The milestone codes of the board's boot-timing port. */
    public static String nameOf(int code) {
        return switch (code) {
            case 1 -> "kernel-entry";
            case 2 -> "drivers-up";
            case 3 -> "shell-ready";
            default -> "milestone-" + code;
        };
    }

    public double millisSinceProcessStart() {
        return nanosSinceProcessStart / 1_000_000.0;
    }
}
