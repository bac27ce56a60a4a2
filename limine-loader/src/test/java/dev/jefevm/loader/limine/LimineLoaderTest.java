package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.loader.elf.ElfBuilder;
import org.junit.jupiter.api.Test;

class LimineLoaderTest {

    private static final long HHDM = 0xFFFF_8000_0000_0000L;

    private final TestBoard board = new TestBoard();

    private static byte[] kernelWithRevision(long revision) {
        RequestImage data = new RequestImage();
        data.baseRevision(revision);
        return ElfBuilder.kernelWithData(data.bytes()).build();
    }

    @Test
    void load_kernel_entersLongModeWithProtocolControlRegisters() throws KernelLoadException {
        LoadedKernel k = board.boot(kernelWithRevision(3));

        CpuState cpu = board.cpu;
        assertEquals(ElfBuilder.TEXT, cpu.rip);
        assertEquals(k.entryPoint(), cpu.rip);
        assertEquals(0x8001_0033L, cpu.cr0); // PG | WP | NE | ET | MP | PE
        assertEquals(0xA0L, cpu.cr4);        // PGE | PAE, no OSFXSR: the protocol does not enable SSE
        assertEquals(0xD00L, cpu.efer);      // NXE | LMA | LME
        assertTrue(cpu.longModeActive());
        assertEquals(0, cpu.cpl);
    }

    @Test
    void load_kernel_clearsInterruptAndDirectionFlagsAndZeroesRegisters() throws KernelLoadException {
        board.cpu.gpr[CpuState.RAX] = 42;
        Flags.set(board.cpu, CpuState.IF | CpuState.DF | CpuState.CF);

        board.boot(kernelWithRevision(3));

        assertEquals(0x2L, Flags.get(board.cpu));
        for (int r = 0; r < 16; r++) {
            if (r != CpuState.RSP) {
                assertEquals(0, board.cpu.gpr[r], "GPR " + r);
            }
        }
    }

    @Test
    void load_kernel_loadsProtocolSelectorsAndGdt() throws KernelLoadException {
        board.boot(kernelWithRevision(3));

        CpuState cpu = board.cpu;
        assertEquals(0x28, cpu.segSelector[CpuState.CS]);
        for (int s : new int[] {CpuState.DS, CpuState.ES, CpuState.SS, CpuState.FS, CpuState.GS}) {
            assertEquals(0x30, cpu.segSelector[s]);
            assertEquals(0, cpu.segBase[s]);
        }
        assertEquals(0x2, (cpu.segAttributes[CpuState.CS] >> 8) & 0x2, "CS.L");
        assertEquals(55, cpu.gdtrLimit);
        GuestView guest = board.guest();
        long code64 = guest.read64(cpu.gdtrBase + 0x28);
        long data64 = guest.read64(cpu.gdtrBase + 0x30);
        assertEquals(cpu.segAttributes[CpuState.CS], (int) ((code64 >>> 40) & 0xFF | ((code64 >>> 52) & 0xF) << 8));
        assertEquals(cpu.segAttributes[CpuState.SS], (int) ((data64 >>> 40) & 0xFF | ((data64 >>> 52) & 0xF) << 8));
        assertEquals(0x00CF_9A00_0000_FFFFL, guest.read64(cpu.gdtrBase + 0x18), "32-bit code descriptor");
        assertEquals(0x0000_9200_0000_FFFFL, guest.read64(cpu.gdtrBase + 0x10), "16-bit data descriptor");
    }

    @Test
    void load_kernel_pushesZeroReturnAddressOnAlignedStack() throws KernelLoadException {
        board.boot(kernelWithRevision(3));

        long rsp = board.cpu.gpr[CpuState.RSP];
        GuestView guest = board.guest();
        assertEquals(0, (rsp + 8) % 16, "RSP + 8 is 16-byte aligned, as after a call");
        assertEquals(0, guest.read64(rsp));
        assertTrue(guest.writable(rsp - 65536 + 8), "at least 64 KiB of stack below the return address");
    }

