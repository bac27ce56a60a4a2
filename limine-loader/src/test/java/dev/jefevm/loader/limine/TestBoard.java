package dev.jefevm.loader.limine;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import java.util.List;

/** A small board for loader tests: the board's low-memory layout, its framebuffer and RSDP. */
final class TestBoard {

    static final long RAM = 16L << 20;
    static final long RSDP = 0xE0000;
    static final long EPOCH = 1_700_000_000L;
    static final FramebufferInfo FRAMEBUFFER = new FramebufferInfo(0xFD00_0000L, 1024, 768, 4096, 32, 16, 8, 8, 8, 0, 8);
    static final List<MemoryRange> FIRMWARE = List.of(
            new MemoryRange(0, 0x1000, MemoryType.RESERVED),
            new MemoryRange(0x80000, 0x60000, MemoryType.RESERVED),
            new MemoryRange(0xE0000, 0x20000, MemoryType.ACPI_RECLAIMABLE));

    /** One RAM for all tests (they run one at a time): guest RAM is off-heap and never freed. */
    private static final PhysicalMemory SHARED_RAM = new PhysicalMemory(RAM);

    final PhysicalMemory memory = SHARED_RAM;
    final CpuState cpu = new CpuState();

    /** A board with zeroed RAM and a CPU in its reset state. */
    TestBoard() {
        memory.fill(0, RAM, (byte) 0);
    }

    BootEnvironment environment(List<BootModule> modules) {
        return new BootEnvironment(memory, memory.ramSize(), FIRMWARE, FRAMEBUFFER, RSDP, "quiet splash", modules, EPOCH);
    }

    LoadedKernel boot(byte[] elf) throws KernelLoadException {
        return LimineLoader.load(elf, environment(List.of()), cpu);
    }

    LoadedKernel boot(byte[] elf, List<BootModule> modules) throws KernelLoadException {
        return LimineLoader.load(elf, environment(modules), cpu);
    }

    GuestView guest() {
        return new GuestView(memory, cpu.cr3);
    }
}
