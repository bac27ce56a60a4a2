package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jefevm.core.cpu.CpuState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads a tiny kernel assembled and linked by the host's GNU binutils with a JefeOS-style linker
 * script (text R+X, rodata R, data+bss R+W, requests between delimiters), so the loader is
 * checked against what a real linker emits, not only against the test's own ELF builder.
 * Skipped, saying why, when {@code as} or {@code ld} are not installed.
 */
class LinkedKernelTest {

    private static final String SOURCE = """
            .section .text
            .global _start
            _start:
                hlt
                jmp _start
            .section .rodata
            greeting: .asciz "JefeOS"
            .section .limine_requests_start, "aw"
            .balign 8
                .quad 0xf6b8f4b39de7d1ae, 0xfab91a6940fcb9cf, 0x785c6ed015d3e316, 0x181e920a7852b9d9
            .section .limine_requests, "aw"
            .balign 8
            .global base_revision, hhdm_request, memmap_request
            base_revision:
                .quad 0xf9562b2d5c95a6c8, 0x6a7b384944536bdc, 3
            hhdm_request:
                .quad 0xc7b1dd30df4c8b88, 0x0a82e883a194f07b, 0x48dcf1cb8ad2b852, 0x63984e959a98244b, 0, 0
            memmap_request:
                .quad 0xc7b1dd30df4c8b88, 0x0a82e883a194f07b, 0x67cf3d9d378a806f, 0xe304acdfc50c3c62, 0, 0
            .section .limine_requests_end, "aw"
            .balign 8
                .quad 0xadc0e0531bb10d03, 0x9572709f31764c62
            .section .bss
            .global stack_area
            stack_area: .skip 16384
            """;

    private static final String LINKER_SCRIPT = """
            OUTPUT_FORMAT(elf64-x86-64)
            ENTRY(_start)
            PHDRS { text PT_LOAD FLAGS(5); rodata PT_LOAD FLAGS(4); data PT_LOAD FLAGS(6); }
            SECTIONS {
                . = 0xffffffff80000000;
                .text : { *(.text .text.*) } :text
                . = ALIGN(4096);
                .rodata : { *(.rodata .rodata.*) } :rodata
                . = ALIGN(4096);
                .data : { KEEP(*(.limine_requests_start)) KEEP(*(.limine_requests)) KEEP(*(.limine_requests_end)) *(.data .data.*) } :data
                .bss : { *(.bss .bss.*) } :data
                /DISCARD/ : { *(.note .note.*) *(.comment) *(.eh_frame*) }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void load_binutilsLinkedKernel_answersItsRequestsAndMapsItsSegments() throws Exception {
        assumeTrue(runs("as", "--version") && runs("ld", "--version"),
                "GNU as and ld are not installed: the linked-kernel test needs binutils");
        Path source = Files.writeString(dir.resolve("kernel.s"), SOURCE);
        Path script = Files.writeString(dir.resolve("kernel.ld"), LINKER_SCRIPT);
        Path object = dir.resolve("kernel.o");
        Path elf = dir.resolve("kernel.elf");
        run("as", "--64", "-o", object.toString(), source.toString());
        run("ld", "-nostdlib", "-static", "-z", "max-page-size=0x1000", "-T", script.toString(),
                "-o", elf.toString(), object.toString());
        Map<String, Long> symbols = symbols(elf);
        TestBoard board = new TestBoard();

        LoadedKernel k = board.boot(Files.readAllBytes(elf));

        GuestView guest = board.guest();
        assertEquals(symbols.get("_start"), board.cpu.rip);
        assertEquals(3, k.baseRevision());
        assertEquals(0, guest.read64(symbols.get("base_revision") + 16));
        long hhdm = guest.read64(symbols.get("hhdm_request") + 40);
        assertEquals(k.hhdmOffset(), guest.read64(hhdm + 8));
        assertTrue(guest.read64(guest.read64(symbols.get("memmap_request") + 40) + 8) > 3);
        assertFalse(guest.writable(symbols.get("_start")));
        assertTrue(guest.executable(symbols.get("_start")));
        assertTrue(guest.writable(symbols.get("stack_area") + 16000));
        assertFalse(guest.executable(symbols.get("stack_area")));
        assertEquals(0, board.cpu.gpr[CpuState.RAX]);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    /** Global symbol addresses from {@code nm}. */
    private Map<String, Long> symbols(Path elf) throws IOException, InterruptedException {
        Map<String, Long> out = new HashMap<>();
        for (String line : run("nm", elf.toString()).lines().toList()) {
            List<String> parts = List.of(line.trim().split("\\s+"));
            if (parts.size() == 3) {
                out.put(parts.get(2), Long.parseUnsignedLong(parts.get(0), 16));
            }
        }
        return out;
    }
}
