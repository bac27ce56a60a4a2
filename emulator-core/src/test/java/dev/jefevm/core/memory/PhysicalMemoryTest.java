package dev.jefevm.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {

    private final PhysicalMemory memory = new PhysicalMemory(1 << 20);

    @Test
    void newRam_readsAsZero() {
        assertEquals(0, memory.read64(0));
        assertEquals(0, memory.read64((1 << 20) - 8));
    }

    @Test
    void writes_areLittleEndianAndReadBackAtEveryWidth() {
        memory.write64(0x100, 0x1122_3344_5566_7788L);

        assertEquals(0x88, memory.read8(0x100));
        assertEquals(0x7788, memory.read16(0x100));
        assertEquals(0x5566_7788, memory.read32(0x100));
        assertEquals(0x3344_5566, memory.read32(0x102));
    }

    @Test
    void unmappedAddresses_readAllOnesAndDropWrites() {
        memory.write32(0x4000_0000L, 0x1234);

        assertEquals(0xFF, memory.read8(0x4000_0000L));
        assertEquals(-1, memory.read32(0x4000_0000L));
    }

    @Test
    void accessStraddlingTheEndOfRam_readsRamBytesThenOnes() {
        memory.write8((1 << 20) - 1, 0xAB);

        assertEquals(0xFFAB, memory.read16((1 << 20) - 1));
    }

    @Test
    void mmioRegion_seesOffsetsNotAddresses() {
        List<String> log = new ArrayList<>();
        memory.mapMmio(0xFEC0_0000L, 0x1000, new MmioHandler() {
            @Override
            public long read(long offset, int size) {
                log.add("read " + offset + "/" + size);
                return 0x42;
            }

            @Override
            public void write(long offset, int size, long value) {
                log.add("write " + offset + "/" + size + "=" + value);
            }
        }, "test device");

        memory.write32(0xFEC0_0010L, 7);
        int value = memory.read16(0xFEC0_0020L);

        assertEquals(0x42, value);
        assertEquals(List.of("write 16/4=7", "read 32/2"), log);
    }

    @Test
    void mappedSegment_isPlainMemory() {
        MemorySegment fb = Arena.ofAuto().allocate(0x1000);
        memory.mapSegment(0xFD00_0000L, fb, "framebuffer");

        memory.write32(0xFD00_0004L, 0x00FF_0000);

        assertEquals(0x00FF_0000, fb.get(java.lang.foreign.ValueLayout.JAVA_INT, 4));
    }

    @Test
    void overlappingRegions_areRefused() {
        memory.mapSegment(0xFD00_0000L, Arena.ofAuto().allocate(0x2000), "a");

        assertThrows(IllegalArgumentException.class,
                () -> memory.mapSegment(0xFD00_1000L, Arena.ofAuto().allocate(0x1000), "b"));
        assertThrows(IllegalArgumentException.class,
                () -> memory.mapSegment(0x1000, Arena.ofAuto().allocate(0x1000), "over RAM"));
    }

    @Test
    void writeToACodePage_notifiesOnceAndUnmarks() {
        List<Long> written = new ArrayList<>();
        memory.setCodeWriteListener(written::add);
        memory.markCodePage(3);

        memory.write8(0x3010, 1);
        memory.write8(0x3011, 2);

        assertEquals(List.of(3L), written);
        assertTrue(!memory.isCodePage(3));
    }

    @Test
    void writeStraddlingIntoACodePage_notifiesThatPage() {
        List<Long> written = new ArrayList<>();
        memory.setCodeWriteListener(written::add);
        memory.markCodePage(5);

        memory.write64(0x4FFC, -1L);

        assertEquals(List.of(5L), written);
    }
}
