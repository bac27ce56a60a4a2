package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Instruction semantics that go beyond one ALU result: string operations with REP prefixes,
 * stack frames, atomic exchanges, bit offsets into memory, CMOV zero-extension, 128-bit
 * division, and the no-partial-effect rule on faults. Code assembled with GNU as (SDM syntax).
 */
class IntegerSemanticsTest {

    private static TestMachine run(TestMachine m, String code) {
        m.code(code);
        RunResult r = m.run(10_000_000);
        assertEquals(RunResult.HALTED, r);
        return m;
    }

    private static TestMachine run(String code) {
        return run(new TestMachine(), code);
    }

    @Test
    void repMovsb_overlappingForward_replicatesTheFirstByte() {
        TestMachine m = new TestMachine();
        m.memory.write8(0x40000, 0xAB);

        run(m, "48c7c60000040048c7c701000400b908000000f3a4f4");

        assertAll(() -> assertEquals(0xABABABABABABABABL, m.memory.read64(0x40001)),
                () -> assertEquals(0, m.reg(CpuState.RCX)), () -> assertEquals(0x40008, m.reg(CpuState.RSI)),
                () -> assertEquals(0x40009, m.reg(CpuState.RDI)));
    }

    @Test
    void repStosd_withDirectionFlag_fillsDownwards() {
        TestMachine m = run("fd48c7c70c000400b844332211b904000000f3abfcf4");

        assertAll(() -> assertEquals(0x1122334411223344L, m.memory.read64(0x40000)),
                () -> assertEquals(0x1122334411223344L, m.memory.read64(0x40008)),
                () -> assertEquals(0, m.memory.read32(0x40010)), () -> assertEquals(0x3FFFC, m.reg(CpuState.RDI)));
    }

    @Test
    void repneScasb_stopsAfterTheMatch() {
        TestMachine m = new TestMachine();
        m.memory.write8(0x40009, 0x5A);

        run(m, "48c7c700000400b05a48c7c164000000f2aef4");

        assertAll(() -> assertEquals(0x4000A, m.reg(CpuState.RDI)), () -> assertEquals(90, m.reg(CpuState.RCX)),
                () -> assertTrue(Flags.zf(m.state)));
    }

    @Test
    void repeCmpsb_stopsAfterTheFirstDifference() {
        TestMachine m = new TestMachine();
        m.memory.writeBytes(0x40000, "abcdefghij".getBytes(StandardCharsets.US_ASCII), 0, 10);
        m.memory.writeBytes(0x40100, "abcdeXghij".getBytes(StandardCharsets.US_ASCII), 0, 10);

        run(m, "48c7c60000040048c7c70001040048c7c10a000000f3a6f4");

        assertAll(() -> assertEquals(4, m.reg(CpuState.RCX)), () -> assertEquals(0x40006, m.reg(CpuState.RSI)),
                () -> assertFalse(Flags.zf(m.state)), () -> assertFalse(Flags.cf(m.state))); // 'f' > 'X'
    }

    @Test
    void repStosb_withAddressSizePrefix_usesEcxAndEdi() {
        TestMachine m = run("48bf000004000100000048b90400000001000000b07767f3aaf4");

        assertAll(() -> assertEquals(0x77777777, m.memory.read32(0x40000)), () -> assertEquals(0, m.memory.read8(0x40004)),
                () -> assertEquals(0, m.reg(CpuState.RCX)), () -> assertEquals(0x40004, m.reg(CpuState.RDI)));
    }

    @Test
    void lods_loadsAndAdvances() {
        TestMachine m = new TestMachine();
        m.memory.write64(0x40000, 0x1122334455667788L);
        m.memory.write16(0x40008, 0x99AA);

        run(m, "48c7c60000040048ad66adf4");

        assertAll(() -> assertEquals(0x11223344556699AAL, m.reg(CpuState.RAX)), () -> assertEquals(0x4000A, m.reg(CpuState.RSI)));
    }

    @Test
    void repMovsd_oneMebibyte_copiesEveryByte() {
        TestMachine m = new TestMachine();
        for (long a = 0x100000; a < 0x200000; a += 8) {
            m.memory.write64(a, a * 0x9E3779B97F4A7C15L);
        }

        run(m, "48c7c60000100048c7c700002000b900000400f3a5f4");

        assertAll(() -> assertEquals(0x100000L * 0x9E3779B97F4A7C15L, m.memory.read64(0x200000)),
                () -> assertEquals(0x1FFFF8L * 0x9E3779B97F4A7C15L, m.memory.read64(0x2FFFF8)),
                () -> assertEquals(0, m.memory.read64(0x300000)), () -> assertEquals(0x300000, m.reg(CpuState.RDI)));
    }

