package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.loader.limine.BootModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A --module file reaches the guest intact: JefeOS's `modules` command checksums what it got. */
class BootModuleTest {

    private static final long BUDGET = 200_000_000;

    @Test
    void modulesCommand_listsTheModuleWithTheHostsChecksum() throws Exception {
        byte[] data = "JefeVM module payload: 0123456789abcdef\n".repeat(300).getBytes(StandardCharsets.US_ASCII);
        try (GuestConsole console = new GuestConsole(64L << 20, List.of(new BootModule("/initrd", "initrd quiet", data)))) {
            console.runUntil(GuestConsole.PROMPT, BUDGET);

            String output = console.command("modules", BUDGET);

            String expected = String.format("/initrd  %d bytes  fnv1a %08x  cmdline 'initrd quiet'", data.length, fnv1a(data));
            assertTrue(output.contains(expected), output);
        }
    }

    @Test
    void modulesCommand_withoutModules_saysSo() throws Exception {
        try (GuestConsole console = new GuestConsole(64L << 20)) {
            console.runUntil(GuestConsole.PROMPT, BUDGET);

            String output = console.command("modules", BUDGET);

            assertTrue(output.contains("no modules"), output);
        }
    }

    private static int fnv1a(byte[] data) {
        int hash = 0x811C9DC5;
        for (byte b : data) {
            hash = (hash ^ (b & 0xFF)) * 16777619;
        }
        return hash;
    }
}
