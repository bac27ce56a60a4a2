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

    private static final Map<Family, Row> ROWS = new EnumMap<>(Family.class);
    private static final List<String> DETAILS = new ArrayList<>();
    private static String oracleProblem = "";

    private ConformanceReport() {
    }

    public static synchronized void recordMatch(Family f) {
        row(f).cases++;
    }

    public static synchronized void recordMismatch(Family f, String detail) {
        Row r = row(f);
        r.cases++;
        r.mismatches++;
        if (DETAILS.size() < DETAILED_MISMATCHES) {
            DETAILS.add(detail);
        }
    }

    public static synchronized void recordNotComparable(Family f, String reason) {
        Row r = row(f);
        r.cases++;
        r.notComparable++;
        r.reasons.merge(reason, 1L, Long::sum);
    }

    /** Notes that the oracle could not run at all (the table then says why every family is empty). */
    public static synchronized void recordOracleUnavailable(String reason) {
        oracleProblem = reason;
    }

    private static Row row(Family f) {
        return ROWS.computeIfAbsent(f, k -> new Row());
    }

    /** Writes the report file now; a write failure is returned as text, never thrown. */
    public static synchronized String write() {
        Path path = Path.of(System.getProperty("jefevm.conformance.report", "target/conformance-report.md"));
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, render(), StandardCharsets.UTF_8);
            return "";
        } catch (IOException e) {
            return "could not write " + path + ": " + e.getMessage();
        }
    }

    static synchronized String render() {
        StringBuilder b = new StringBuilder("# JefeVM differential CPU conformance\n\n");
        b.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        b.append("- host CPU: ").append(HostCpu.modelName()).append('\n');
        b.append("- cases per family: ").append(System.getProperty("jqwik.tries.default", "jqwik default")).append('\n');
        if (!oracleProblem.isEmpty()) {
            b.append("- **nothing compared**: ").append(oracleProblem).append('\n');
        }
        b.append("\n| family | complete | cases | mismatches | not comparable |\n|---|---|---|---|---|\n");
        for (Family f : Family.values()) {
            Row r = ROWS.get(f);
            if (r == null) {
                b.append("| ").append(f.title).append(" | ").append(f.complete ? "yes" : "no")
                        .append(" | 0 | 0 | not run").append(oracleProblem.isEmpty() ? "" : ": " + oracleProblem)
                        .append(" |\n");
                continue;
            }
            b.append(String.format("| %s | %s | %d | %d | %d |%n", f.title, f.complete ? "yes" : "no", r.cases,
                    r.mismatches, r.notComparable));
        }
        boolean anyReason = false;
        for (Family f : Family.values()) {
            Row r = ROWS.get(f);
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
        if (!DETAILS.isEmpty()) {
            b.append("\n## First mismatches\n");
            for (String d : DETAILS) {
                b.append("\n```\n").append(d).append("\n```\n");
            }
        }
        return b.toString();
    }
}
