package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.loader.elf.ElfBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests declared in a kernel's data, answered by the loader and read back through its page tables. */
class LimineRequestsTest {

    private static final long HHDM = 0xFFFF_8000_0000_0000L;

    private final TestBoard board = new TestBoard();
    private final RequestImage data = new RequestImage();
    private GuestView guest;

    private void boot() throws KernelLoadException {
        board.boot(ElfBuilder.kernelWithData(data.bytes()).build());
        guest = board.guest();
    }

    /** The response pointer of the request placed at data offset {@code at}. */
    private long response(int at) {
        return guest.read64(ElfBuilder.DATA + at + 40);
    }

    @Test
    void baseRevision3_isSupported_tagThirdWordZeroedAndRevisionReported() throws KernelLoadException {
        int tag = data.baseRevision(3);

        boot();

        assertEquals(0, guest.read64(ElfBuilder.DATA + tag + 16), "supported: third word set to 0");
        assertEquals(3, guest.read64(ElfBuilder.DATA + tag + 8), "second word: revision used");
    }

    @Test
    void baseRevisionNewerThan3_bootsWithRevision3AndLeavesThirdWord() throws KernelLoadException {
        int tag = data.baseRevision(6);

        LoadedKernel k = board.boot(ElfBuilder.kernelWithData(data.bytes()).build());

        guest = board.guest();
        assertEquals(3, k.baseRevision());
        assertEquals(6, guest.read64(ElfBuilder.DATA + tag + 16));
        assertEquals(3, guest.read64(ElfBuilder.DATA + tag + 8));
    }

    @Test
    void hhdm_answersDirectMapOffset() throws KernelLoadException {
        data.baseRevision(3);
        int req = data.request(Feature.HHDM, 0);

        boot();

        long r = response(req);
        assertEquals(HHDM, guest.read64(r + 8));
        assertEquals(0, guest.read64(r), "response revision");
    }

    @Test
    void bootloaderInfo_namesJefeVM() throws KernelLoadException {
        int req = data.request(Feature.BOOTLOADER_INFO, 0);

        boot();

        long r = response(req);
        assertEquals("JefeVM", guest.readString(guest.read64(r + 8)));
        assertEquals("0.1.0", guest.readString(guest.read64(r + 16)));
    }

    @Test
    void firmwareType_isX86Bios() throws KernelLoadException {
        int req = data.request(Feature.FIRMWARE_TYPE, 0);

        boot();

        assertEquals(0, guest.read64(response(req) + 8));
    }

    @Test
    void memoryMap_responseMatchesLoadedKernelMap() throws KernelLoadException {
        int req = data.request(Feature.MEMMAP, 0);

        LoadedKernel k = board.boot(ElfBuilder.kernelWithData(data.bytes()).build());

        guest = board.guest();
        long r = response(req);
        int count = (int) guest.read64(r + 8);
        long entries = guest.read64(r + 16);
        assertEquals(k.memoryMap().size(), count);
        for (int i = 0; i < count; i++) {
            long e = guest.read64(entries + 8L * i);
            MemoryRange expected = k.memoryMap().get(i);
            assertEquals(expected.base(), guest.read64(e));
            assertEquals(expected.length(), guest.read64(e + 8));
            assertEquals(expected.type().limineCode(), guest.read64(e + 16));
        }
    }

    @Test
    void framebuffer_reportsBoardFramebufferAndOneVideoMode() throws KernelLoadException {
        int req = data.request(Feature.FRAMEBUFFER, 1);

        boot();

        long r = response(req);
        assertEquals(1, guest.read64(r), "response revision 1 carries the mode list");
        assertEquals(1, guest.read64(r + 8));
        long fb = guest.read64(guest.read64(r + 16));
        assertEquals(HHDM + 0xFD00_0000L, guest.read64(fb));
        assertEquals(1024, guest.read64(fb + 8));
        assertEquals(768, guest.read64(fb + 16));
        assertEquals(4096, guest.read64(fb + 24));
        assertArrayEquals(new byte[] {32, 0, 1, 8, 16, 8, 8, 8, 0}, guest.readBytes(fb + 32, 9));
        assertEquals(0, guest.read64(fb + 48), "no EDID");
        assertEquals(0, guest.read64(fb + 56));
        assertEquals(1, guest.read64(fb + 64));
        long mode = guest.read64(guest.read64(fb + 72));
        assertEquals(4096, guest.read64(mode));
        assertEquals(1024, guest.read64(mode + 8));
        assertArrayEquals(new byte[] {32, 0, 1, 8, 16, 8, 8, 8, 0}, guest.readBytes(mode + 24, 9));
    }

