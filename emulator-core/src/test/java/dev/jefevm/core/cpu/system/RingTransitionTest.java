package dev.jefevm.core.cpu.system;

import static dev.jefevm.core.cpu.system.LongModeMachine.CODE;
import static dev.jefevm.core.cpu.system.LongModeMachine.HANDLER;
import static dev.jefevm.core.cpu.system.LongModeMachine.USER_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import org.junit.jupiter.api.Test;

/** Small guest programs, run by the interpreter, that cross privilege levels and reload CS. */
class RingTransitionTest {

    private static final int[] JMP_SELF = {0xEB, 0xFE};

    private final LongModeMachine m = new LongModeMachine();
    private final CpuState s = m.state;

    @Test
    void intFromRing3_handlerIretqReturnsToRing3() {
        m.gate(0x80, HANDLER, 0, 3, false);
        m.load(HANDLER, 0x48, 0xC7, 0xC0, 0x2A, 0, 0, 0, // mov rax, 42
                0x48, 0xCF); // iretq
        m.load(USER_CODE, 0xCD, 0x80); // int 0x80
        m.load(USER_CODE + 2, JMP_SELF);
        m.enterUserMode(USER_CODE);

        m.cpu.run(10);

        assertEquals(42, s.gpr[CpuState.RAX]);
        assertEquals(3, s.cpl);
        assertEquals(USER_CODE + 2, s.rip);
        assertEquals(LongModeMachine.USER_STACK, s.gpr[CpuState.RSP]);
        assertEquals(LongModeMachine.USER_CS, s.segSelector[CpuState.CS]);
        assertEquals(LongModeMachine.USER_DS, s.segSelector[CpuState.SS]);
    }

    @Test
    void syscallAndSysretq_roundTripBetweenRing3AndRing0() {
        s.star = (0x13L << 48) | (0x08L << 32);
        s.lstar = HANDLER;
        s.sfmask = CpuState.IF;
        m.load(HANDLER, 0x48, 0xC7, 0xC0, 0x07, 0, 0, 0, // mov rax, 7
                0x48, 0x0F, 0x07); // sysretq
        m.load(USER_CODE, 0x0F, 0x05); // syscall
        m.load(USER_CODE + 2, JMP_SELF);
        m.enterUserMode(USER_CODE);
        s.rflagsControl |= CpuState.IF;

        m.cpu.run(10);

        assertEquals(7, s.gpr[CpuState.RAX]);
        assertEquals(USER_CODE + 2, s.gpr[CpuState.RCX]);
        assertEquals(3, s.cpl);
        assertEquals(USER_CODE + 2, s.rip);
        assertEquals(LongModeMachine.USER_CS, s.segSelector[CpuState.CS]);
        assertEquals(LongModeMachine.USER_DS, s.segSelector[CpuState.SS]);
        assertEquals(CpuState.IF, s.rflagsControl & CpuState.IF); // restored from R11
    }

    @Test
    void lretqAfterLgdt_reloadsCsAtSamePrivilege() {
        long gdtr = 0x9000;
        m.memory.write16(gdtr, 55);
        m.memory.write64(gdtr + 2, LongModeMachine.GDT);
        s.gdtrBase = 0;
        s.gdtrLimit = 0;
        m.load(CODE, 0x0F, 0x01, 0x14, 0x25, 0x00, 0x90, 0, 0, // lgdt [0x9000]
                0x6A, 0x08, // push 8
                0x68, 0x20, 0x00, 0x01, 0x00, // push 0x10020
                0x48, 0xCB); // lretq
        m.load(CODE + 0x20, JMP_SELF);

        m.cpu.run(10);

        assertEquals(CODE + 0x20, s.rip);
        assertEquals(LongModeMachine.GDT, s.gdtrBase);
        assertEquals(LongModeMachine.KERNEL_CS, s.segSelector[CpuState.CS]);
        assertEquals(LongModeMachine.KERNEL_STACK, s.gpr[CpuState.RSP]);
    }

    @Test
    void privilegedInstructionInRing3_isDeliveredAsGeneralProtection() {
        m.gate(13, HANDLER, 0, 0, false);
        m.load(HANDLER, JMP_SELF);
        m.load(USER_CODE, 0xF4); // hlt
        m.enterUserMode(USER_CODE);

        m.cpu.run(5);

        assertEquals(HANDLER, s.rip);
        assertEquals(0, s.cpl);
        assertEquals(0, m.memory.read64(s.gpr[CpuState.RSP])); // error code
        assertEquals(USER_CODE, m.memory.read64(s.gpr[CpuState.RSP] + 8)); // faulting RIP
    }

    @Test
    void outFromKernel_reachesThePlatform() {
        m.load(CODE, 0xB0, 0x03, // mov al, 3
                0xE6, 0x40, // out 0x40, al
                0x66, 0xBA, 0x40, 0x04, // mov dx, 0x440
                0xEE); // out dx, al
        m.load(CODE + 9, JMP_SELF);

        m.cpu.run(6);

        assertEquals(java.util.List.of("40/1=3", "440/1=3"), m.board.writes);
    }

    @Test
    void userWriteToUnmappedPage_deliversPageFaultWithCr2AndErrorCode() {
        m.gate(14, HANDLER, 0, 0, false);
        m.load(HANDLER, JMP_SELF);
        m.load(USER_CODE, 0xC6, 0x04, 0x25, 0x00, 0x00, 0x00, 0x40, 0x01); // mov byte [0x40000000], 1
        m.enterUserMode(USER_CODE);

        m.cpu.run(5);

        assertEquals(HANDLER, s.rip);
        assertEquals(0x4000_0000L, s.cr2);
        assertEquals(6, m.memory.read64(s.gpr[CpuState.RSP])); // W/R | U/S, not present
        assertEquals(USER_CODE, m.memory.read64(s.gpr[CpuState.RSP] + 8));
    }

    @Test
    void haltedCpuWithInterruptsEnabled_takesPendingExternalInterrupt() {
        m.gate(0x20, HANDLER, 0, 0, false);
        m.load(HANDLER, JMP_SELF);
        m.load(CODE, 0xFB, 0xF4); // sti; hlt
        m.cpu.run(5);
        boolean haltedFirst = s.halted;
        m.board.pendingVector = 0x20;

        m.cpu.run(5);

        assertEquals(true, haltedFirst);
        assertEquals(HANDLER, s.rip);
        assertEquals(CODE + 2, m.stack(0)); // returns after the HLT
    }
}
