package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.loader.elf.ElfBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 6 GiB machine laid out as a PC: 3 GiB below the PCI hole at 3 GiB, 3 GiB from 4 GiB up. */
class SplitRamLoaderTest {

    private static final long HHDM = 0xFFFF_8000_0000_0000L;
    private static final long HOLE = 0xC000_0000L;
    private static final long FOUR_GIB = 1L << 32;
    private static final long RAM = 6L << 30;
    /** Shared: guest RAM is off-heap and reserved, not touched, so one 6 GiB block costs nothing. */
    private static final PhysicalMemory MEMORY = new PhysicalMemory(RAM, HOLE);

    private final CpuState cpu = new CpuState();

    private LoadedKernel boot(long revision) throws KernelLoadException {
        MEMORY.clear();
        RequestImage data = new RequestImage();
        data.baseRevision(revision);
        byte[] elf = ElfBuilder.kernelWithData(data.bytes()).build();
        BootEnvironment env = new BootEnvironment(MEMORY, MEMORY.ramSize(), TestBoard.FIRMWARE, TestBoard.FRAMEBUFFER,
                TestBoard.RSDP, "", List.of(), TestBoard.EPOCH);
        return LimineLoader.load(elf, env, cpu);
    }

    private static List<MemoryRange> ofType(List<MemoryRange> map, MemoryType type) {
        return map.stream().filter(r -> r.type() == type).toList();
    }

    @Test
    void memoryMap_reportsUsableRamOnBothSidesOfTheHole() throws KernelLoadException {
        List<MemoryRange> map = boot(3).memoryMap();

        List<MemoryRange> usable = ofType(map, MemoryType.USABLE);
        assertEquals(new MemoryRange(FOUR_GIB, 3L << 30, MemoryType.USABLE), usable.getLast());
        assertEquals(HOLE, usable.get(usable.size() - 2).end(), "low RAM is usable up to the hole");
    }

    @Test
    void memoryMap_holdsNothingButTheFramebufferInTheHole() throws KernelLoadException {
        for (MemoryRange r : boot(3).memoryMap()) {
            boolean inHole = r.end() > HOLE && r.base() < FOUR_GIB;

            assertTrue(!inHole || r.type() == MemoryType.FRAMEBUFFER, r.toString());
        }
    }

    @Test
    void memoryMap_isSortedDisjointAndCoversAllRam() throws KernelLoadException {
        List<MemoryRange> map = boot(3).memoryMap();
        long covered = 0;

        for (int i = 0; i < map.size(); i++) {
            MemoryRange r = map.get(i);
            if (i > 0) {
                assertTrue(map.get(i - 1).end() <= r.base(), "entry " + i + " after entry " + (i - 1));
            }
            if (r.type() != MemoryType.FRAMEBUFFER) {
                covered += r.length();
            }
        }

        assertEquals(RAM, covered);
    }

    @Test
    void hhdm_mapsHighRamAndTheFramebufferButNotTheHole() throws KernelLoadException {
        boot(3);
        GuestView guest = new GuestView(MEMORY, cpu.cr3);

        assertEquals(FOUR_GIB, guest.translate(HHDM + FOUR_GIB));
        assertEquals((7L << 30) - 8, guest.translate(HHDM + (7L << 30) - 8));
        assertEquals(HOLE - 8, guest.translate(HHDM + HOLE - 8));
        assertEquals(0xFD00_0000L, guest.translate(HHDM + 0xFD00_0000L));
        assertEquals(-1, guest.translate(HHDM + HOLE));
        assertEquals(-1, guest.translate(HHDM + (7L << 30)));
    }

    @Test
    void revision2_directMapsTheFirst4GiBAndHighRam() throws KernelLoadException {
        boot(2);
        GuestView guest = new GuestView(MEMORY, cpu.cr3);

        assertEquals(HOLE, guest.translate(HHDM + HOLE));
        assertEquals((7L << 30) - 8, guest.translate(HHDM + (7L << 30) - 8));
    }
}
