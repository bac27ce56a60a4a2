package dev.jefevm.core.cpu.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.memory.PhysicalMemory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MmuProperties {

    private static final PhysicalMemory MEMORY = new PhysicalMemory(2 << 20);

    @Property(tries = 200, seed = "20261126")
    void tlbHit_givesTheSameTranslationAsTheWalk(@ForAll @IntRange(min = 0, max = 511) int page,
                                                  @ForAll @IntRange(min = 0, max = 4095) int offset,
                                                  @ForAll @IntRange(min = 0, max = 3) int cpl) {
        CpuState state = new CpuState();
        Mmu mmu = new Mmu(state, MEMORY);
        MEMORY.write64(0x1000, 0x2000 | 7);
        MEMORY.write64(0x2000, 0x3000 | 7);
        MEMORY.write64(0x3000, 0x4000 | 7);
        MEMORY.write64(0x4000 + page * 8L, ((0x100L + page) << 12) | 7);
        state.cr3 = 0x1000;
        state.cr4 = 1 << 5;
        state.efer = (1 << 8) | (1 << 10);
        state.cr0 = (1L << 31) | 1;
        state.cpl = cpl;
        long linear = ((long) page << 12) | offset;

        long walked = mmu.translate(linear, Mmu.READ);
        long cached = mmu.translate(linear, Mmu.READ);

        assertEquals(((0x100L + page) << 12) | offset, walked);
        assertEquals(walked, cached);
    }
}
