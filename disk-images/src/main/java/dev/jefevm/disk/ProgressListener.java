package dev.jefevm.disk;

/**
 * Told how far a long copy has come, so a command line can draw a progress bar. Called from the
 * copying thread with {@code done} bytes of {@code total}; implementations must be cheap.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
