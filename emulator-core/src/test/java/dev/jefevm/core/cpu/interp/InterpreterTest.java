package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.platform.Platform;
import org.junit.jupiter.api.Test;

/** The execution loop end to end: guest programs in identity-paged long mode run through Cpu.run. */
class InterpreterTest {

    /** Sum 10..1, recursive fib(15), REP MOVSB of a string, REP STOSQ, HLT (assembled with GNU as). */
    private static final String PROGRAM = "b90a00000031c04801c848ffc975f84989c4bf0f000000e8340000004889042500000400"
            + "488d3548000000bf00010400b90c000000fcf3a4bf0002040048b80101010101010101b904000000f348abf4"
            + "4883ff0272195748ffcfe8f1ffffff5f504883ef02e8e6ffffff594801c8c34889f8c3"
            + "68656c6c6f2c20776f726c64";

    @Test
    void run_guestProgram_computesResultsAndHalts() {
        TestMachine m = new TestMachine();
        m.code(PROGRAM);

        RunResult result = m.run(1_000_000);

        byte[] text = new byte[12];
        m.memory.readBytes(0x40100, text, 0, 12);
        assertAll(() -> assertEquals(RunResult.HALTED, result),
                () -> assertEquals(55, m.reg(12)),
                () -> assertEquals(610, m.memory.read64(0x40000)),
                () -> assertEquals("hello, world", new String(text, java.nio.charset.StandardCharsets.US_ASCII)),
                () -> assertEquals(0x0101010101010101L, m.memory.read64(0x40218)),
                () -> assertEquals(0, m.memory.read64(0x40220)),
                () -> assertEquals(TestMachine.STACK_TOP, m.reg(CpuState.RSP)));
    }

    @Test
    void run_budget_retiresExactlyThatManyInstructions() {
        TestMachine m = new TestMachine();
        m.code(PROGRAM);

        RunResult result = m.run(3); // mov ecx,10; xor eax,eax; add rax,rcx

        assertAll(() -> assertEquals(RunResult.BUDGET_EXHAUSTED, result),
                () -> assertEquals(3, m.platform.clock.retiredInstructions()),
                () -> assertEquals(TestMachine.CODE + 10, m.state.rip),
                () -> assertEquals(10, m.reg(CpuState.RAX)));
    }

    @Test
    void run_storeIntoCurrentBlock_executesModifiedInstruction() {
        TestMachine m = new TestMachine();
        // mov byte [rip+1], 0x2a ; mov al, 0 ; hlt -- the store patches mov al's immediate
        m.code("c605010000002a" + "b000" + "f4");

        m.run(100);

        assertEquals(0x2A, m.reg(CpuState.RAX) & 0xFF);
    }

    @Test
    void run_codeRewrittenAfterItWasCached_runsNewCode() {
        TestMachine m = new TestMachine();
        m.code("b001f4"); // mov al, 1 ; hlt
        m.run(100);
        m.code("b002f4"); // mov al, 2 ; hlt
        m.state.halted = false;

        m.run(100);

        assertEquals(2, m.reg(CpuState.RAX) & 0xFF);
    }

    @Test
    void run_loopOverPatchedCodeEveryIteration_seesEachPatch() {
        TestMachine m = new TestMachine();
        // rcx = 3; loop: add byte [rip+patch], 1 ; patch: add rbx, 0 (imm8 patched) ; dec rcx ; jnz loop ; hlt
        //   80 05 03 00 00 00 01   add byte [rip+3], 1   (targets the imm8 of the next instruction)
        //   48 83 c3 00            add rbx, imm8
        m.code("b903000000" + "80050300000001" + "4883c300" + "48ffc9" + "75f0" + "f4");

        m.run(1000);

        assertEquals(1 + 2 + 3, m.reg(CpuState.RBX));
    }

