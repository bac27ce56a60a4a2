package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jefevm.launcher.monitor.MachineMonitorTarget;
import dev.jefevm.launcher.monitor.MonitorProtocol;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-system test of JefeOS's legacy interrupt path: booted deterministic with {@code noapic}
 * on the kernel command line, the scheduler tick runs from PIT channel 0 through the 8259 PIC
 * (IRQ 0, vector 0x20), and sleep, irqstat, keyboard input from the monitor, the ACPI power
 * button's SCI (IRQ 9, on the slave 8259) and the in-guest selftest (APIC checks skipped with
 * the reason) all work on it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LegacyInterruptsSystemTest {

    private static final long RAM = 128L << 20;
    private static final long BOOT_BUDGET = 3_000_000_000L;
    private static final long COMMAND_BUDGET = 500_000_000L;
    private static final long SELFTEST_BUDGET = 3_000_000_000L;
    private static final long SLICE = 200_000;
    private static final Pattern UPTIME = Pattern.compile("uptime: (\\d+\\.\\d{3}) s");
    private static final Pattern PIT_LINE = Pattern.compile("0x20 +pit +(\\d+)");

    private final ObjectMapper mapper = new ObjectMapper();

    private static double uptime(GuestConsole console) {
        String out = console.command("uptime", COMMAND_BUDGET);
        Matcher m = UPTIME.matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static long pitCount(String irqstat) {
        Matcher m = PIT_LINE.matcher(irqstat);
        assertTrue(m.find(), irqstat);
        return Long.parseLong(m.group(1));
    }

    private static GuestConsole noApicConsole() throws Exception {
        return new GuestConsole(RAM, "noapic", List.of(), true);
    }

    @Test
    void noapic_tickRunsFromThePitThroughThe8259_andSleepKeepsTime() throws Exception {
        try (GuestConsole console = noApicConsole()) {
            String boot = console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            assertTrue(boot.contains("timer: pit at 100 Hz (noapic on the command line)"), boot);

            double before = uptime(console);
            console.command("sleep 2", COMMAND_BUDGET);
            double after = uptime(console);
            assertEquals(2.0, after - before, 0.05, before + " -> " + after);

            String first = console.command("irqstat", COMMAND_BUDGET);
            console.command("sleep 1", COMMAND_BUDGET);
            String second = console.command("irqstat", COMMAND_BUDGET);
            assertTrue(first.startsWith("timer: pit, 100 Hz\n"), first);
            assertFalse(first.contains("lapic-timer"), first);
            long ticks = pitCount(second) - pitCount(first);
            assertTrue(ticks >= 100 && ticks <= 110, "IRQ 0 interrupts in about 1 s: " + ticks + "\n" + second);
        }
    }

    @Test
    void noapic_selftestPasses_withTheApicChecksSkipped() throws Exception {
        try (GuestConsole console = noApicConsole()) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            String selftest = console.command("selftest", SELFTEST_BUDGET);

            assertTrue(selftest.contains(" 0 failed, 3 skipped"), selftest);
            assertTrue(selftest.contains("selftest: apic: local APIC timer drives the tick ... SKIP "
                    + "(noapic on the command line)"), selftest);
            assertTrue(selftest.contains("selftest: pic: PIT tick arrives through the 8259 ... PASS"), selftest);
            assertFalse(selftest.contains("FAIL"), selftest);
        }
    }

    @Test
    void noapic_keysTypedThroughTheMonitorReachTheShell() throws Exception {
        try (GuestConsole console = noApicConsole()) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            MonitorProtocol monitor = new MonitorProtocol(new MachineMonitorTarget(console.machine()), "0.1.0", 60_000);

            JsonNode typed = execute(console, monitor,
                    "{\"execute\":\"type\",\"arguments\":{\"text\":\"echo keyboard-on-the-8259\\n\"}}");

            assertTrue(typed.get("return").isObject(), typed.toString());
            console.runUntil("echo keyboard-on-the-8259\n", COMMAND_BUDGET);
            assertEquals("keyboard-on-the-8259\n", console.runUntil("\n", COMMAND_BUDGET));
        }
    }

    @Test
    void noapic_powerButton_sciThroughTheSlave8259_powersOff() throws Exception {
        try (GuestConsole console = noApicConsole()) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            console.machine().pressPowerButton();

            console.runUntil("power button: powering off", COMMAND_BUDGET);
            assertEquals(MachineEvent.POWER_OFF, console.runUntilStopped(COMMAND_BUDGET));
        }
    }

    /** Sends one monitor request from another thread while this (the vCPU) thread runs the guest. */
    private JsonNode execute(GuestConsole console, MonitorProtocol monitor, String request) throws Exception {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> monitor.handle(request));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reply.isDone() && System.nanoTime() < giveUp) {
            console.machine().run(SLICE);
        }
        return mapper.readTree(reply.get(1, TimeUnit.SECONDS));
    }
}
