package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-system test of RAM beyond the PCI hole: JefeOS boots deterministically on a 6 GiB
 * machine (3 GiB below the hole, 3 GiB above 4 GiB) and its {@code mem} command counts all of it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LargeMemoryBootTest {

    private static final long RAM = 6L << 30;
    private static final long BOOT_BUDGET = 3_000_000_000L;
    private static final long COMMAND_BUDGET = 500_000_000L;

    @Test
    void sixGiBMachine_bootsAndReportsAllItsRam() throws Exception {
        try (GuestConsole console = new GuestConsole(RAM)) {
            console.runUntil(GuestConsole.PROMPT, BOOT_BUDGET);

            String mem = console.command("mem", COMMAND_BUDGET);
            Matcher m = Pattern.compile("memory: (\\d+) MiB total, (\\d+) MiB usable, (\\d+) MiB free").matcher(mem);
            assertTrue(m.find(), mem);
            long total = Long.parseLong(m.group(1));
            long usable = Long.parseLong(m.group(2));
            // The firmware keeps the first page and [0x80000, 0xE0000): under 1 MiB.
            assertTrue(total >= 6143 && total <= 6144, mem);
            assertTrue(usable > 6100, mem);

            console.type("poweroff");
            console.runUntil("powering off...", COMMAND_BUDGET);
            assertEquals(MachineEvent.POWER_OFF, console.runUntilStopped(COMMAND_BUDGET));
        }
    }
}
