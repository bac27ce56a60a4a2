package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.UserModeTraps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a host-side kernel installed, SYSCALL, faults and INT n reach it instead of the MSRs and the IDT. */
class UserModeTrapsTest {

    /** Records each trap as text and stops the CPU, as a user-mode kernel would hand control to its scheduler. */
    private static final class RecordingKernel implements UserModeTraps {
        final List<String> events = new ArrayList<>();

        @Override
        public void systemCall(Cpu cpu) {
            events.add("syscall rax=" + cpu.state.gpr[CpuState.RAX] + " rip=" + Long.toHexString(cpu.state.rip));
            cpu.state.gpr[CpuState.RAX] = 42; // the system call's result
        }

        @Override
        public void exception(Cpu cpu, CpuFault fault) {
            events.add("vector " + fault.vector + " rip=" + Long.toHexString(cpu.state.rip));
            cpu.requestStop();
        }
    }

    @Test
    void syscall_withKernelInstalled_reachesItWithRipAtNextInstructionAndResumes() {
        TestMachine m = new TestMachine();
        RecordingKernel kernel = new RecordingKernel();
        m.cpu.setUserModeTraps(kernel);
        m.state.efer = 0x500; // SCE clear: without the hook SYSCALL would be #UD
        m.code("b83c000000" + "0f05" + "89c3" + "f4"); // mov eax,60 ; syscall ; mov ebx,eax ; hlt

        m.run(100);

        assertAll(() -> assertEquals(List.of("syscall rax=60 rip=10007"), kernel.events),
                () -> assertEquals(42, m.reg(CpuState.RBX)));
    }

    @Test
    void fault_withKernelInstalled_reachesItWithRipAtFaultingInstructionAndNoIdtDelivery() {
        TestMachine m = new TestMachine();
        RecordingKernel kernel = new RecordingKernel();
        m.cpu.setUserModeTraps(kernel);
        m.state.idtrLimit = 0; // through the IDT this would be a triple fault
        m.code("31c9" + "48f7f1"); // xor ecx,ecx ; div rcx

        m.run(100);

        assertAll(() -> assertEquals(List.of("vector 0 rip=10002"), kernel.events),
                () -> assertNull(m.platform.stopReason));
    }

    @Test
    void int3_withKernelInstalled_isATrapWithRipAfterIt() {
        TestMachine m = new TestMachine();
        RecordingKernel kernel = new RecordingKernel();
        m.cpu.setUserModeTraps(kernel);
        m.code("90" + "cc" + "90");

        m.run(100);

        assertEquals(List.of("vector 3 rip=10002"), kernel.events);
    }
}
