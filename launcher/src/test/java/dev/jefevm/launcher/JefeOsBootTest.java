package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-system tests: boot the bundled JefeOS headless in deterministic mode and drive its
 * serial shell, on the default back end (the JIT); one session also runs on the interpreter and
 * must print the very same transcript. Budgets are in guest instructions; the JUnit timeout only guards against a
 * VM that stops making progress altogether.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JefeOsBootTest {

    private static final long RAM = 128L << 20;
    private static final long BOOT_BUDGET = 3_000_000_000L;
    private static final long COMMAND_BUDGET = 500_000_000L;

    @Test
    void shellSession_answersCommandsThenPowersOff() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            String boot = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertTrue(boot.contains("JefeOS 0.1.0"), boot);
            assertTrue(boot.contains("type 'help' for commands"), boot);

            assertEquals("hi\n", console.command("echo hi", COMMAND_BUDGET));

            String version = console.command("version", COMMAND_BUDGET);
            assertTrue(version.startsWith("JefeOS 0.1.0"), version);

            String mem = console.command("mem", COMMAND_BUDGET);
            assertTrue(Pattern.compile("memory: \\d+ MiB total, \\d+ MiB usable, \\d+ MiB free").matcher(mem).find(), mem);

            String cpuinfo = console.command("cpuinfo", COMMAND_BUDGET);
            assertTrue(cpuinfo.contains("hypervisor: JefeVMJefeVM"), cpuinfo);
            assertTrue(cpuinfo.contains("TSC 1000000 kHz"), cpuinfo);

            String uptime = console.command("uptime", COMMAND_BUDGET);
            assertTrue(Pattern.compile("^uptime: \\d+\\.\\d{3} s\n$").matcher(uptime).matches(), uptime);

            console.type("poweroff");
            console.runUntil("powering off...", COMMAND_BUDGET);
            assertEquals(MachineEvent.POWER_OFF, console.runUntilStopped(COMMAND_BUDGET));
        }
    }

    @Test
    void shellSession_onTheInterpreter_printsTheJitsTranscript() throws Exception {
        String interpreted;
        try (GuestConsole console = GuestConsole.onBackEnd(RAM, null)) {
            interpreted = scriptedSession(console);
        }
        String compiled;
        JitStats stats;
        try (GuestConsole console = GuestConsole.onBackEnd(RAM, JitOptions.defaults())) {
            compiled = scriptedSession(console);
            stats = console.machine().cpu().jitStats();
        }

        assertTrue(interpreted.contains("powering off..."), interpreted);
        assertEquals(interpreted, compiled);
        assertTrue(stats != null && stats.unitsCompiled() > 0, "the JIT compiled nothing");
    }

    /** Boot, a few commands (uptime too: deterministic time must agree), power off; the whole transcript. */
    private static String scriptedSession(GuestConsole console) {
        console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
        for (String command : new String[] {"echo hi", "version", "mem", "cpuinfo", "uptime"}) {
            console.command(command, COMMAND_BUDGET);
        }
        console.type("poweroff");
        console.runUntil("powering off...", COMMAND_BUDGET);
        assertEquals(MachineEvent.POWER_OFF, console.runUntilStopped(COMMAND_BUDGET));
        return console.transcript();
    }

    @Test
    void panicCommand_printsRegisterDumpAndHaltsWithInterruptsDisabled() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            console.type("panic");
            String dump = console.runUntil("System halted.", COMMAND_BUDGET);

            assertTrue(dump.contains("KERNEL PANIC: #PF page fault (vector 14"), dump);
            assertTrue(Pattern.compile("RIP=[0-9a-f]{16} RSP=[0-9a-f]{16} RFLAGS=[0-9a-f]{16}").matcher(dump).find(), dump);
            assertTrue(dump.contains("CR2=00000000deadbeef"), dump);
            assertTrue(dump.contains("CR3="), dump);
            assertEquals(MachineEvent.HALTED_INTERRUPTS_DISABLED, console.runUntilStopped(COMMAND_BUDGET));
            // The red panic screen: the framebuffer is cleared to dark red behind the dump.
            var fb = console.machine().board().framebuffer();
            int corner = fb.pixel(fb.geometry().width() - 1, fb.geometry().height() - 1) & 0xFFFFFF;
            assertEquals(0xAA0000, corner, Integer.toHexString(corner));
        }
    }

    @Test
    void rebootCommand_bootsAgainAndKeepsWorking() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            console.type("reboot");
            assertEquals(MachineEvent.RESET, console.runUntilStopped(COMMAND_BUDGET));
            console.reboot();
            String second = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            assertTrue(second.contains("JefeOS 0.1.0"), second);
            assertEquals("again\n", console.command("echo again", COMMAND_BUDGET));
        }
    }
}
