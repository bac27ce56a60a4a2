package dev.jefevm.loader.limine;

import dev.jefevm.core.memory.PhysicalMemory;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the response to each request the loader answers (Limine protocol, "Feature List") into
 * the {@link ResponseArena} and stores its HHDM pointer in the request's {@code response} field.
 * Features the board cannot provide (no framebuffer, no RSDP, no modules) get no response, as
 * the protocol says; unknown requests were never collected and stay untouched.
 */
final class ResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseWriter.class);

    static final String BOOTLOADER_NAME = "JefeVM";
    static final String BOOTLOADER_VERSION = "0.1.0";
    /** LIMINE_FIRMWARE_TYPE_X86BIOS: the board is BIOS-like (RSDP in the BIOS area, no EFI). */
    private static final int FIRMWARE_X86BIOS = 0;
    /** LIMINE_FRAMEBUFFER_RGB. */
    private static final int MEMORY_MODEL_RGB = 1;
    /** LIMINE_PAGING_MODE_X86_64_4LVL. */
    static final int PAGING_4LEVEL = 0;
    /** Size of {@code struct limine_file}. */
    private static final int FILE_STRUCT = 112;

    private final PhysicalMemory memory;
    private final ResponseArena arena;
    private final Handoff handoff;
    /** HHDM pointer to the kernel's command-line string once written, else 0. */
    private long cmdlinePointer;

    ResponseWriter(PhysicalMemory memory, ResponseArena arena, Handoff handoff) {
        this.memory = memory;
        this.arena = arena;
        this.handoff = handoff;
    }

    /** Answers every known request; returns how many got a response. */
    int answerAll(Map<Feature, Request> requests) {
        int answered = 0;
        for (Request r : requests.values()) {
            long response = switch (r.feature()) {
                case BOOTLOADER_INFO -> bootloaderInfo();
                case EXECUTABLE_CMDLINE -> executableCmdline();
                case FIRMWARE_TYPE -> twoWords(FIRMWARE_X86BIOS);
                case STACK_SIZE, ENTRY_POINT -> revisionOnly();
                case HHDM -> twoWords(handoff.hhdmOffset());
                case FRAMEBUFFER -> framebuffer();
                case PAGING_MODE -> twoWords(PAGING_4LEVEL);
                case MP -> multiprocessor();
                case MEMMAP -> memoryMap();
                case EXECUTABLE_FILE -> executableFile();
                case MODULE -> modules();
                case RSDP -> rsdp();
                case DATE_AT_BOOT -> twoWords(handoff.bootEpochSeconds());
                case EXECUTABLE_ADDRESS -> executableAddress();
            };
            if (response != 0) {
                memory.write64(r.physicalAddress() + Request.RESPONSE_OFFSET, arena.pointer(response));
                answered++;
            } else {
                LOG.debug("{} request left unanswered: the board does not provide it", r.feature());
            }
        }
        return answered;
    }

    private long revisionOnly() {
        return arena.reserve(8);
    }

    /** A response of {@code revision = 0} and one 64-bit value. */
    private long twoWords(long value) {
        long r = arena.reserve(16);
        arena.put64(r + 8, value);
        return r;
    }

    private long bootloaderInfo() {
        long r = arena.reserve(24);
        arena.put64(r + 8, arena.string(BOOTLOADER_NAME));
        arena.put64(r + 16, arena.string(BOOTLOADER_VERSION));
        return r;
    }

    private long executableCmdline() {
        long r = arena.reserve(16);
        arena.put64(r + 8, cmdline());
        return r;
    }

    /** The kernel's command line, stored once: the executable file's string points at the same bytes. */
    private long cmdline() {
        if (cmdlinePointer == 0) {
            cmdlinePointer = arena.string(handoff.executable().cmdline());
        }
        return cmdlinePointer;
    }

    private long executableFile() {
        long r = arena.reserve(16);
        arena.put64(r + 8, arena.pointer(fileStruct(handoff.executable(), cmdline())));
        return r;
    }

    private long modules() {
        if (handoff.modules().isEmpty()) {
            return 0;
        }
        int count = handoff.modules().size();
        long r = arena.reserve(24);
        long array = arena.pointerArray(count);
        arena.put64(r + 8, count);
        arena.put64(r + 16, arena.pointer(array));
        for (int i = 0; i < count; i++) {
            LoadedFile module = handoff.modules().get(i);
            arena.put64(array + 8L * i, arena.pointer(fileStruct(module, arena.string(module.cmdline()))));
        }
        return r;
    }

    /** {@code struct limine_file}; media type generic, no partition or TFTP information. */
    private long fileStruct(LoadedFile file, long stringPointer) {
        long f = arena.reserve(FILE_STRUCT);
        arena.put64(f + 8, arena.pointer(file.physicalAddress()));
        arena.put64(f + 16, file.size());
        arena.put64(f + 24, arena.string(file.path()));
        arena.put64(f + 32, stringPointer);
        return f;
    }

    private long framebuffer() {
        FramebufferInfo fb = handoff.framebuffer();
        if (fb == null) {
            return 0;
        }
        long r = arena.reserve(24);
        arena.put64(r, 1); // response revision 1: video mode list present
        long array = arena.pointerArray(1);
        long f = arena.reserve(80);
        arena.put64(r + 8, 1);
        arena.put64(r + 16, arena.pointer(array));
        arena.put64(array, arena.pointer(f));
        arena.put64(f, arena.pointer(fb.physicalAddress()));
        arena.put64(f + 8, fb.width());
        arena.put64(f + 16, fb.height());
        arena.put64(f + 24, fb.pitch());
        putPixelFormat(f + 32, fb);
        // edid_size (f+48) and edid (f+56) stay 0: the board has no EDID.
        long modes = arena.pointerArray(1);
        long mode = arena.reserve(40);
        arena.put64(f + 64, 1);
        arena.put64(f + 72, arena.pointer(modes));
        arena.put64(modes, arena.pointer(mode));
        arena.put64(mode, fb.pitch());
        arena.put64(mode + 8, fb.width());
        arena.put64(mode + 16, fb.height());
        putPixelFormat(mode + 24, fb);
        return r;
    }

    /** bpp (16 bits), memory model, then size/shift for red, green, blue (8 bits each). */
    private void putPixelFormat(long at, FramebufferInfo fb) {
        arena.put16(at, fb.bpp());
        arena.put8(at + 2, MEMORY_MODEL_RGB);
        arena.put8(at + 3, fb.redSize());
        arena.put8(at + 4, fb.redShift());
        arena.put8(at + 5, fb.greenSize());
        arena.put8(at + 6, fb.greenShift());
        arena.put8(at + 7, fb.blueSize());
        arena.put8(at + 8, fb.blueShift());
    }

    /** One CPU, the BSP with LAPIC ID 0; x2APIC not enabled. */
    private long multiprocessor() {
        long r = arena.reserve(32);
        long array = arena.pointerArray(1);
        long info = arena.reserve(32);
        arena.put64(r + 16, 1);
        arena.put64(r + 24, arena.pointer(array));
        arena.put64(array, arena.pointer(info));
        return r;
    }

    private long memoryMap() {
        int count = handoff.memoryMap().size();
        long r = arena.reserve(24);
        long array = arena.pointerArray(count);
        arena.put64(r + 8, count);
        arena.put64(r + 16, arena.pointer(array));
        for (int i = 0; i < count; i++) {
            MemoryRange m = handoff.memoryMap().get(i);
            long e = arena.reserve(24);
            arena.put64(e, m.base());
            arena.put64(e + 8, m.length());
            arena.put64(e + 16, m.type().limineCode());
            arena.put64(array + 8L * i, arena.pointer(e));
        }
        return r;
    }

    /** Protocol, "RSDP Feature": physical for base revision 3 only, else an HHDM pointer. */
    private long rsdp() {
        if (handoff.rsdpAddress() == 0) {
            return 0;
        }
        long address = handoff.baseRevision() == 3 ? handoff.rsdpAddress() : arena.pointer(handoff.rsdpAddress());
        return twoWords(address);
    }

    private long executableAddress() {
        long r = arena.reserve(24);
        arena.put64(r + 8, handoff.kernelPhysicalBase());
        arena.put64(r + 16, handoff.kernelVirtualBase());
        return r;
    }

    /**
     * Upper bound of arena bytes {@link #answerAll} needs: fixed-size responses for every request,
     * a memory map of at most {@code memoryMapEntries} entries, and the strings and file structs.
     */
    static long arenaSize(int requestCount, int memoryMapEntries, LoadedFile executable, List<LoadedFile> modules) {
        long size = 4096 + 256L * requestCount + 48L * (memoryMapEntries + 1);
        size += ResponseArena.stringSize(BOOTLOADER_NAME) + ResponseArena.stringSize(BOOTLOADER_VERSION);
        size += FILE_STRUCT + 32 + ResponseArena.stringSize(executable.path()) + ResponseArena.stringSize(executable.cmdline());
        for (LoadedFile f : modules) {
            size += FILE_STRUCT + 32 + ResponseArena.stringSize(f.path()) + ResponseArena.stringSize(f.cmdline());
        }
        return size;
    }
}