    @Test
    void load_kernel_copiesSegmentsAndZeroesBss() throws KernelLoadException {
        byte[] text = {(byte) 0xF4, (byte) 0xEB, (byte) 0xFD};
        byte[] elf = ElfBuilder.kernel(text, new byte[] {7, 7}, new byte[] {1, 2, 3}, 0x1800).build();
        board.memory.fill(0x200000, 0x100000, (byte) 0x55);

        board.boot(elf);

        GuestView guest = board.guest();
        assertArrayEquals(text, guest.readBytes(ElfBuilder.TEXT, 3));
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0}, guest.readBytes(ElfBuilder.DATA, 5));
        assertEquals(0, guest.read64(ElfBuilder.DATA + 0x17F8), "last bss word");
    }

    @Test
    void load_kernel_mapsSegmentsWithProgramHeaderPermissions() throws KernelLoadException {
        board.boot(kernelWithRevision(3));

        GuestView guest = board.guest();
        assertTrue(guest.executable(ElfBuilder.TEXT));
        assertFalse(guest.writable(ElfBuilder.TEXT));
        assertFalse(guest.executable(ElfBuilder.RODATA));
        assertFalse(guest.writable(ElfBuilder.RODATA));
        assertFalse(guest.executable(ElfBuilder.DATA));
        assertTrue(guest.writable(ElfBuilder.DATA));
    }

    @Test
    void load_kernel_placesImageAt2MiBWithOneOffset() throws KernelLoadException {
        LoadedKernel k = board.boot(kernelWithRevision(3));

        assertEquals(0x200000, k.kernelPhysicalBase());
        assertEquals(ElfBuilder.TEXT, k.kernelVirtualBase());
        assertEquals(0x202000, board.guest().translate(ElfBuilder.DATA));
    }

    @Test
    void load_kernel_mapsAllRamAndFramebufferInTheDirectMap() throws KernelLoadException {
        LoadedKernel k = board.boot(kernelWithRevision(3));

        GuestView guest = board.guest();
        assertEquals(HHDM, k.hhdmOffset());
        assertEquals(0xE0000, guest.translate(HHDM + 0xE0000));
        assertEquals(TestBoard.RAM - 8, guest.translate(HHDM + TestBoard.RAM - 8));
        long fbLast = TestBoard.FRAMEBUFFER.physicalAddress() + TestBoard.FRAMEBUFFER.byteSize() - 4;
        assertEquals(fbLast, guest.translate(HHDM + fbLast));
        assertTrue(guest.writable(HHDM + fbLast));
    }

    @Test
    void load_framebuffer_isMappedWriteCombining() throws KernelLoadException {
        board.boot(kernelWithRevision(3));

        long entry = board.guest().leafEntry(HHDM + TestBoard.FRAMEBUFFER.physicalAddress());
        boolean large = (entry & 0x80) != 0;
        long pat = large ? (entry >>> 12) & 1 : (entry >>> 7) & 1;
        int patIndex = (int) (pat << 2 | ((entry >>> 4) & 1) << 1 | ((entry >>> 3) & 1));
        assertEquals(5, patIndex);
        assertEquals(1, (board.cpu.pat >>> 40) & 0xFF, "PAT5 is write-combining");
    }

    @Test
    void load_revision3Kernel_hasNoIdentityMapAndNoUnconditionalLow4GiB() throws KernelLoadException {
        board.boot(kernelWithRevision(3));

        GuestView guest = board.guest();
        assertEquals(-1, guest.translate(0x200000));
        assertEquals(-1, guest.translate(HHDM + 0xFEE0_0000L), "LAPIC page is not RAM or framebuffer");
    }

    @Test
    void load_revision2Kernel_directMapsTheFirst4GiB() throws KernelLoadException {
        board.boot(kernelWithRevision(2));

        assertEquals(0xFEE0_0000L, board.guest().translate(HHDM + 0xFEE0_0000L));
        assertEquals(-1, board.guest().translate(0x200000));
    }

    @Test
    void load_revision0Kernel_keepsIdentityMapFrom0x1000() throws KernelLoadException {
        LoadedKernel k = board.boot(ElfBuilder.kernelWithData(new byte[64]).build());

        GuestView guest = board.guest();
        assertEquals(0, k.baseRevision());
        assertEquals(0x200000, guest.translate(0x200000));
        assertEquals(0x1000, guest.translate(0x1000));
        assertEquals(-1, guest.translate(0));
    }

    @Test
    void load_kernelLargerThanRam_namesBothSizes() {
        byte[] elf = ElfBuilder.kernel(new byte[] {(byte) 0xF4}, new byte[1], new byte[1], 3L << 29).build();

        KernelLoadException e = assertThrows(KernelLoadException.class, () -> board.boot(elf));

        assertEquals("kernel needs 1.5 GiB of RAM but the VM has 16 MiB", e.getMessage());
    }

    @Test
    void load_malformedElf_reportsParserMessage() {
        KernelLoadException e = assertThrows(KernelLoadException.class, () -> board.boot("#!/bin/sh".getBytes()));

        assertEquals("not an ELF file (bad magic)", e.getMessage());
    }
}
