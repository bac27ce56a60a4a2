package dev.jefevm.launcher.disk;

import dev.jefevm.disk.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-line progress bar for long copies, drawn on stderr with carriage returns
 * ({@code label [#######.......]  48%  12.0/25.0 MiB}), redrawn only when the percentage
 * changes. It draws only when stderr is a terminal and the copy is at least
 * {@link #THRESHOLD} bytes; otherwise it stays silent so scripts and logs see nothing.
 */
public final class ProgressBar implements ProgressListener {

    /** Copies smaller than this finish too fast for a bar to help. */
    public static final long THRESHOLD = 4L << 20;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private int lastPercent = -1;

    private ProgressBar(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** A bar on {@code err} for a copy of {@code total} bytes, drawn only if stderr is a terminal. */
    public static ProgressBar forCopy(PrintWriter err, String label, long total) {
        return new ProgressBar(err, label, total >= THRESHOLD && stderrIsTerminal());
    }

    /** A bar that always draws (for tests and callers that know they own a terminal). */
    static ProgressBar drawing(PrintWriter err, String label) {
        return new ProgressBar(err, label, true);
    }

    @Override
    public void progress(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.printf("\r%s [%s%s] %3d%%  %.1f/%.1f MiB", label, "#".repeat(filled), ".".repeat(WIDTH - filled), percent,
                done / 1048576.0, total / 1048576.0);
        err.flush();
    }

    /** Ends the bar's line, if one was drawn. */
    public void finish() {
        if (lastPercent >= 0) {
            err.println();
            err.flush();
        }
    }

    /** Linux tells through /proc which file fd 2 is; elsewhere fall back to the JDK's console check. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null && System.console().isTerminal();
        }
    }
}
