package dev.jefevm.launcher;

import dev.jefevm.devices.boottimer.BootMilestone;
import dev.jefevm.devices.boottimer.BootTimingListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@code --boot-timing} output on stderr: one line per milestone as it arrives
 * ({@code boot-timing: kernel-entry 412 ms}, host milliseconds since the process started) and a
 * summary line when the VM ends.
 */
final class BootTimingReporter implements BootTimingListener {

    private final PrintWriter err;
    private final List<BootMilestone> seen = new ArrayList<>();

    BootTimingReporter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void milestoneReached(BootMilestone m) {
        seen.add(m);
        err.printf(Locale.ROOT, "boot-timing: %s %d ms%n", m.name(), millis(m));
        err.flush();
    }

    private static long millis(BootMilestone m) {
        return Math.round(m.millisSinceProcessStart());
    }

    void printSummary() {
        StringBuilder line = new StringBuilder("boot-timing: summary:");
        if (seen.isEmpty()) {
            line.append(" no milestones reported");
        }
        for (int i = 0; i < seen.size(); i++) {
            BootMilestone m = seen.get(i);
            line.append(i == 0 ? " " : ", ").append(m.name())
                    .append(' ').append(millis(m)).append(" ms");
        }
        err.println(line);
        err.flush();
    }
}
