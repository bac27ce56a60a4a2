package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jefevm.devices.framebuffer.Framebuffer;
import dev.jefevm.launcher.monitor.MachineMonitorTarget;
import dev.jefevm.launcher.monitor.MonitorProtocol;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-system tests of the platform devices: the bundled JefeOS, booted headless and
 * deterministic, answers shell commands that exercise the timers, RTC, PCI and PS/2 keyboard,
 * and the monitor protocol drives the running machine (typed keys, screen dumps).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PlatformDevicesSystemTest {

    private static final long RAM = 128L << 20;
    private static final long BOOT_BUDGET = 3_000_000_000L;
    private static final long COMMAND_BUDGET = 500_000_000L;
    private static final long SLICE = 200_000;
    private static final long SELFTEST_BUDGET = 3_000_000_000L;
    private static final Pattern UPTIME = Pattern.compile("uptime: (\\d+\\.\\d{3}) s");

    private final ObjectMapper mapper = new ObjectMapper();

    private static double uptime(GuestConsole console) {
        String out = console.command("uptime", COMMAND_BUDGET);
        Matcher m = UPTIME.matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shellCommands_reportTimeRtcPciAndSelftest() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            double before = uptime(console);
            console.command("sleep 2", COMMAND_BUDGET);
            double after = uptime(console);
            assertEquals(2.0, after - before, 0.05, before + " -> " + after);

            String lspci = console.command("lspci", COMMAND_BUDGET);
            assertTrue(lspci.contains("00:00.0 8086:1237"), lspci);
            assertTrue(lspci.contains("00:01.0 8086:7000"), lspci);

            String date = console.command("date", COMMAND_BUDGET);
            assertTrue(date.startsWith("2026-01-01 "), date);

            String selftest = console.command("selftest", SELFTEST_BUDGET);
            assertTrue(selftest.contains(" 0 failed"), selftest);
        }
    }

    @Test
    void inputTypedAheadDuringSleep_fillsTheUartYetVirtualTimeStillAdvances() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            console.type("sleep 1");
            console.runUntil("sleep 1\n", COMMAND_BUDGET);

            // longer than the UART's 16-byte FIFO, so input waits behind a full FIFO while the guest sleeps
            String line = "echo typed-ahead-while-sleeping-0123456789";
            console.type(line);
            console.runUntil(GuestConsole.PROMPT, COMMAND_BUDGET);
            console.runUntil(line + "\n", COMMAND_BUDGET);

            assertEquals("typed-ahead-while-sleeping-0123456789\n", console.runUntil("\n", COMMAND_BUDGET));
        }
    }

    @Test
    void monitor_typedLineReachesShell_andScreendumpMatchesFramebuffer() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);
            MonitorProtocol monitor = new MonitorProtocol(new MachineMonitorTarget(console.machine()), "0.1.0", 60_000);

            // longer than the keyboard's 16-byte buffer: every key must still arrive
            JsonNode typed = execute(console, monitor,
                    "{\"execute\":\"type\",\"arguments\":{\"text\":\"echo Keys-From-The-Monitor_0123456789\\n\"}}");
            assertTrue(typed.get("return").isObject(), typed.toString());
            console.runUntil("echo Keys-From-The-Monitor_0123456789\n", COMMAND_BUDGET);
            assertEquals("Keys-From-The-Monitor_0123456789\n", console.runUntil("\n", COMMAND_BUDGET));
            console.runUntil(GuestConsole.PROMPT, COMMAND_BUDGET);

            JsonNode dump = execute(console, monitor, "{\"execute\":\"screendump\"}");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(dump.at("/return/png").asText())));
            Framebuffer fb = console.machine().framebuffer();
            assertEquals(fb.geometry().width(), image.getWidth());
            assertEquals(fb.geometry().height(), image.getHeight());
            int[] row = new int[image.getWidth()];
            int lit = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                fb.copyRow(y, row);
                for (int x = 0; x < image.getWidth(); x++) {
                    assertEquals(row[x] & 0xFFFFFF, image.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
                    if ((row[x] & 0xFFFFFF) != (row[0] & 0xFFFFFF)) {
                        lit++;
                    }
                }
            }
            assertTrue(lit > 0, "the screen shows text");
        }
    }

    /** Sends one monitor request from another thread while this (the vCPU) thread runs the guest. */
    private JsonNode execute(GuestConsole console, MonitorProtocol monitor, String request) throws Exception {
        CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> monitor.handle(request));
        // the request thread parses and posts in wall-clock time, so wait on the clock, not a budget
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!reply.isDone() && System.nanoTime() < giveUp) {
            console.machine().run(SLICE);
        }
        return mapper.readTree(reply.get(1, TimeUnit.SECONDS));
    }
}