    @Test
    void btsAndBt_registerOffsetIntoMemory_addressBeyondAndBeforeTheOperand() {
        TestMachine m = new TestMachine();
        m.memory.write64(0x3FFF8, 0x8000_0000_0000_0000L);

        run(m, "48c7c30000040048c7c144000000480fab0b48c7c1ffffffff480fa30bf4");

        assertAll(() -> assertEquals(0x10, m.memory.read64(0x40008)), () -> assertEquals(0, m.memory.read64(0x40000)),
                () -> assertTrue(Flags.cf(m.state)));
    }

    @Test
    void cmov32_conditionFalse_stillZeroExtendsDestination() {
        TestMachine m = run("48c7c0ffffffff48c7c10500000031d20f45c1f4");

        assertEquals(0xFFFF_FFFFL, m.reg(CpuState.RAX));
    }

    @Test
    void cmpxchg_equalThenUnequal_storesThenLoads() {
        TestMachine m = run("48c7c30000040048c70307000000b807000000b909000000f0480fb10bb801000000480fb10bf4");

        assertAll(() -> assertEquals(9, m.memory.read64(0x40000)), () -> assertEquals(9, m.reg(CpuState.RAX)),
                () -> assertFalse(Flags.zf(m.state)));
    }

    @Test
    void cmpxchg16b_equal_storesRcxRbx() {
        TestMachine m = new TestMachine();
        m.memory.write64(0x40000, 1);
        m.memory.write64(0x40008, 2);

        run(m, "48c7c70000040048c7c00100000048c7c20200000048c7c30300000048c7c104000000f0480fc70ff4");

        assertAll(() -> assertEquals(3, m.memory.read64(0x40000)), () -> assertEquals(4, m.memory.read64(0x40008)),
                () -> assertTrue(Flags.zf(m.state)));
    }

    @Test
    void xadd_memory_exchangesAndAdds() {
        TestMachine m = run("48c7c30000040048c7030a000000b905000000f0480fc10bf4");

        assertAll(() -> assertEquals(15, m.memory.read64(0x40000)), () -> assertEquals(10, m.reg(CpuState.RCX)));
    }

    @Test
    void enterLevel2ThenLeave_buildsDisplayAndRestores() {
        TestMachine m = run("48c7c500ff0700c82000024989e04989e9c9f4");

        assertAll(() -> assertEquals(0x7FFC8, m.reg(8)), () -> assertEquals(0x7FFF8, m.reg(9)),
                () -> assertEquals(0x7FFF8L, m.memory.read64(0x7FFE8)),
                () -> assertEquals(TestMachine.STACK_TOP, m.reg(CpuState.RSP)), () -> assertEquals(0x7FF00, m.reg(CpuState.RBP)));
    }

    @Test
    void pushPop_immediatesSixteenBitAndRsp() {
        TestMachine m = new TestMachine();
        m.state.gpr[CpuState.RCX] = 0xFFFF_FFFFL;

        run(m, "68785634126afe585b66ff7424fe6659545af4");

        assertAll(() -> assertEquals(-2L, m.reg(CpuState.RAX)), () -> assertEquals(0x12345678, m.reg(CpuState.RBX)),
                () -> assertEquals(0xFFFF_0000L, m.reg(CpuState.RCX)), () -> assertEquals(0x80000, m.reg(CpuState.RDX)),
                () -> assertEquals(TestMachine.STACK_TOP, m.reg(CpuState.RSP)));
    }

    @Test
    void retImm16_popsReturnAddressAndReleasesBytes() {
        TestMachine m = run("e801000000f4585050504883042400c21000");

        assertAll(() -> assertEquals(TestMachine.STACK_TOP, m.reg(CpuState.RSP)),
                () -> assertEquals(TestMachine.CODE + 6, m.state.rip));
    }

    @Test
    void loopWithAddressSizePrefix_countsInEcx() {
        TestMachine m = run("48b9030000000100000031c0ffc067e2fbf4");

        assertAll(() -> assertEquals(3, m.reg(CpuState.RAX)), () -> assertEquals(0, m.reg(CpuState.RCX)));
    }

    @Test
    void lahfSahf_transferTheLowFlags() {
        TestMachine m = run("31c0f99f88e3b4d59e9c59f4");

        assertAll(() -> assertEquals(0x47, m.reg(CpuState.RBX) & 0xFF), () -> assertEquals(0xD7, m.reg(CpuState.RCX) & 0xFF));
    }

    @Test
    void incPreservesCarry_andShiftByZeroChangesNoFlags() {
        TestMachine m = run("f9b8ffffffffffc00f92c30f94c1c1e0000f92c2f4");

        assertAll(() -> assertEquals(1, m.reg(CpuState.RBX) & 0xFF), () -> assertEquals(1, m.reg(CpuState.RCX) & 0xFF),
                () -> assertEquals(1, m.reg(CpuState.RDX) & 0xFF));
    }

