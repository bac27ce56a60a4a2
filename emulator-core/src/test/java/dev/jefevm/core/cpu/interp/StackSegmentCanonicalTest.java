package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.UserModeTraps;
import org.junit.jupiter.api.Test;

/** A non-canonical address is #SS(0) when the reference goes through SS (RBP or RSP base, or an SS: prefix), else #GP(0). */
class StackSegmentCanonicalTest {

    private static int faultVector(String code, int baseRegister) {
        TestMachine m = new TestMachine();
        int[] vector = {-1};
        m.cpu.setUserModeTraps(new UserModeTraps() {
            @Override
            public void systemCall(Cpu cpu) {
            }

            @Override
            public void exception(Cpu cpu, CpuFault fault) {
                vector[0] = fault.vector;
                cpu.requestStop();
            }
        });
        m.state.gpr[baseRegister] = 0x0000_8000_0000_0000L;
        m.code(code);
        m.run(10);
        return vector[0];
    }

    @Test
    void load_rbpBasedNonCanonical_raisesStackFault() {
        assertEquals(CpuFault.SS, faultVector("488b4500", CpuState.RBP)); // mov rax, [rbp+0]
    }

    @Test
    void load_rbxBasedNonCanonical_raisesGeneralProtection() {
        assertEquals(CpuFault.GP, faultVector("488b03", CpuState.RBX)); // mov rax, [rbx]
    }

    @Test
    void load_ssPrefixedNonCanonical_raisesStackFault() {
        assertEquals(CpuFault.SS, faultVector("36488b03", CpuState.RBX)); // mov rax, ss:[rbx]
    }
}
