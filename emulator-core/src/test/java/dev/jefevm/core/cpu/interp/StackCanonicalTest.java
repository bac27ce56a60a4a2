package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.UserModeTraps;
import org.junit.jupiter.api.Test;

/** A stack reference through a non-canonical RSP or RBP is #SS(0), not #GP(0) (SDM Vol.3 6.15, "Interrupt 12"). */
class StackCanonicalTest {

    private static final long NON_CANONICAL = 0x0000_8000_0000_1000L;

    /** Records the first fault's vector and error code and stops. */
    private static final class FaultRecorder implements UserModeTraps {
        int vector = -1;
        int errorCode = -1;

        @Override
        public void systemCall(Cpu cpu) {
            cpu.requestStop();
        }

        @Override
        public void exception(Cpu cpu, CpuFault fault) {
            vector = fault.vector;
            errorCode = fault.errorCode;
            cpu.requestStop();
        }
    }

    private static FaultRecorder runWithRsp(String code, long rsp, long rbp) {
        TestMachine m = new TestMachine();
        FaultRecorder kernel = new FaultRecorder();
        m.cpu.setUserModeTraps(kernel);
        m.code(code);
        m.state.gpr[CpuState.RSP] = rsp;
        m.state.gpr[CpuState.RBP] = rbp;
        m.run(10);
        assertEquals(rsp, m.reg(CpuState.RSP), "RSP unchanged by the faulting instruction");
        return kernel;
    }

    @Test
    void push_withNonCanonicalRsp_raisesStackFault() {
        FaultRecorder k = runWithRsp("50", NON_CANONICAL, 0); // push rax

        assertAll(() -> assertEquals(CpuFault.SS, k.vector), () -> assertEquals(0, k.errorCode));
    }

    @Test
    void pop_withNonCanonicalRsp_raisesStackFault() {
        FaultRecorder k = runWithRsp("5b", NON_CANONICAL, 0); // pop rbx

        assertEquals(CpuFault.SS, k.vector);
    }

    @Test
    void leave_withNonCanonicalRbp_raisesStackFault() {
        FaultRecorder k = runWithRsp("c9", TestMachine.STACK_TOP, NON_CANONICAL); // leave

        assertEquals(CpuFault.SS, k.vector);
    }
}
