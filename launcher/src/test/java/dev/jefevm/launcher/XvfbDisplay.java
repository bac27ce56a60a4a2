package dev.jefevm.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private X server for window tests: Xvfb with one 1280x1024x24 screen on a display number it
 * picks itself (-displayfd reports it, so parallel runs never collide), killed on close.
 */
final class XvfbDisplay implements AutoCloseable {

    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Whether {@code tool} is an executable on the PATH. */
    static boolean installed(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static XvfbDisplay start() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        // Xvfb writes the display number once it accepts connections
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not report a display number (got " + number + ")");
        }
        return new XvfbDisplay(p, ":" + number.strip());
    }

    /** The DISPLAY value, e.g. ":12". */
    String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
