package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AccelOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        AccelOptions accel;
    }

    private static AccelOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.accel;
    }

    @Test
    void jitOptions_byDefault_areTheJitDefaults() throws Exception {
        JitOptions options = parse().jitOptions();

        assertEquals(JitOptions.defaults(), options);
    }

    @Test
    void jitOptions_withThreshold_keepsTheOtherDefaults() throws Exception {
        JitOptions options = parse("--jit-threshold", "7").jitOptions();

        assertEquals(JitOptions.defaults().withThreshold(7), options);
    }

    @Test
    void jitOptions_onTheInterpreter_areNull() throws Exception {
        assertNull(parse("--accel", "interp").jitOptions());
    }

    @Test
    void jitOptions_forKvm_isAUsageErrorListingTheBackEnds() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--accel", "kvm").jitOptions());

        assertEquals("unknown accelerator 'kvm' (available: jit, interp)", e.getMessage());
    }

    @Test
    void jitOptions_thresholdZero_isAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--jit-threshold", "0").jitOptions());

        assertEquals("--jit-threshold must be at least 1, not 0", e.getMessage());
    }

    @Test
    void report_withJitStats_printsTheFormattedCounters() {
        StringWriter err = new StringWriter();
        JitStats stats = new JitStats(3, 1200, 40, 10, 5, 8, 2, 4_000_000, 1, 0, 2);

        parse("--jit-stats").report(new PrintWriter(err), stats);

        assertAll(() -> assertEquals(stats.format().strip(), err.toString().strip()),
                () -> assertTrue(err.toString().startsWith("jit: 3 units compiled"), err.toString()));
    }

    @Test
    void report_withoutJitStats_printsNothing() {
        StringWriter err = new StringWriter();

        parse().report(new PrintWriter(err), new JitStats(3, 1200, 40, 10, 5, 8, 2, 4_000_000, 1, 0, 2));

        assertEquals("", err.toString());
    }
}
