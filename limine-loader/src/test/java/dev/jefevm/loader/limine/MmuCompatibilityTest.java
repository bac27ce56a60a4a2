package dev.jefevm.loader.limine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.loader.elf.ElfBuilder;
import org.junit.jupiter.api.Test;

/** The emulator's own MMU walks the loader's page tables the same way the test walker does. */
class MmuCompatibilityTest {

    @Test
    void mmu_translatesKernelAndDirectMapThroughLoaderTables() throws KernelLoadException {
        TestBoard board = new TestBoard();
        LoadedKernel k = board.boot(ElfBuilder.kernelWithData(new byte[64]).build());
        Mmu mmu = new Mmu(board.cpu, board.memory);

        assertEquals(k.kernelPhysicalBase(), mmu.translate(ElfBuilder.TEXT, Mmu.FETCH));
        assertEquals(0x202000, mmu.translate(ElfBuilder.DATA, Mmu.WRITE));
        assertEquals(0xE0000, mmu.translate(k.hhdmOffset() + 0xE0000, Mmu.READ));
        assertThrows(CpuFault.class, () -> mmu.translate(ElfBuilder.TEXT, Mmu.WRITE));
        assertThrows(CpuFault.class, () -> mmu.translate(ElfBuilder.DATA, Mmu.FETCH));
    }
}