    @Test
    void framebuffer_withoutBoardFramebuffer_isLeftUnanswered() throws KernelLoadException {
        int req = data.request(Feature.FRAMEBUFFER, 1);
        BootEnvironment env = new BootEnvironment(board.memory, board.memory.ramSize(), TestBoard.FIRMWARE, null,
                TestBoard.RSDP, "", List.of(), 0);

        LimineLoader.load(ElfBuilder.kernelWithData(data.bytes()).build(), env, board.cpu);

        guest = board.guest();
        assertEquals(0, response(req));
    }

    @Test
    void executableAddress_reportsPhysicalAndVirtualBase() throws KernelLoadException {
        int req = data.request(Feature.EXECUTABLE_ADDRESS, 0);

        boot();

        long r = response(req);
        assertEquals(0x200000, guest.read64(r + 8));
        assertEquals(ElfBuilder.TEXT, guest.read64(r + 16));
    }

    @Test
    void rsdp_revision3_isPhysical() throws KernelLoadException {
        data.baseRevision(3);
        int req = data.request(Feature.RSDP, 0);

        boot();

        assertEquals(TestBoard.RSDP, guest.read64(response(req) + 8));
    }

    @Test
    void rsdp_revision2_isInTheDirectMap() throws KernelLoadException {
        data.baseRevision(2);
        int req = data.request(Feature.RSDP, 0);

        boot();

        assertEquals(HHDM + TestBoard.RSDP, guest.read64(response(req) + 8));
    }

    @Test
    void stackSize_largerRequest_isHonoured() throws KernelLoadException {
        int req = data.request(Feature.STACK_SIZE, 0, 256 * 1024);

        boot();

        long rsp = board.cpu.gpr[CpuState.RSP];
        assertNotEquals(0, response(req));
        long bottom = rsp + 8 - 256 * 1024;
        assertTrue(guest.writable(bottom));
        long physical = guest.translate(bottom);
        assertTrue(board.memory.isRam(physical, 256 * 1024));
    }

    @Test
    void pagingMode_answersFourLevel() throws KernelLoadException {
        int req = data.request(Feature.PAGING_MODE, 1, 1, 1, 0);

        boot();

        assertEquals(0, guest.read64(response(req) + 8));
    }

    @Test
    void pagingMode_requiringFiveLevel_isRefused() {
        data.request(Feature.PAGING_MODE, 1, 1, 1, 1);

        KernelLoadException e = assertThrows(KernelLoadException.class, this::boot);

        assertEquals("kernel requires paging mode 1 or above; JefeVM provides 4-level paging only", e.getMessage());
    }

    @Test
    void dateAtBoot_reportsBootEpochSeconds() throws KernelLoadException {
        int req = data.request(Feature.DATE_AT_BOOT, 0);

        boot();

        assertEquals(TestBoard.EPOCH, guest.read64(response(req) + 8));
    }

    @Test
    void multiprocessor_reportsTheBspAlone() throws KernelLoadException {
        int req = data.request(Feature.MP, 0, 0);

        boot();

        long r = response(req);
        assertEquals(0, guest.read64(r + 8), "flags and BSP LAPIC ID");
        assertEquals(1, guest.read64(r + 16));
        long cpu = guest.read64(guest.read64(r + 24));
        assertEquals(0, guest.read64(cpu + 16), "goto_address is NULL");
    }

