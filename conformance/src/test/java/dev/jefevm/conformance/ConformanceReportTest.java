package dev.jefevm.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's table, reasons, mismatch details and reproduction commands, and the oracle-missing wording. */
class ConformanceReportTest {

    @Test
    void render_countsEachFamilyInTheTable() {
        ConformanceReport.Tally t = new ConformanceReport.Tally();
        t.match(Family.INTEGER_ALU);
        t.match(Family.INTEGER_ALU);
        t.mismatch(Family.INTEGER_ALU, "the case", "");
        t.notComparable(Family.X87, "host timeout");

        String report = ConformanceReport.render(t);

        assertAll(() -> assertTrue(report.contains("| integer ALU | yes | 3 | 1 | 0 |"), report),
                () -> assertTrue(report.contains("| x87 | yes | 1 | 0 | 1 |"), report),
                () -> assertTrue(report.contains("| string operations | yes | 0 | 0 | not run |"), report),
                () -> assertTrue(report.contains("- x87: 1 x host timeout"), report),
                () -> assertTrue(report.contains("```\nthe case\n```"), report));
    }

    @Test
    void render_mismatchWithReproduction_listsTheCommandNextToTheTable() {
        ConformanceReport.Tally t = new ConformanceReport.Tally();
        t.mismatch(Family.BITS, "bt case", "./mvnw test -Dconformance.replay=2a");

        String report = ConformanceReport.render(t);

        assertTrue(report.contains("- bit operations: `./mvnw test -Dconformance.replay=2a`"), report);
        assertTrue(report.contains("bt case\n  reproduce: ./mvnw test -Dconformance.replay=2a"), report);
    }

    @Test
    void render_oracleMissing_saysWhyNothingRan(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("jefevm-oracle");
        Files.writeString(dir.resolve("jefevm-oracle.unavailable"), "/nonexistent/gcc not found on PATH\n");
        OracleProcess.Availability a = OracleProcess.locate(binary.toString());
        ConformanceReport.Tally t = new ConformanceReport.Tally();
        t.oracleUnavailable(a.reason());

        String report = ConformanceReport.render(t);

        assertAll(() -> assertEquals("native oracle not built: /nonexistent/gcc not found on PATH", a.reason()),
                () -> assertTrue(report.contains("- **nothing compared**: native oracle not built: /nonexistent/gcc"),
                        report),
                () -> assertTrue(report.contains("| integer ALU | yes | 0 | 0 | not run: native oracle not built"),
                        report));
    }

    @Test
    void locate_binaryAndReasonBothAbsent_namesThePath(@TempDir Path dir) {
        OracleProcess.Availability a = OracleProcess.locate(dir.resolve("missing").toString());

        assertEquals("native oracle not found at " + dir.resolve("missing"), a.reason());
    }
}
