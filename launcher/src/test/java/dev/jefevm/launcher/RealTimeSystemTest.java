package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bundled JefeOS on a machine whose clock follows the host, run by the same loop as
 * {@code jefevm run}: guest time is wall time. {@code sleep 5} takes 5 s of wall time (the
 * issue allows 0.2 s either way; the guest's 10 ms tick adds up to one tick), and {@code date}
 * shows the host's UTC date and time.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RealTimeSystemTest {

    private static final long RAM = 64L << 20;
    private static final long WAIT_MILLIS = 60_000;
    private static final DateTimeFormatter GUEST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void sleepFive_takesFiveSecondsOfWallTime_andDateIsTheHostsTime() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM, List.of(), false)) {
            StringWriter err = new StringWriter();
            VmRunner runner = new VmRunner(console.machine(), new PrintWriter(err, true), () -> { });
            Thread vcpu = Thread.ofPlatform().name("vcpu").start(() -> {
                try {
                    runner.run();
                } catch (Exception e) {
                    err.write(e.toString());
                }
            });
            try {
                int mark = awaitText(console, GuestConsole.PROMPT, 0);

                console.type("sleep 5");
                mark = awaitText(console, "sleep 5\n", mark);
                long started = System.nanoTime();
                mark = awaitText(console, GuestConsole.PROMPT, mark);
                double seconds = (System.nanoTime() - started) / 1e9;
                assertEquals(5.0, seconds, 0.2, "wall time of the guest's sleep 5");

                LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
                console.type("date");
                mark = awaitText(console, "date\n", mark);
                int end = awaitText(console, GuestConsole.PROMPT, mark);
                LocalDateTime after = LocalDateTime.now(ZoneOffset.UTC);
                String out = console.transcript().substring(mark, end - GuestConsole.PROMPT.length()).strip();
                LocalDateTime guest = LocalDateTime.parse(out, GUEST_DATE);
                assertTrue(!guest.isBefore(before.minusSeconds(1)) && !guest.isAfter(after.plusSeconds(1)),
                        "guest date " + guest + " outside host time [" + before + ", " + after + "]");
            } finally {
                console.machine().requestHostStop("test ends");
                vcpu.join(10_000);
            }
            assertEquals("", err.toString());
        }
    }

    /** Waits (wall time) until {@code text} appears in the transcript at or after {@code from}; returns the index past it. */
    private static int awaitText(GuestConsole console, String text, int from) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            int at = console.transcript().indexOf(text, from);
            if (at >= 0) {
                return at + text.length();
            }
            Thread.sleep(1);
        }
        fail("'" + text + "' did not appear within " + WAIT_MILLIS + " ms; transcript:\n" + console.transcript());
        return -1;
    }
}
