package dev.jefevm.loader.limine;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.memory.RamRange;
import dev.jefevm.loader.elf.ElfFormatException;
import dev.jefevm.loader.elf.ElfImage;
import dev.jefevm.loader.elf.ElfParser;
import dev.jefevm.loader.elf.LoadSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots an ELF64 kernel through the Limine boot protocol, base revisions 0 to 3: loads its
 * segments into RAM from 2 MiB upward (everything the loader places stays in the RAM below the
 * PCI hole; RAM above 4 GiB is reported and direct-mapped only), finds its requests, builds page tables, answers the
 * requests, and puts the CPU in the protocol's x86-64 entry state. Kernels asking for a newer
 * base revision boot with revision 3 and see their tag's third word left unchanged, as the
 * protocol prescribes ("Base Revisions").
 */
public final class LimineLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LimineLoader.class);

    /** Where the kernel image starts in physical RAM (the loader's own choice; board RAM is usable from 1 MiB). */
    public static final long KERNEL_LOAD_BASE = 0x20_0000;
    /** The newest base revision this loader implements. */
    public static final int MAX_BASE_REVISION = 3;
    /** Protocol, "Machine State at Entry": the stack is at least 64 KiB. */
    public static final long MIN_STACK_SIZE = 64 * 1024;
    /** The path reported for the kernel file: the board boots one kernel from no real volume. */
    static final String KERNEL_PATH = "/kernel.elf";

    private LimineLoader() {
    }

    /**
     * Loads {@code elf} into {@code env.memory()}, answers its Limine requests and sets
     * {@code cpu} to the entry state. Any kernel that cannot be booted, for whatever reason in
     * its bytes or its size, raises {@link KernelLoadException} with a one-line message.
     */
    public static LoadedKernel load(byte[] elf, BootEnvironment env, CpuState cpu) throws KernelLoadException {
        ElfImage image = parse(elf);
        PhysicalMemory memory = env.memory();
        List<RamRange> ram = ramRanges(memory, env.ramSize());
        long ramSize = Math.min(env.ramSize(), memory.ramSize());
        BootAllocator allocator = new BootAllocator(ram.getFirst().end(), env.firmwareRanges(), KERNEL_LOAD_BASE);
        KernelPlacement kernel = KernelPlacement.load(image, memory, allocator);

        RequestScanner.Result scan = RequestScanner.scan(memory, kernel.physicalBase(), kernel.physical(fileBackedEnd(image)));
        int revision = Long.compareUnsigned(scan.requestedRevision(), MAX_BASE_REVISION) > 0
                ? MAX_BASE_REVISION : (int) scan.requestedRevision();
        Map<Feature, Request> requests = scan.requests();
        RequestFields fields = new RequestFields(memory);
        checkPagingMode(requests.get(Feature.PAGING_MODE), fields);
        long entry = entryPoint(image, requests, fields);
        long stackSize = stackSize(requests.get(Feature.STACK_SIZE), fields, ramSize);

        String cmdline = env.kernelCmdline();
        LoadedFile executable = requests.containsKey(Feature.EXECUTABLE_FILE)
                ? copyFile(memory, allocator, elf, KERNEL_PATH, cmdline)
                : new LoadedFile(0, elf.length, KERNEL_PATH, cmdline);
        List<LoadedFile> modules = requests.containsKey(Feature.MODULE) ? loadModules(env, memory, allocator) : List.of();
        long stack = allocator.allocate(stackSize, BootAllocator.PAGE, MemoryType.BOOTLOADER_RECLAIMABLE);
        memory.fill(stack, BootAllocator.roundUp(stackSize, BootAllocator.PAGE), (byte) 0); // same boot, same bytes

        int firmwareCount = env.firmwareRanges().size();
        // Every paint splits at most one range into three: allocations (kernel, file, modules, stack,
        // arena, page tables broken by firmware ranges) plus firmware ranges plus the framebuffer.
        int mapBound = ram.size() + 2 * (2 * firmwareCount + modules.size() + 8);
        long arenaSize = BootAllocator.roundUp(8L * EntryState.GDT_ENTRIES
                + ResponseWriter.arenaSize(requests.size(), mapBound, executable, modules), BootAllocator.PAGE);
        long arenaBase = allocator.allocate(arenaSize, BootAllocator.PAGE, MemoryType.BOOTLOADER_RECLAIMABLE);
        ResponseArena arena = new ResponseArena(memory, arenaBase, arenaSize, AddressSpace.HHDM_OFFSET);
        long gdt = arena.reserve(8L * EntryState.GDT_ENTRIES);
        EntryState.writeGdt(memory, gdt);

        PageTableBuilder tables = new PageTableBuilder(memory, allocator);
        AddressSpace.build(tables, image, kernel, revision, ram, env.framebuffer());
        List<MemoryRange> memoryMap = memoryMap(ram, env, allocator.allocations());

        Handoff handoff = new Handoff(AddressSpace.HHDM_OFFSET, revision, kernel.physicalBase(), kernel.virtualBase(),
                env.framebuffer(), env.rsdpAddress(), env.bootEpochSeconds(), memoryMap, executable, modules);
        int answered = new ResponseWriter(memory, arena, handoff).answerAll(requests);
        answerBaseRevision(memory, scan, revision);

        // Protocol: an invalid return address of 0 is pushed, so RSP + 8 is the 16-byte aligned top.
        long stackTop = stack + stackSize;
        memory.write64(stackTop - 8, 0);
        long rsp = AddressSpace.HHDM_OFFSET + stackTop - 8;
        EntryState.apply(cpu, entry, rsp, tables.root(), arena.pointer(gdt));
        LOG.info("kernel loaded at physical 0x{} (virtual 0x{}), entry 0x{}, base revision {}, {} of {} requests answered",
                Long.toHexString(kernel.physicalBase()), Long.toHexString(kernel.virtualBase()),
                Long.toHexString(entry), revision, answered, requests.size());
        return new LoadedKernel(entry, AddressSpace.HHDM_OFFSET, kernel.physicalBase(), kernel.virtualBase(),
                memoryMap, revision);
    }

    private static ElfImage parse(byte[] elf) throws KernelLoadException {
        if (elf == null) {
            throw new KernelLoadException("no kernel image");
        }
        try {
            return ElfParser.parse(elf);
        } catch (ElfFormatException e) {
            throw new KernelLoadException(e.getMessage(), e);
        }
    }

    /**
     * The end of the image's file-backed bytes: requests and tags carry non-zero IDs, so they
     * are never in the zero-filled bss, and a kernel with a huge bss is not scanned through it.
     */
    private static long fileBackedEnd(ElfImage image) {
        long end = image.lowestAddress();
        for (LoadSegment s : image.segments()) {
            long e = s.virtualAddress() + s.fileSize();
            if (e == 0) {
                return 0; // file bytes reach the top of the address space; 2^64 wraps to 0 consistently
            }
            if (Long.compareUnsigned(e, end) > 0) {
                end = e;
            }
        }
        return end;
    }

    /** Protocol, "Paging Mode Feature": refuse kernels whose minimum mode is above 4-level paging. */
    private static void checkPagingMode(Request request, RequestFields fields) throws KernelLoadException {
        if (request == null || request.revision() < 1) {
            return;
        }
        long minMode = fields.field(request, 2);
        if (minMode != ResponseWriter.PAGING_4LEVEL) {
            throw new KernelLoadException("kernel requires paging mode " + minMode
                    + " or above; JefeVM provides 4-level paging only");
        }
    }

    /** The ELF entry point, or the Entry Point feature's if requested (it must be kernel code). */
    private static long entryPoint(ElfImage image, Map<Feature, Request> requests, RequestFields fields)
            throws KernelLoadException {
        Request request = requests.get(Feature.ENTRY_POINT);
        if (request == null) {
            return image.entryPoint();
        }
        long entry = fields.field(request, 0);
        for (LoadSegment s : image.segments()) {
            if (s.executable() && Long.compareUnsigned(entry - s.virtualAddress(), s.memorySize()) < 0) {
                return entry;
            }
        }
        throw new KernelLoadException("entry point request names 0x" + Long.toHexString(entry)
                + ", which is not in an executable segment");
    }

    private static long stackSize(Request request, RequestFields fields, long ramSize) throws KernelLoadException {
        if (request == null) {
            return MIN_STACK_SIZE;
        }
        long wanted = fields.field(request, 0);
        if (Long.compareUnsigned(wanted, ramSize) > 0) {
            throw new KernelLoadException("requested stack size 0x" + Long.toHexString(wanted)
                    + " does not fit in " + BootAllocator.size(ramSize) + " of RAM");
        }
        return BootAllocator.roundUp(Math.max(wanted, MIN_STACK_SIZE), 16);
    }

    private static LoadedFile copyFile(PhysicalMemory memory, BootAllocator allocator, byte[] data, String path,
            String cmdline) throws KernelLoadException {
        // Protocol, "File Structure": files are 4 KiB aligned and own every page they touch.
        long at = allocator.allocate(Math.max(data.length, 1), BootAllocator.PAGE, MemoryType.EXECUTABLE_AND_MODULES);
        memory.fill(at, BootAllocator.roundUp(Math.max(data.length, 1), BootAllocator.PAGE), (byte) 0);
        memory.writeBytes(at, data, 0, data.length);
        return new LoadedFile(at, data.length, path, cmdline);
    }

    private static List<LoadedFile> loadModules(BootEnvironment env, PhysicalMemory memory, BootAllocator allocator)
            throws KernelLoadException {
        List<LoadedFile> loaded = new ArrayList<>();
        for (BootModule m : env.modules()) {
            String path = m.path() == null ? "/" : m.path().startsWith("/") ? m.path() : "/" + m.path();
            byte[] data = m.data() == null ? new byte[0] : m.data();
            loaded.add(copyFile(memory, allocator, data, path, m.cmdline() == null ? "" : m.cmdline()));
        }
        return loaded;
    }

    /** The memory's RAM ranges cut to their first {@code limit} bytes (an environment may offer less). */
    private static List<RamRange> ramRanges(PhysicalMemory memory, long limit) throws KernelLoadException {
        List<RamRange> out = new ArrayList<>();
        long left = limit;
        for (RamRange r : memory.ramRanges()) {
            if (left > 0) {
                out.add(new RamRange(r.base(), Math.min(r.size(), left)));
                left -= r.size();
            }
        }
        if (out.isEmpty()) {
            throw new KernelLoadException("the VM has no RAM");
        }
        return out;
    }

    private static List<MemoryRange> memoryMap(List<RamRange> ram, BootEnvironment env, List<MemoryRange> allocations) {
        MemoryMapBuilder map = new MemoryMapBuilder(ram);
        for (MemoryRange r : env.firmwareRanges()) {
            map.paint(r.base(), r.length(), r.type());
        }
        for (MemoryRange r : allocations) {
            map.paint(r.base(), r.length(), r.type());
        }
        FramebufferInfo fb = env.framebuffer();
        if (fb != null) {
            map.paint(fb.physicalAddress(), fb.byteSize(), MemoryType.FRAMEBUFFER);
        }
        return map.build();
    }

    /**
     * Protocol, "Base Revisions": a supported revision zeroes the tag's third word; an unsupported
     * one leaves it; either way the second word reports the revision actually used.
     */
    private static void answerBaseRevision(PhysicalMemory memory, RequestScanner.Result scan, int revision) {
        if (scan.baseRevisionTag() < 0) {
            return;
        }
        if (Long.compareUnsigned(scan.requestedRevision(), MAX_BASE_REVISION) <= 0) {
            memory.write64(scan.baseRevisionTag() + 16, 0);
        } else {
            LOG.warn("kernel asks for Limine base revision {}; booting it with revision {}",
                    scan.requestedRevision(), revision);
        }
        memory.write64(scan.baseRevisionTag() + 8, revision);
    }
}