    @Test
    void div_128BitDividend_givesQuotientAndRemainder() {
        TestMachine m = run("48c7c20100000031c048c7c10300000048f7f1f4");

        assertAll(() -> assertEquals(0x5555555555555555L, m.reg(CpuState.RAX)), () -> assertEquals(1, m.reg(CpuState.RDX)));
    }

    @Test
    void idiv_negative128BitDividend_truncatesTowardZero() {
        TestMachine m = run("48c7c2ffffffff31c048c7c10300000048f7f9f4");

        assertAll(() -> assertEquals(0xAAAAAAAAAAAAAAABL, m.reg(CpuState.RAX)), () -> assertEquals(-1L, m.reg(CpuState.RDX)));
    }

    @Test
    void xlat_andMovbe() {
        TestMachine m = new TestMachine();
        m.memory.write8(0x40003, 0x99);
        run(m, "48c7c300000400b003d7f4");
        assertEquals(0x99, m.reg(CpuState.RAX) & 0xFF);

        TestMachine n = run("48c7c300000400b8443322110f38f103480f38f00bf4");

        assertAll(() -> assertEquals(0x44332211, n.memory.read32(0x40000)), () -> assertEquals(0x1122334400000000L, n.reg(CpuState.RCX)));
    }

    @Test
    void jmpIndirect_register_jumps() {
        TestMachine m = run("488d0503000000ffe0f4bb01000000f4");

        assertEquals(1, m.reg(CpuState.RBX));
    }

    @Test
    void pushToUnmappedStack_faultsWithRspUnchanged() {
        TestMachine m = new TestMachine();
        m.state.idtrLimit = 0;
        m.memory.write64(0x3008, 0); // unmap 2 MiB .. 4 MiB
        m.state.gpr[CpuState.RSP] = 0x200010;
        m.code("50f4");

        m.run(10);

        assertAll(() -> assertEquals(0x200010, m.reg(CpuState.RSP)), () -> assertEquals(TestMachine.CODE, m.state.rip),
                () -> assertEquals(0x200008L, m.state.cr2));
    }

    @Test
    void addToReadOnlyPage_faultsWithMemoryAndFlagsUnchanged() {
        TestMachine m = new TestMachine();
        m.state.idtrLimit = 0;
        m.memory.write64(0x3008, 0x200000 | 0x81); // 2 MiB .. 4 MiB present, read-only
        m.state.cr0 |= 1L << 16; // WP: read-only applies to ring 0 too
        m.memory.write64(0x200000, 5);
        m.state.gpr[CpuState.RBX] = 0x200000;
        m.state.gpr[CpuState.RAX] = 1;
        Flags.set(m.state, 0x2 | CpuState.ZF);
        m.code("480103f4");

        m.run(10);

        assertAll(() -> assertEquals(5, m.memory.read64(0x200000)), () -> assertTrue(Flags.zf(m.state)),
                () -> assertEquals(TestMachine.CODE, m.state.rip));
    }

    /** Makes every identity-mapped page user-accessible and drops to CPL 3. */
    private static void enterUserMode(TestMachine m) {
        m.memory.write64(0x1000, 0x2000 | 7);
        m.memory.write64(0x2000, 0x3000 | 7);
        for (int i = 0; i < 512; i++) {
            m.memory.write64(0x3000 + i * 8L, ((long) i << 21) | 0x87);
        }
        m.cpu.mmu.flushAll();
        m.state.cpl = 3;
    }

    @Test
    void popf_atCpl3AboveIopl_cannotChangeIfOrIopl() {
        TestMachine m = new TestMachine();
        enterUserMode(m);
        Flags.set(m.state, 0x2 | CpuState.IF);
        m.state.gpr[CpuState.RAX] = 0x2 | CpuState.IOPL | CpuState.CF | CpuState.DF; // IF clear, IOPL 3
        m.code("50" + "9d"); // push rax ; popfq

        m.run(2);

        long f = Flags.get(m.state);
        assertAll(() -> assertEquals(CpuState.IF, f & CpuState.IF), () -> assertEquals(0, f & CpuState.IOPL),
                () -> assertEquals(CpuState.CF | CpuState.DF, f & (CpuState.CF | CpuState.DF)));
    }

    @Test
    void popf_atCpl0_changesIfAndIopl() {
        TestMachine m = new TestMachine();
        m.state.gpr[CpuState.RAX] = 0x2 | CpuState.IOPL | CpuState.IF;
        m.code("50" + "9d" + "f4");

        m.run(2);

        assertEquals(CpuState.IOPL | CpuState.IF, Flags.get(m.state) & (CpuState.IOPL | CpuState.IF));
    }
}
