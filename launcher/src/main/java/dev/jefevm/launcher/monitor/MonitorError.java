package dev.jefevm.launcher.monitor;

/**
 * A request the monitor refuses, carrying the QMP error class ("GenericError",
 * "CommandNotFound", "DeviceNotActive") and a human-readable description for the reply.
 */
public final class MonitorError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorClass;

    /** An error of class {@code errorClass} described by {@code desc}. */
    public MonitorError(String errorClass, String desc) {
        super(desc, null, false, false);
        this.errorClass = errorClass;
    }

    /** A GenericError described by {@code desc}. */
    public static MonitorError generic(String desc) {
        return new MonitorError("GenericError", desc);
    }

    /** The QMP error class. */
    public String errorClass() {
        return errorClass;
    }
}
