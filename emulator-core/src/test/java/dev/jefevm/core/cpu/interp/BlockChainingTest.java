package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import org.junit.jupiter.api.Test;

/** Links between blocks must never outlive the translation or the code they were made under. */
class BlockChainingTest {

    private final TestMachine m = new TestMachine();

    @Test
    void run_afterRemapAndInvlpg_followsTheNewMappingNotTheLink() {
        // top:  call 0x200100             (linked to the code mapped there)
        //       mov [0x3008], rdx         (PD entry 1: linear 2 MiB now maps physical 0)
        //       invlpg [0x200100]
        //       jmp top
        m.code("e8fb001f00 4889142508300000 0f013c2500012000 ebe9");
        m.load(0x200100, "48ffc0 c3");     // old mapping: inc rax; ret
        m.load(0x000100, "4883c064 f4");   // new mapping: add rax, 100; hlt
        m.state.gpr[CpuState.RDX] = 0x83;      // P, RW, 2 MiB page at physical 0

        RunResult r = m.run(1000);

        assertEquals(RunResult.HALTED, r);
        assertEquals(101, m.reg(CpuState.RAX));
    }

    @Test
    void run_afterStoreIntoLinkedBlock_executesTheNewBytes() {
        // top:  call 0x20000 ; mov byte [0x20002], 0xc8 (turns "inc rax" into "dec rax") ; jmp top
        // 0x20000: inc rax ; cmp rax, -3 ; je done ; ret   done: hlt
        m.code("e8fbff0000 c60425020002 00c8 ebf1");
        m.load(0x20000, "48ffc0 4883f8fd 7401 c3 f4");

        RunResult r = m.run(1000);

        assertEquals(RunResult.HALTED, r);
        assertEquals(-3L, m.reg(CpuState.RAX));
    }
}