    @Test
    void run_divideByZeroWithIdt_deliversDivideErrorWithRipAtDiv() {
        TestMachine m = new TestMachine();
        installIdt(m, 0x11000);
        m.load(0x11000, "f4"); // handler: hlt
        m.code("31c9" + "48f7f1" + "90"); // xor ecx,ecx ; div rcx ; nop

        RunResult result = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, result),
                () -> assertEquals(0x11001, m.state.rip),
                () -> assertEquals(TestMachine.CODE + 2, m.memory.read64(m.reg(CpuState.RSP))));
    }

    @Test
    void run_undefinedOpcodeWithoutIdt_stopsWithTripleFaultAtTheInstruction() {
        TestMachine m = new TestMachine();
        m.state.idtrLimit = 0;
        m.code("90" + "0f0b"); // nop ; ud2

        m.run(100);

        assertAll(() -> assertEquals(Platform.StopReason.TRIPLE_FAULT, m.platform.stopReason),
                () -> assertEquals(TestMachine.CODE + 1, m.state.rip));
    }

    @Test
    void run_pageFaultInsideRepStos_leavesCountAndPointerAtProgress() {
        TestMachine m = new TestMachine();
        m.state.idtrLimit = 0;
        m.memory.write64(0x3008, 0); // unmap 2 MiB .. 4 MiB
        m.cpu.mmu.flushAll();
        m.state.gpr[CpuState.RDI] = 0x1FFFF0;
        m.state.gpr[CpuState.RCX] = 32;
        m.state.gpr[CpuState.RAX] = 0xAB;
        m.code("f3aa"); // rep stosb

        m.run(100);

        assertAll(() -> assertEquals(16, m.reg(CpuState.RCX)),
                () -> assertEquals(0x200000, m.reg(CpuState.RDI)),
                () -> assertEquals(0xAB, m.memory.read8(0x1FFFFF)),
                () -> assertEquals(0x200000L, m.state.cr2),
                () -> assertEquals(TestMachine.CODE, m.state.rip));
    }

    @Test
    void run_afterHlt_returnsHaltedWithoutRetiringMore() {
        TestMachine m = new TestMachine();
        m.code("f4");

        RunResult first = m.run(10);
        RunResult second = m.run(10);

        assertAll(() -> assertEquals(RunResult.HALTED, first), () -> assertEquals(RunResult.HALTED, second),
                () -> assertEquals(1, m.platform.clock.retiredInstructions()));
    }

    @Test
    void requestStop_duringRun_returnsStopped() {
        TestMachine m = new TestMachine();
        m.code("ebfe"); // jmp $
        m.cpu.requestStop();

        assertEquals(RunResult.STOPPED, m.run(1_000));
    }

    @Test
    void run_interruptPendingAfterSti_waitsOneInstruction() {
        TestMachine m = new TestMachine();
        installIdt(m, 0x11000);
        m.load(0x11000, "f4"); // handler: hlt
        m.platform.pendingVector = 0x20;
        m.code("fb" + "90" + "90" + "f4"); // sti ; nop ; nop ; hlt

        m.run(100);

        assertAll(() -> assertEquals(0x11001, m.state.rip),
                () -> assertEquals(TestMachine.CODE + 2, m.memory.read64(m.reg(CpuState.RSP))));
    }

    @Test
    void run_interruptWhileHalted_wakesAndResumesAfterHlt() {
        TestMachine m = new TestMachine();
        installIdt(m, 0x11000);
        m.load(0x11000, "48cf"); // handler: iretq
        m.code("fb" + "f4" + "bb01000000" + "f4"); // sti ; hlt ; mov ebx, 1 ; hlt
        RunResult first = m.run(100);
        m.platform.pendingVector = 0x21;

        RunResult second = m.run(100);

        assertAll(() -> assertEquals(RunResult.HALTED, first), () -> assertEquals(RunResult.HALTED, second),
                () -> assertEquals(1, m.reg(CpuState.RBX)), () -> assertEquals(TestMachine.CODE + 8, m.state.rip));
    }

    @Test
    void run_instructionStraddlingPages_decodesAcrossTheBoundary() {
        TestMachine m = new TestMachine();
        long start = 0x10FFD; // mov eax, imm32 (5 bytes) crosses into the next page
        m.load(start, "b844332211" + "f4");
        m.state.rip = start;

        m.run(100);

        assertAll(() -> assertEquals(0x11223344, m.reg(CpuState.RAX)), () -> assertEquals(start + 6, m.state.rip));
    }

    @Test
    void run_fetchFromUnmappedPage_raisesPageFaultWithInstructionFetchAddress() {
        TestMachine m = new TestMachine();
        m.state.idtrLimit = 0;
        m.memory.write64(0x3008, 0); // unmap 2 MiB .. 4 MiB
        m.load(0x1FFFFE, "eb00"); // jmp to 0x200000
        m.state.rip = 0x1FFFFE;

        m.run(100);

        assertAll(() -> assertEquals(0x200000L, m.state.cr2), () -> assertEquals(0x200000L, m.state.rip));
    }

    /** A GDT with a 64-bit ring-0 code segment at 0x08 and data at 0x10, and an IDT whose 64 gates all go to {@code handler}. */
    static void installIdt(TestMachine m, long handler) {
        m.memory.write64(0x5000, 0);
        m.memory.write64(0x5008, 0x00AF9A000000FFFFL);
        m.memory.write64(0x5010, 0x00CF92000000FFFFL);
        m.state.gdtrBase = 0x5000;
        m.state.gdtrLimit = 0x17;
        for (int v = 0; v < 64; v++) {
            long low = (handler & 0xFFFF) | (0x08L << 16) | (0x8EL << 40) | ((handler >>> 16) & 0xFFFF) << 48;
            m.memory.write64(0x6000 + v * 16L, low);
            m.memory.write64(0x6008 + v * 16L, handler >>> 32);
        }
        m.state.idtrBase = 0x6000;
        m.state.idtrLimit = 64 * 16 - 1;
    }

}
