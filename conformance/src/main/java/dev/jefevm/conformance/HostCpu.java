package dev.jefevm.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host CPU's model name from {@code /proc/cpuinfo}, for the report. */
final class HostCpu {

    private HostCpu() {
    }

    static String modelName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
            return "unknown (no model name in /proc/cpuinfo)";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
