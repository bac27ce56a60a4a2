package dev.jefevm.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects per-family counts of the differential run in this JVM (cases, mismatches, not
 * comparable with reasons) and the first mismatches in detail, and writes them as Markdown to
 * {@code conformance-report.md} in the build directory (system property
 * {@code jefevm.conformance.report}) after every test class, so the file exists whatever ran.
 */
public final class ConformanceReport {

    private static final int DETAILED_MISMATCHES = 10;

    private static final class Row {
        long cases, mismatches, notComparable;
        final Map<String, Long> reasons = new LinkedHashMap<>();
    }

    /** The counts of one run; the JVM's run is {@link #RUN}, tests make their own. */
    static final class Tally {
        private final Map<Family, Row> rows = new EnumMap<>(Family.class);
        private final List<String> details = new ArrayList<>();
        private final List<String> reproductions = new ArrayList<>();
        private String oracleProblem = "";

        synchronized void match(Family f) {
            row(f).cases++;
        }

        synchronized void mismatch(Family f, String detail, String reproduce) {
            Row r = row(f);
            r.cases++;
            r.mismatches++;
            if (details.size() < DETAILED_MISMATCHES) {
                details.add(reproduce.isEmpty() ? detail : detail + "\n  reproduce: " + reproduce);
                if (!reproduce.isEmpty()) {
                    reproductions.add(f.title + ": `" + reproduce + "`");
                }
            }
        }

        synchronized void notComparable(Family f, String reason) {
            Row r = row(f);
            r.cases++;
            r.notComparable++;
            r.reasons.merge(reason, 1L, Long::sum);
        }

        synchronized void oracleUnavailable(String reason) {
            oracleProblem = reason;
        }

        private Row row(Family f) {
            return rows.computeIfAbsent(f, k -> new Row());
        }
    }

    private static final Tally RUN = new Tally();

    private ConformanceReport() {
    }

    public static void recordMatch(Family f) {
        RUN.match(f);
    }

    /** Counts a mismatch; {@code detail} is the case, the differences and how to reproduce it. */
    public static void recordMismatch(Family f, String detail) {
        RUN.mismatch(f, detail, "");
    }

    /** As {@link #recordMismatch(Family, String)}, with the command that replays this one case. */
    public static void recordMismatch(Family f, String detail, String reproduce) {
        RUN.mismatch(f, detail, reproduce);
    }

    public static void recordNotComparable(Family f, String reason) {
        RUN.notComparable(f, reason);
    }

    /** Notes that the oracle could not run at all (the table then says why every family is empty). */
    public static void recordOracleUnavailable(String reason) {
        RUN.oracleUnavailable(reason);
    }

    /** Writes the report file now; a write failure is returned as text, never thrown. */
    public static String write() {
        Path path = Path.of(System.getProperty("jefevm.conformance.report", "target/conformance-report.md"));
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, render(RUN), StandardCharsets.UTF_8);
            return "";
        } catch (IOException e) {
            return "could not write " + path + ": " + e.getMessage();
        }
    }

    static String render(Tally t) {
        synchronized (t) {
            return renderLocked(t);
        }
    }

    private static String renderLocked(Tally t) {
        Map<Family, Row> rows = t.rows;
        String oracleProblem = t.oracleProblem;
        StringBuilder b = new StringBuilder("# JefeVM differential CPU conformance\n\n");
        b.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        b.append("- host CPU: ").append(HostCpu.modelName()).append('\n');
        b.append("- cases per family: ").append(System.getProperty("jqwik.tries.default", "jqwik default")).append('\n');
        b.append("- x87 transcendental results accepted within 1 ulp or with another C1 (SDM Vol.1 8.3.10): ")
                .append(X87Tolerance.tolerated()).append('\n');
        if (!oracleProblem.isEmpty()) {
            b.append("- **nothing compared**: ").append(oracleProblem).append('\n');
        }
        b.append("\n| family | complete | cases | mismatches | not comparable |\n|---|---|---|---|---|\n");
        for (Family f : Family.values()) {
            Row r = rows.get(f);
            if (r == null) {
                b.append("| ").append(f.title).append(" | ").append(f.complete ? "yes" : "no")
                        .append(" | 0 | 0 | not run").append(oracleProblem.isEmpty() ? "" : ": " + oracleProblem)
                        .append(" |\n");
                continue;
            }
            b.append(String.format("| %s | %s | %d | %d | %d |%n", f.title, f.complete ? "yes" : "no", r.cases,
                    r.mismatches, r.notComparable));
        }
        if (!t.reproductions.isEmpty()) {
            b.append("\nReproduce a failing case (from the repository root):\n\n");
            for (String r : t.reproductions) {
                b.append("- ").append(r).append('\n');
            }
        }
        boolean anyReason = false;
        for (Family f : Family.values()) {
            Row r = rows.get(f);
            if (r != null && !r.reasons.isEmpty()) {
                if (!anyReason) {
                    b.append("\n## Not comparable\n\n");
                    anyReason = true;
                }
                for (Map.Entry<String, Long> e : r.reasons.entrySet()) {
                    b.append("- ").append(f.title).append(": ").append(e.getValue()).append(" x ").append(e.getKey())
                            .append('\n');
                }
            }
        }
        if (!t.details.isEmpty()) {
            b.append("\n## First mismatches\n");
            for (String d : t.details) {
                b.append("\n```\n").append(d).append("\n```\n");
            }
        }
        return b.toString();
    }
}
