package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int jefevm(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String oneErrorLine() {
        String text = err.toString();
        assertEquals(1, text.lines().count(), "expected exactly one line on stderr, got: " + text);
        assertTrue(text.startsWith("jefevm: "), text);
        return text.strip();
    }

    @Test
    void version_printsNameAndProjectVersion() {
        int status = jefevm("--version");

        assertEquals(0, status);
        assertEquals("jefevm 0.1.0", out.toString().strip());
    }

    @Test
    void help_listsTheRunCommand() {
        int status = jefevm("--help");

        assertEquals(0, status);
        assertTrue(out.toString().contains("run"), out.toString());
        assertTrue(out.toString().startsWith("Usage: jefevm"), out.toString());
    }

    @Test
    void runHelp_documentsEveryOption() {
        int status = jefevm("run", "--help");

        String help = out.toString();
        assertEquals(0, status);
        for (String option : new String[] {"--kernel", "--memory", "--accel", "--jit-threshold", "--jit-stats",
            "--display", "--serial", "--cmdline", "--deterministic", "--boot-timing", "--verbose"}) {
            assertTrue(help.contains(option), option + " missing from: " + help);
        }
    }

    @Test
    void unknownOption_exits2WithOneLine() {
        int status = jefevm("run", "--frobnicate");

        assertEquals(2, status);
        assertEquals("jefevm: Unknown option: '--frobnicate'", oneErrorLine());
    }

    @Test
    void noCommand_exits2WithOneLine() {
        int status = jefevm();

        assertEquals(2, status);
        assertTrue(oneErrorLine().contains("missing command"));
    }

    @Test
    void memoryBelowMinimum_exits2WithOneLine() {
        int status = jefevm("run", "--memory", "16M");

        assertEquals(2, status);
        assertTrue(oneErrorLine().contains("32M..64G"));
    }

    @Test
    void memoryAboveMaximum_exits2WithOneLine() {
        int status = jefevm("run", "--memory", "65G");

        assertEquals(2, status);
        assertTrue(oneErrorLine().contains("32M..64G"));
    }

    @Test
    void unknownAccelerator_exits2NamingWhatIsAvailable() {
        int status = jefevm("run", "--accel", "kvm");

        assertEquals(2, status);
        assertEquals("jefevm: unknown accelerator 'kvm' (available: jit, interp)", oneErrorLine());
    }

    @Test
    void jitThresholdBelowOne_exits2WithOneLine() {
        int status = jefevm("run", "--jit-threshold", "0");

        assertEquals(ExitStatus.USAGE, status);
        assertEquals("jefevm: --jit-threshold must be at least 1, not 0", oneErrorLine());
    }

    @Test
    void runHelp_namesJitAsTheDefaultBackEnd() {
        int status = jefevm("run", "--help");

        assertEquals(0, status);
        assertTrue(out.toString().contains("available: jit (default"), out.toString());
    }

    @Test
    void unknownDisplay_exits2NamingWhatIsAvailable() {
        int status = jefevm("run", "--display", "sdl");

        assertEquals(2, status);
        assertEquals("jefevm: unknown display 'sdl' (available: window, none)", oneErrorLine());
    }

    @Test
    void badSerialBackend_exits2WithOneLine() {
        int status = jefevm("run", "--serial", "tcp:4444");

        assertEquals(2, status);
        assertTrue(oneErrorLine().contains("available: stdio, file:PATH"));
    }

    @Test
    void missingKernelFile_exits2WithOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.elf");

        int status = jefevm("run", "--kernel", missing.toString());

        assertEquals(2, status);
        assertEquals("jefevm: kernel file '" + missing + "' does not exist", oneErrorLine());
    }

    @Test
    void missingModuleFile_exits2WithOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("initrd.img");

        int status = jefevm("run", "--module", missing.toString());

        assertEquals(2, status);
        assertEquals("jefevm: module file '" + missing + "' does not exist", oneErrorLine());
    }

    @Test
    void malformedKernel_exits2WithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.elf");
        Files.writeString(junk, "this is not an ELF file at all, just some text to be rejected\n");

        int status = jefevm("run", "--kernel", junk.toString(), "--memory", "32M", "--serial",
                "file:" + dir.resolve("com1.log"));

        assertEquals(2, status);
        assertTrue(oneErrorLine().startsWith("jefevm: " + junk + ": "), err.toString());
    }
}
