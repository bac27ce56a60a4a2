package dev.jefevm.devices.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.devices.acpi.AcpiHardware;
import dev.jefevm.devices.acpi.AcpiTables;
import dev.jefevm.devices.pci.PirqRouting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's DSDT checked by the ACPICA tools (Debian package acpica-tools): {@code iasl -d}
 * must disassemble it without errors into the devices, resources and _PRT the board wires, and
 * {@code acpiexec} must run the PCI interrupt link methods against its simulated PCI
 * configuration space. Skipped (saying so) only when the tools are not installed.
 */
class AcpiDsdtTest {

    private static final long LOW_RAM_END = 0x0800_0000L;
    private static final AcpiHardware HARDWARE = new AcpiHardware(PcBoard.PM1A_EVT_BLK, 4, PcBoard.PM1A_CNT_BLK, 2,
            PcBoard.RESET_CONTROL_PORT, PcBoard.RESET_VALUE, PcBoard.SCI_IRQ, 5);

    @TempDir
    Path dir;

    private static boolean installed(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return false;
    }

    private Path writeDsdt() throws IOException {
        Path table = dir.resolve("dsdt.dat");
        Files.write(table, new AcpiTables(HARDWARE, List.of(), PcDsdt.aml(LOW_RAM_END)).dsdtTable());
        return table;
    }

    private String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tool timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private String disassemble() throws Exception {
        Assumptions.assumeTrue(installed("iasl"), "iasl not installed (Debian package acpica-tools): skipped");
        Path table = writeDsdt();
        String log = run("iasl", "-d", table.toString());
        assertFalse(log.contains("Error"), log);
        return Files.readString(dir.resolve("dsdt.dsl"));
    }

    @Test
    void iasl_disassemblesTheDsdt_withEveryDeviceHid() throws Exception {
        String dsl = disassemble();

        for (String hid : List.of("PNP0A03", "PNP0C0F", "PNP0303", "PNP0F13", "PNP0B00", "PNP0100", "PNP0000",
                "PNP0501", "PNP0103", "PNP0C02")) {
            assertTrue(dsl.contains("EisaId (\"" + hid + "\")"), hid + " missing:\n" + dsl);
        }
        assertTrue(dsl.contains("Name (_S5, Package (0x04)"), dsl);
        assertTrue(dsl.contains("Method (\\_PIC, 1, NotSerialized)"), dsl);
        assertTrue(dsl.contains("PICM = Arg0"), dsl);
        assertTrue(dsl.contains("Name (_ADR, 0x00010000)"), dsl);
        assertTrue(dsl.contains("OperationRegion (PIRQ, PCI_Config, 0x60, 0x04)"), dsl);
    }

    @Test
    void iasl_showsTheIdeControllerWithTwoChannelsOfMasterAndSlave() throws Exception {
        String dsl = disassemble().replaceAll("\\s+", " ");

        String drives = "Device (MAST) { Name (_ADR, Zero) // _ADR: Address } "
                + "Device (SLAV) { Name (_ADR, One) // _ADR: Address } ";
        assertTrue(dsl.contains("Device (IDE0) { Name (_ADR, 0x00010001) // _ADR: Address "
                + "Device (PRIM) { Name (_ADR, Zero) // _ADR: Address " + drives + "} "
                + "Device (SECD) { Name (_ADR, One) // _ADR: Address " + drives + "} }"), dsl);
        // under PCI0: after it opens, before the interrupt links that follow it in \_SB
        assertTrue(dsl.indexOf("Device (PCI0)") < dsl.indexOf("Device (IDE0)")
                && dsl.indexOf("Device (IDE0)") < dsl.indexOf("Device (LNKA)"), dsl);
    }

