package dev.jefevm.conformance.programs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code programs/busybox/scripts.tsv}: a name, the workspace file fed to standard
 * input ({@code -} for none) and the arguments after {@code busybox} (an applet with its
 * arguments, or {@code sh -c <script>}), one per tab-separated field.
 *
 * @param name      the row's display name
 * @param stdinFile the workspace file read as standard input, or {@code null}
 * @param arguments the arguments after argv[0] ({@code /bin/busybox})
 */
public record BusyboxScript(String name, String stdinFile, List<String> arguments) {

    private static final String TABLE = "/programs/busybox/scripts.tsv";

    public BusyboxScript {
        arguments = List.copyOf(arguments);
    }

    /** Reads the whole table; lines starting with {@code #} are comments. */
    static List<BusyboxScript> table() throws IOException {
        List<BusyboxScript> scripts = new ArrayList<>();
        try (InputStream in = BusyboxScript.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IOException("missing test resource " + TABLE);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length < 3) {
                    throw new IOException("scripts.tsv row needs name, stdin and an applet: " + line);
                }
                String stdin = fields[1].equals("-") ? null : fields[1];
                scripts.add(new BusyboxScript(fields[0], stdin, Arrays.asList(fields).subList(2, fields.length)));
            }
        }
        return scripts;
    }

    @Override
    public String toString() {
        return name;
    }
}
