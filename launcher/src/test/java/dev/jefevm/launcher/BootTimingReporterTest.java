package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.devices.boottimer.BootMilestone;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BootTimingReporterTest {

    private final StringWriter err = new StringWriter();
    private final BootTimingReporter reporter = new BootTimingReporter(new PrintWriter(err, true));

    @Test
    void milestone_printsNameAndWholeMillisecondsAtOnce() {
        reporter.milestoneReached(new BootMilestone(1, "kernel-entry", 412_345_678L));

        assertEquals("boot-timing: kernel-entry 412 ms", err.toString().strip());
    }

    @Test
    void summary_listsEveryMilestoneInOrder() {
        reporter.milestoneReached(new BootMilestone(1, "kernel-entry", 100_000_000L));
        reporter.milestoneReached(new BootMilestone(3, "shell-ready", 250_000_000L));

        reporter.printSummary();

        String last = err.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("boot-timing: summary: kernel-entry 100 ms, shell-ready 250 ms", last);
    }

    @Test
    void summary_withoutMilestones_saysSo() {
        reporter.printSummary();

        assertEquals("boot-timing: summary: no milestones reported", err.toString().strip());
    }
}
