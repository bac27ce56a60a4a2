package dev.jefevm.core.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RAM split around a PCI hole: 32 MiB at address 0 and 32 MiB at 4 GiB (a scaled-down PC layout). */
class PhysicalMemoryLayoutTest {

    private static final long LOW = 32L << 20;
    private static final long HIGH = PhysicalMemory.HIGH_RAM_BASE;
    private final PhysicalMemory memory = new PhysicalMemory(64L << 20, LOW);

    @Test
    void ramRanges_areLowRamThenTheRestAboveFourGiB() {
        assertEquals(List.of(new RamRange(0, LOW), new RamRange(HIGH, 32L << 20)), memory.ramRanges());
        assertEquals(64L << 20, memory.ramSize());
    }

    @Test
    void ramBelowTheLimit_isOneRange() {
        PhysicalMemory small = new PhysicalMemory(16L << 20, 0xC000_0000L);

        assertEquals(List.of(new RamRange(0, 16L << 20)), small.ramRanges());
        assertEquals(4096, small.frameLimit());
    }

    @Test
    void highRam_readsBackAtEveryWidth() {
        memory.write64(HIGH + 0x100, 0x1122_3344_5566_7788L);
        memory.write8(HIGH + (32L << 20) - 1, 0x5A);

        assertEquals(0x88, memory.read8(HIGH + 0x100));
        assertEquals(0x7788, memory.read16(HIGH + 0x100));
        assertEquals(0x3344_5566, memory.read32(HIGH + 0x102));
        assertEquals(0x1122_3344_5566_7788L, memory.read64(HIGH + 0x100));
        assertEquals(0x5A, memory.read8(HIGH + (32L << 20) - 1));
    }

    @Test
    void highRam_followsLowRamInTheSegment() {
        memory.write32(HIGH, 0xCAFE_F00D);
        memory.write32(LOW - 4, 0x1234_5678);

        assertEquals(0xCAFE_F00D, memory.ram().get(ValueLayout.JAVA_INT_UNALIGNED, LOW));
        assertEquals(0x1234_5678, memory.ram().get(ValueLayout.JAVA_INT_UNALIGNED, LOW - 4));
    }

    @Test
    void theHole_floatsHighAndDropsWrites() {
        memory.write32(LOW, 0x1234);
        memory.write64(HIGH - 8, 0x1234);

        assertEquals(0xFF, memory.read8(LOW));
        assertEquals(-1L, memory.read64(HIGH - 8));
        assertEquals(0, memory.ram().get(ValueLayout.JAVA_INT_UNALIGNED, LOW));
        assertEquals(-1L, memory.read64(HIGH + (32L << 20)));
    }

    @Test
    void accessStraddlingTheHoleEdge_readsRamBytesThenOnes() {
        memory.write8(LOW - 1, 0xAB);
        memory.write8(HIGH, 0xCD);

        assertEquals(0xFFAB, memory.read16(LOW - 1));
        assertEquals(0xCDFF_FFFFL, memory.read32(HIGH - 3) & 0xFFFF_FFFFL);
    }

    @Test
    void isRam_acceptsEachRangeButNotTheHoleOrACrossing() {
        assertTrue(memory.isRam(0, LOW));
        assertTrue(memory.isRam(HIGH, 32L << 20));
        assertFalse(memory.isRam(LOW - 4096, 8192));
        assertFalse(memory.isRam(LOW, 4096));
        assertFalse(memory.isRam(HIGH + (32L << 20) - 4, 8));
        assertTrue(memory.isRamFrame(HIGH >>> 12));
        assertFalse(memory.isRamFrame(LOW >>> 12));
        assertEquals((int) ((HIGH + (32L << 20)) >>> 12), memory.frameLimit());
    }

    @Test
    void bulkCopiesAndDirectViews_reachHighRam() {
        byte[] data = {1, 2, 3, 4, 5};
        memory.writeBytes(HIGH + 0x2000, data, 0, data.length);
        byte[] back = new byte[5];

        memory.readBytes(HIGH + 0x2000, back, 0, back.length);

        assertArrayEquals(data, back);
        assertEquals(3, memory.directView(HIGH + 0x2000, 5).get(ValueLayout.JAVA_BYTE, 2));
        assertNull(memory.directView(LOW, 16));
    }

    @Test
    void fillAndClear_zeroHighRam() {
        memory.fill(HIGH + 0x1000, 0x1000, (byte) 0x77);
        assertEquals(0x7777_7777, memory.read32(HIGH + 0x1800));

        memory.clear();

        assertEquals(0, memory.read32(HIGH + 0x1800));
        assertThrows(IllegalArgumentException.class, () -> memory.fill(LOW - 0x1000, 0x2000, (byte) 0));
    }

    @Test
    void codePageInHighRam_notifiesItsFrame() {
        List<Long> written = new ArrayList<>();
        memory.setCodeWriteListener(written::add);
        long frame = (HIGH + 0x5000) >>> 12;
        memory.markCodePage(frame);

        memory.write16(HIGH + 0x5FFF, 0xFFFF);
        memory.write8(HIGH + 0x5000, 1);

        assertEquals(List.of(frame), written);
        assertFalse(memory.isCodePage(frame));
    }

    @Test
    void codePageMarksInTheHole_areIgnored() {
        memory.markCodePage(LOW >>> 12);

        assertFalse(memory.isCodePage(LOW >>> 12));
    }

    @Test
    void segmentsInTheHole_mapButNotOverHighRam() {
        memory.mapSegment(0xFD00_0000L, Arena.ofAuto().allocate(0x1000), "framebuffer");
        memory.write32(0xFD00_0000L, 0x00FF_0000);

        assertEquals(0x00FF_0000, memory.read32(0xFD00_0000L));
        assertThrows(IllegalArgumentException.class,
                () -> memory.mapSegment(HIGH + 0x1000, Arena.ofAuto().allocate(0x1000), "over high RAM"));
        assertThrows(IllegalArgumentException.class,
                () -> memory.mapMmio(HIGH - 0x1000, 0x2000, null, "across the hole's end"));
    }

    @Test
    void lowLimitAboveFourGiB_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PhysicalMemory(8L << 30, 5L << 30));
    }

    @Test
    void boardLayout_sixGiB_putsThreeGiBAboveTheHole() {
        PhysicalMemory six = new PhysicalMemory(6L << 30, 0xC000_0000L);

        six.write64((7L << 30) - 8, 42);

        assertEquals(List.of(new RamRange(0, 3L << 30), new RamRange(HIGH, 3L << 30)), six.ramRanges());
        assertEquals(42, six.read64((7L << 30) - 8));
        assertEquals(-1L, six.read64(0xC000_0000L));
    }
}
