package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.loader.elf.ElfBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryMapTest {

    private final TestBoard board = new TestBoard();

    private List<MemoryRange> bootAndMap() throws KernelLoadException {
        return board.boot(ElfBuilder.kernelWithData(new byte[64]).build(),
                List.of(new BootModule("/m", "", new byte[5000]))).memoryMap();
    }

    private static MemoryType typeAt(List<MemoryRange> map, long address) {
        for (MemoryRange r : map) {
            if (address >= r.base() && address < r.end()) {
                return r.type();
            }
        }
        return null;
    }

    @Test
    void memoryMap_isSortedAndNonOverlapping() throws KernelLoadException {
        List<MemoryRange> map = bootAndMap();

        for (int i = 1; i < map.size(); i++) {
            assertTrue(map.get(i - 1).end() <= map.get(i).base(), "entry " + i + " after entry " + (i - 1));
        }
    }

    @Test
    void memoryMap_usableAndReclaimableEntriesArePageAligned() throws KernelLoadException {
        for (MemoryRange r : bootAndMap()) {
            if (r.type() == MemoryType.USABLE || r.type() == MemoryType.BOOTLOADER_RECLAIMABLE) {
                assertEquals(0, r.base() % 4096, r.toString());
                assertEquals(0, r.length() % 4096, r.toString());
            }
        }
    }

    @Test
    void memoryMap_reportsBoardRangesKernelLoaderDataAndFramebuffer() throws KernelLoadException {
        List<MemoryRange> map = bootAndMap();

        assertEquals(MemoryType.RESERVED, typeAt(map, 0));
        assertEquals(MemoryType.USABLE, typeAt(map, 0x1000));
        assertEquals(MemoryType.RESERVED, typeAt(map, 0x80000));
        assertEquals(MemoryType.ACPI_RECLAIMABLE, typeAt(map, 0xE0000));
        assertEquals(MemoryType.USABLE, typeAt(map, 0x100000));
        assertEquals(MemoryType.EXECUTABLE_AND_MODULES, typeAt(map, 0x200000));
        assertEquals(MemoryType.FRAMEBUFFER, typeAt(map, 0xFD00_0000L));
        assertEquals(MemoryType.USABLE, typeAt(map, TestBoard.RAM - 4096));
        assertTrue(map.stream().anyMatch(r -> r.type() == MemoryType.BOOTLOADER_RECLAIMABLE));
    }

    @Test
    void memoryMap_coversAllRam() throws KernelLoadException {
        long covered = 0;
        for (MemoryRange r : bootAndMap()) {
            if (r.type() != MemoryType.FRAMEBUFFER) {
                covered += r.length();
            }
        }

        assertEquals(TestBoard.RAM, covered);
    }

    @Test
    void paint_unalignedFirmwareRange_shrinksNeighbouringUsablePages() {
        List<MemoryRange> map = new MemoryMapBuilder(0x10000)
                .paint(0x1800, 0x100, MemoryType.ACPI_NVS).build();

        assertEquals(List.of(
                new MemoryRange(0, 0x1000, MemoryType.USABLE),
                new MemoryRange(0x1800, 0x100, MemoryType.ACPI_NVS),
                new MemoryRange(0x2000, 0xE000, MemoryType.USABLE)), map);
    }

    @Test
    void paint_adjacentRangesOfOneType_merge() {
        List<MemoryRange> map = new MemoryMapBuilder(0x10000)
                .paint(0x1000, 0x1000, MemoryType.BOOTLOADER_RECLAIMABLE)
                .paint(0x2000, 0x1000, MemoryType.BOOTLOADER_RECLAIMABLE)
                .build();

        assertEquals(new MemoryRange(0x1000, 0x2000, MemoryType.BOOTLOADER_RECLAIMABLE), map.get(1));
    }
}