    @Test
    void executableFileAndCmdline_shareTheCommandLineAndCopyTheElf() throws KernelLoadException {
        int file = data.request(Feature.EXECUTABLE_FILE, 0);
        int cmdline = data.request(Feature.EXECUTABLE_CMDLINE, 0);
        byte[] elf = ElfBuilder.kernelWithData(data.bytes()).build();

        board.boot(elf);

        guest = board.guest();
        long f = guest.read64(guest.read64(ElfBuilder.DATA + file + 40) + 8);
        long address = guest.read64(f + 8);
        assertEquals(0, address % 4096);
        assertEquals(elf.length, guest.read64(f + 16));
        assertArrayEquals(elf, guest.readBytes(address, elf.length));
        assertEquals("/kernel.elf", guest.readString(guest.read64(f + 24)));
        long string = guest.read64(f + 32);
        assertEquals("quiet splash", guest.readString(string));
        assertEquals(string, guest.read64(guest.read64(ElfBuilder.DATA + cmdline + 40) + 8));
    }

    @Test
    void modules_areLoadedPageAlignedWithPathAndString() throws KernelLoadException {
        int req = data.request(Feature.MODULE, 0);
        byte[] initrd = "hello, module".getBytes();

        board.boot(ElfBuilder.kernelWithData(data.bytes()).build(), List.of(new BootModule("boot/initrd", "ro", initrd)));

        guest = board.guest();
        long r = response(req);
        assertEquals(1, guest.read64(r + 8));
        long f = guest.read64(guest.read64(r + 16));
        long address = guest.read64(f + 8);
        assertEquals(0, address % 4096);
        assertArrayEquals(initrd, guest.readBytes(address, initrd.length));
        assertEquals(initrd.length, guest.read64(f + 16));
        assertEquals("/boot/initrd", guest.readString(guest.read64(f + 24)));
        assertEquals("ro", guest.readString(guest.read64(f + 32)));
    }

    @Test
    void modules_noneGiven_isLeftUnanswered() throws KernelLoadException {
        int req = data.request(Feature.MODULE, 0);

        boot();

        assertEquals(0, response(req));
    }

    @Test
    void entryPoint_request_overridesElfEntry() throws KernelLoadException {
        int req = data.request(Feature.ENTRY_POINT, 0, ElfBuilder.TEXT + 2);

        boot();

        assertEquals(ElfBuilder.TEXT + 2, board.cpu.rip);
        assertNotEquals(0, response(req));
    }

    @Test
    void entryPoint_outsideKernelCode_isRefused() {
        data.request(Feature.ENTRY_POINT, 0, ElfBuilder.DATA);

        assertThrows(KernelLoadException.class, this::boot);
    }

    @Test
    void unknownRequest_isLeftUntouched() throws KernelLoadException {
        int req = data.request(0x1234_5678_9ABC_DEF0L, 0x0FED_CBA9_8765_4321L, 0);
        int known = data.request(Feature.HHDM, 0);

        boot();

        assertEquals(0, response(req));
        assertNotEquals(0, response(known));
    }

    @Test
    void duplicateRequest_isRefused() {
        data.request(Feature.HHDM, 0);
        data.request(Feature.HHDM, 0);

        KernelLoadException e = assertThrows(KernelLoadException.class, this::boot);

        assertEquals("the kernel holds two HHDM requests; the protocol allows one", e.getMessage());
    }

    @Test
    void delimiters_hideRequestsOutsideThem() throws KernelLoadException {
        int outside = data.request(Feature.HHDM, 0);
        data.startMarker();
        int tag = data.baseRevision(3);
        int inside = data.request(Feature.DATE_AT_BOOT, 0);
        data.endMarker();
        data.padding(2);

        boot();

        assertEquals(0, response(outside));
        assertNotEquals(0, response(inside));
        assertEquals(0, guest.read64(ElfBuilder.DATA + tag + 16));
    }

    @Test
    void responses_liveInBootloaderReclaimableMemory() throws KernelLoadException {
        int req = data.request(Feature.HHDM, 0);

        LoadedKernel k = board.boot(ElfBuilder.kernelWithData(data.bytes()).build());

        guest = board.guest();
        long physical = response(req) - HHDM;
        assertTrue(k.memoryMap().stream().anyMatch(m -> m.type() == MemoryType.BOOTLOADER_RECLAIMABLE
                && physical >= m.base() && physical + 16 <= m.end()));
    }
}
