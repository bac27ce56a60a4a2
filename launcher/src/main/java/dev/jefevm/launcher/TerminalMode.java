package dev.jefevm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the controlling terminal in raw mode while a VM owns it, as QEMU does for
 * {@code -serial stdio}: no line editing, no echo, no signal keys (Ctrl-C goes to the guest),
 * but output post-processing stays on so the host still turns newlines into CR LF. The previous
 * settings, saved with {@code stty -g}, are put back by {@link #restore()}. Works through
 * {@code /bin/sh} and {@code stty}; if either is missing the terminal is simply left alone.
 */
final class TerminalMode {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalMode.class);

    private String saved;

    /** True when both standard input and output are a terminal. */
    static boolean stdioIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** Switches to raw mode; returns false (and changes nothing) if that is not possible. */
    boolean enterRaw() {
        String settings = stty("-g");
        if (settings == null || settings.isBlank()) {
            return false;
        }
        if (stty("raw -echo opost") == null) {
            return false;
        }
        saved = settings.trim();
        return true;
    }

    /** Restores the settings saved by {@link #enterRaw()} (idempotent). */
    synchronized void restore() {
        if (saved != null) {
            stty(saved);
            saved = null;
        }
    }

    private static String stty(String args) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "stty " + args + " < /dev/tty");
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                LOG.debug("stty {} failed: {}", args, out.trim());
                return null;
            }
            return out;
        } catch (IOException e) {
            LOG.debug("stty {} failed: {}", args, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
