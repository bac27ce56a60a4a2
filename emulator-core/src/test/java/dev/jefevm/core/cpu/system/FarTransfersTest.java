package dev.jefevm.core.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class FarTransfersTest {

    private final LongModeMachine m = new LongModeMachine();
    private final CpuState s = m.state;

    @Test
    void jmpFar_m16colon64_loadsCsAndRip() {
        m.memory.write64(0x9000, 0x12345);
        m.memory.write16(0x9008, LongModeMachine.KERNEL_CS);
        s.segSelector[CpuState.CS] = 0;

        SystemExecutor.execute(m.cpu, LongModeMachine.memInsn(Op.JMP_FAR, 8, 0x9000));

        assertEquals(0x12345L, s.rip);
        assertEquals(LongModeMachine.KERNEL_CS, s.segSelector[CpuState.CS]);
    }

    @Test
    void callFar_pushesCsAndReturnAddress() {
        m.memory.write32(0x9000, 0x12345);
        m.memory.write16(0x9004, LongModeMachine.KERNEL_CS);
        s.rip = 0x10007;

        SystemExecutor.execute(m.cpu, LongModeMachine.memInsn(Op.CALL_FAR, 4, 0x9000));

        assertEquals(LongModeMachine.KERNEL_STACK - 8, s.gpr[CpuState.RSP]);
        assertEquals(0x10007, m.memory.read32(s.gpr[CpuState.RSP]));
        assertEquals(LongModeMachine.KERNEL_CS, m.memory.read32(s.gpr[CpuState.RSP] + 4));
        assertEquals(0x12345L, s.rip);
    }

    @Test
    void jmpFar_toRing3CodeFromRing0_raisesGpWithSelector() {
        m.memory.write64(0x9000, 0x12345);
        m.memory.write16(0x9008, LongModeMachine.USER_CS);

        CpuFault f = assertThrows(CpuFault.class,
                () -> SystemExecutor.execute(m.cpu, LongModeMachine.memInsn(Op.JMP_FAR, 8, 0x9000)));

        assertEquals(LongModeMachine.USER_CS & 0xFFFC, f.errorCode);
    }

    @Test
    void lretq_toRing3_popsSsAndRspAndDropsKernelDataSegments() {
        long rsp = LongModeMachine.KERNEL_STACK - 32;
        m.memory.write64(rsp, LongModeMachine.USER_CODE);
        m.memory.write64(rsp + 8, LongModeMachine.USER_CS);
        m.memory.write64(rsp + 16, LongModeMachine.USER_STACK);
        m.memory.write64(rsp + 24, LongModeMachine.USER_DS);
        s.gpr[CpuState.RSP] = rsp;

        SystemExecutor.execute(m.cpu, LongModeMachine.insn(Op.RET_FAR, 8));

        assertEquals(3, s.cpl);
        assertEquals(LongModeMachine.USER_CODE, s.rip);
        assertEquals(LongModeMachine.USER_STACK, s.gpr[CpuState.RSP]);
        assertEquals(LongModeMachine.USER_DS, s.segSelector[CpuState.SS]);
        assertEquals(0, s.segSelector[CpuState.DS]); // DPL 0 data is unusable in ring 3
    }

    @Test
    void iretd_32BitFrame_returnsToSamePrivilege() {
        long rsp = 0x7F000;
        m.memory.write32(rsp, 0x10040);
        m.memory.write32(rsp + 4, LongModeMachine.KERNEL_CS);
        m.memory.write32(rsp + 8, 0x202);
        m.memory.write32(rsp + 12, 0x7E000);
        m.memory.write32(rsp + 16, LongModeMachine.KERNEL_DS);
        s.gpr[CpuState.RSP] = rsp;

        SystemExecutor.execute(m.cpu, LongModeMachine.insn(Op.IRET, 4));

        assertEquals(0x10040L, s.rip);
        assertEquals(0x7E000L, s.gpr[CpuState.RSP]);
        assertEquals(CpuState.IF, s.rflagsControl & CpuState.IF);
    }

    @Test
    void iretq_atCpl3_cannotChangeIoplOrIf() {
        m.enterUserMode(LongModeMachine.USER_CODE);
        long rsp = LongModeMachine.USER_STACK - 40;
        m.memory.write64(rsp, LongModeMachine.USER_CODE + 4);
        m.memory.write64(rsp + 8, LongModeMachine.USER_CS);
        m.memory.write64(rsp + 16, 0x3202 | CpuState.CF);
        m.memory.write64(rsp + 24, LongModeMachine.USER_STACK);
        m.memory.write64(rsp + 32, LongModeMachine.USER_DS);
        s.gpr[CpuState.RSP] = rsp;

        SystemExecutor.execute(m.cpu, LongModeMachine.insn(Op.IRET, 8));

        assertEquals(0, s.rflagsControl & (CpuState.IOPL | CpuState.IF));
        assertEquals(LongModeMachine.USER_CODE + 4, s.rip);
    }

    @Test
    void lldt_loadsSixteenByteDescriptorBase() {
        long low = 0xFFFFL | (0x5000L << 16) | (0x82L << 40);
        m.memory.write64(LongModeMachine.GDT + 56, low);
        m.memory.write64(LongModeMachine.GDT + 64, 0xFFFF_8000L);
        s.gdtrLimit = 71;
        s.gpr[CpuState.RAX] = 56;

        SystemExecutor.execute(m.cpu, LongModeMachine.insn(Op.LLDT, 2, Instruction.K_GPR, 0, Instruction.K_NONE, 0, 0));

        assertEquals(0xFFFF_8000_0000_5000L, s.ldtrBase);
        assertEquals(56, s.ldtrSelector);
    }
}
