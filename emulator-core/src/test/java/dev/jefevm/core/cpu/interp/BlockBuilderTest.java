package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

/** How basic blocks are cut: at control transfers, SYSTEM instructions, REP strings and page ends. */
class BlockBuilderTest {

    private final TestMachine m = new TestMachine();
    private final BlockBuilder builder = new BlockBuilder(m.memory, m.cpu.mmu);

    @Test
    void build_endsAtTheConditionalBranch() {
        m.load(0x10000, "90" + "4801c8" + "75fa" + "90");

        Block b = builder.build(0x10000, 0x10000, 0);

        assertAll(() -> assertEquals(3, b.instructions.length), () -> assertEquals(Op.JCC, b.instructions[2].op),
                () -> assertTrue(builder.cacheable));
    }

    @Test
    void build_nopsRunningOffThePage_stopsAtThePageEnd() {
        for (long a = 0x10FF0; a < 0x11010; a++) {
            m.memory.write8(a, 0x90);
        }

        Block b = builder.build(0x10FF0, 0x10FF0, 0);

        assertEquals(16, b.instructions.length);
    }

    @Test
    void build_firstInstructionStraddlingPages_isAloneAndNotCacheable() {
        m.load(0x10FFE, "b844332211" + "90");

        Block b = builder.build(0x10FFE, 0x10FFE, 0);

        assertAll(() -> assertEquals(1, b.instructions.length), () -> assertFalse(builder.cacheable));
    }

    @Test
    void build_laterInstructionStraddlingPages_isLeftForTheNextBlock() {
        m.load(0x10FFC, "90" + "b844332211");

        Block b = builder.build(0x10FFC, 0x10FFC, 0);

        assertAll(() -> assertEquals(1, b.instructions.length), () -> assertTrue(builder.cacheable));
    }

    @Test
    void build_endsAfterSystemAndRepStringInstructions() {
        m.load(0x10000, "90" + "f3aa" + "90");
        m.load(0x10100, "90" + "0fa2" + "90");

        Block rep = builder.build(0x10000, 0x10000, 0);
        Block cpuid = builder.build(0x10100, 0x10100, 0);

        assertAll(() -> assertEquals(2, rep.instructions.length), () -> assertEquals(2, cpuid.instructions.length));
    }

    @Test
    void run_marksTheCodePage() {
        m.code("90f4");

        m.run(10);

        assertTrue(m.memory.isCodePage(TestMachine.CODE >>> 12));
    }
}
