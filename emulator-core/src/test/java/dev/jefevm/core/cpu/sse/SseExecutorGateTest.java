package dev.jefevm.core.cpu.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.decode.Op;
import org.junit.jupiter.api.Test;

class SseExecutorGateTest {

    private final SseMachine m = new SseMachine();

    @Test
    void execute_withCr0EmSet_raisesInvalidOpcode() {
        m.s.cr0 |= 1L << 2;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.PXOR, 0, 1)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void execute_withOsfxsrClear_raisesInvalidOpcode() {
        m.s.cr4 &= ~SseMachine.CR4_OSFXSR;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.ADDPS, 0, 1)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void execute_withCr0TsSet_raisesDeviceNotAvailableAndLeavesRegister() {
        m.s.cr0 |= 1L << 3;
        m.xmm(0, 5, 6);

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.xx(Op.PXOR, 0, 0)));

        assertEquals(CpuFault.NM, f.vector);
        assertEquals(5, m.lo(0));
    }

    @Test
    void fxsave_withOsfxsrClear_stillSaves() {
        m.s.cr4 &= ~SseMachine.CR4_OSFXSR;
        m.s.fpuControl = 0x037F;

        m.run(SseMachine.m(Op.FXSAVE, 0x2000, false));

        assertEquals(0x037F, m.cpu.memory.read16(0x2000));
    }

    @Test
    void fxsave_withCr0EmSet_raisesInvalidOpcode() {
        m.s.cr0 |= 1L << 2;

        CpuFault f = assertThrows(CpuFault.class, () -> m.run(SseMachine.m(Op.FXSAVE, 0x2000, false)));

        assertEquals(CpuFault.UD, f.vector);
    }

    @Test
    void movnti_withSseDisabled_storesGeneralRegister() {
        m.s.cr4 = 0;
        m.s.cr0 |= 1L << 3;
        m.s.gpr[CpuState.RBX] = 0x1122_3344_5566_7788L;
        var insn = new dev.jefevm.core.cpu.decode.Instruction(Op.MOVNTI, 3, 0, 4, 4, 8, 0,
                dev.jefevm.core.cpu.decode.Instruction.K_MEM, 0, dev.jefevm.core.cpu.decode.Instruction.K_GPR,
                CpuState.RBX, 0, 0, -1, -1, 0, 0x3000, -1, 0, 0);

        m.run(insn);

        assertEquals(0x5566_7788L, m.readMem64(0x3000));
    }
}
