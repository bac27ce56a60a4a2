package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.platform.Platform.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exit statuses the runner derives from how the bundled JefeOS ends. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VmRunnerTest {

    private static final long RAM = 64L << 20;
    private final StringWriter err = new StringWriter();
    private int cleanups;

    private int runWithInput(GuestConsole console, String input) throws Exception {
        console.machine().board().serialInbox().post(input);
        return new VmRunner(console.machine(), new PrintWriter(err, true), () -> cleanups++).run();
    }

    @Test
    void poweroff_exitsZeroAndCleansUpOnce() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            int status = runWithInput(console, "poweroff\n");

            assertEquals(ExitStatus.POWER_OFF, status);
            assertEquals(1, cleanups);
            assertEquals("", err.toString());
        }
    }

    @Test
    void panic_exitsOneWithOneLineOnStderr() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            int status = runWithInput(console, "panic\n");

            assertEquals(ExitStatus.GUEST_HALTED, status);
            assertEquals("jefevm: guest halted with interrupts disabled", err.toString().strip());
        }
    }

    @Test
    void reboot_bootsAgainAndTypedAheadInputSurvives() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            int status = runWithInput(console, "reboot\npoweroff\n");

            assertEquals(ExitStatus.POWER_OFF, status);
            assertEquals(2, console.transcript().split("type 'help' for commands", -1).length - 1,
                    console.transcript());
        }
    }

    @Test
    void hostStopRequest_exitsZero() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.machine().requestHostStop("test");

            int status = new VmRunner(console.machine(), new PrintWriter(err, true), () -> cleanups++).run();

            assertEquals(ExitStatus.POWER_OFF, status);
            assertTrue(err.toString().isEmpty());
        }
    }

    @Test
    void tripleFault_exitsThreeWithOneLineNamingTheFault() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.machine().board().requestStop(StopReason.TRIPLE_FAULT, "#GP while delivering #DF");

            int status = new VmRunner(console.machine(), new PrintWriter(err, true), () -> cleanups++).run();

            assertEquals(ExitStatus.TRIPLE_FAULT, status);
            assertEquals("jefevm: guest triple fault: #GP while delivering #DF", err.toString().strip());
        }
    }
}