    @Test
    void iasl_showsTheHostBridgeWindowsAndLegacyResources() throws Exception {
        String dsl = disassemble().replaceAll("\\s+", " ");

        assertTrue(dsl.contains("WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode, "
                + "0x0000, // Granularity 0x0000, // Range Minimum 0x00FF, // Range Maximum"), dsl);
        assertTrue(dsl.contains("0x0CF8, // Range Minimum 0x0CF8, // Range Maximum 0x01, // Alignment 0x08, // Length"), dsl);
        assertTrue(dsl.contains("0x00000000, // Range Minimum 0x00000CF7, // Range Maximum"), dsl);
        assertTrue(dsl.contains("0x00000D00, // Range Minimum 0x0000FFFF, // Range Maximum"), dsl);
        assertTrue(dsl.contains("DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, "
                + "ReadWrite, 0x00000000, // Granularity 0x08000000, // Range Minimum 0xFEBFFFFF, // Range Maximum"), dsl);
        assertTrue(dsl.contains("0x0060, // Range Minimum 0x0060, // Range Maximum"), dsl);
        assertTrue(dsl.contains("0x03F8, // Range Minimum 0x03F8, // Range Maximum 0x01, // Alignment 0x08, // Length ) "
                + "IRQNoFlags () {4}"), dsl);
        assertTrue(dsl.contains("0x0070, // Range Minimum 0x0070, // Range Maximum 0x01, // Alignment 0x02, // Length ) "
                + "IRQNoFlags () {8}"), dsl);
        assertTrue(dsl.contains("IRQNoFlags () {1}"), dsl);
        assertTrue(dsl.contains("IRQNoFlags () {12}"), dsl);
        assertTrue(dsl.contains("Memory32Fixed (ReadWrite, 0xFED00000, // Address Base 0x00000400, // Address Length"), dsl);
        assertTrue(dsl.contains("IRQ (Level, ActiveLow, Shared, ) {5,9,10,11}"), dsl);
    }

    @Test
    void iasl_showsAPrtRowForEveryDeviceAndPin_rotatedOverTheLinks() throws Exception {
        String dsl = disassemble().replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("Package \\(0x04\\) \\{ (0x[0-9A-F]+|Zero|One), (Zero|One|0x0[23]), (LNK[A-D]), Zero \\}")
                .matcher(dsl);
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }

        List<PirqRouting.Entry> expected = PirqRouting.entries(0, 31);
        assertEquals(expected.size(), rows.size(), dsl);
        assertEquals(128, rows.size());
        for (int i = 0; i < expected.size(); i++) {
            PirqRouting.Entry e = expected.get(i);
            String pin = switch (e.acpiPin()) {
                case 0 -> "Zero";
                case 1 -> "One";
                default -> String.format("0x%02X", e.acpiPin());
            };
            String address = String.format(e.device() == 0 ? "0x%04X" : "0x%08X", e.acpiAddress());
            assertEquals(address + " " + pin + " " + e.linkName(), rows.get(i));
        }
    }

    @Test
    void acpiexec_linkMethods_readAndProgramThePirqRouteRegister() throws Exception {
        Assumptions.assumeTrue(installed("acpiexec"), "acpiexec not installed (Debian package acpica-tools): skipped");
        Path table = writeDsdt();
        // acpiexec simulates PCI configuration space with zeroed memory: PIRQRCC starts as IRQ 0, routed.
        String out = run("acpiexec", "-b", "evaluate \\_SB.LNKC._STA; evaluate \\_SB.LNKC._SRS (23 00 08 18 79 00);"
                + " evaluate \\_SB.LNKC._CRS; evaluate \\_SB.PCI0.ISA.PRQC; evaluate \\_SB.LNKC._DIS;"
                + " evaluate \\_SB.LNKC._STA; evaluate \\_SB.LNKC._CRS; evaluate \\_SB.PCI0.ISA.PRQC", table.toString());

        List<String> results = new ArrayList<>();
        Matcher m = Pattern.compile("\\[(Integer|Buffer)\\] (?:= ([0-9A-F]+)|Length 06 = +0000: ([0-9a-f ]+?) +//)")
                .matcher(out);
        while (m.find()) {
            results.add(m.group(2) != null ? m.group(2).replaceFirst("^0+(?=.)", "") : m.group(3).trim());
        }
        assertEquals(List.of(
                "B",                     // enabled
                "23 00 08 18 79 00",     // _CRS after _SRS(IRQ 11): IRQ mask bit 11
                "B",                     // PIRQRCC = 0x0B
                "9",                     // disabled after _DIS
                "23 00 00 18 79 00",     // _CRS of a disabled link: empty mask
                "8B"),                   // IRQROUTEN set, IRQ bits kept
                results, out);
    }
}
