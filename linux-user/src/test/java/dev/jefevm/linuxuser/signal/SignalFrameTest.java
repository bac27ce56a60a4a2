package dev.jefevm.linuxuser.signal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.FrameAllocator;
import dev.jefevm.linuxuser.mem.Vma;
import org.junit.jupiter.api.Test;

class SignalFrameTest {

    private static final long STACK = 0x7000_0000L;
    private final PhysicalMemory memory = new PhysicalMemory(16 << 20);
    private final AddressSpace space = new AddressSpace(memory, new FrameAllocator(memory));
    private final CpuState s = new CpuState();
    private final SignalAction action = new SignalAction(0x401234, Signals.SA_SIGINFO | Signals.SA_RESTORER, 0x405678, 0);

    SignalFrameTest() {
        space.map(STACK - 0x10000, STACK, Vma.READ | Vma.WRITE, "stack");
        for (int i = 0; i < 16; i++) {
            s.gpr[i] = 0x1000 + i;
        }
        s.gpr[CpuState.RSP] = STACK - 0x100;
        s.rip = 0x400100;
        s.xmm[3] = 0x1122_3344_5566_7788L;
        s.mxcsr = 0x1FA0;
        Flags.set(s, 0x202 | CpuState.CF | CpuState.DF);
    }

    private void push() {
        SignalFrame.push(s, space, action, new SignalFrame.Info(Signals.SIGSEGV, 1, 0xdead000, 0, 0, 14, 6, 0xdead000),
                0x55, 0, 0, false);
    }

    @Test
    void push_entersTheHandlerWithAbiArguments() {
        push();

        assertAll(() -> assertEquals(0x401234, s.rip), () -> assertEquals(Signals.SIGSEGV, s.gpr[CpuState.RDI]),
                () -> assertEquals(8, s.gpr[CpuState.RSP] & 15, "RSP+8 is 16-byte aligned at handler entry"),
                () -> assertEquals(0x405678, space.read64(s.gpr[CpuState.RSP]), "return address is sa_restorer"),
                () -> assertEquals(0, Flags.get(s) & CpuState.DF));
    }

    @Test
    void push_fillsSiginfoAndUcontext() {
        push();
        long info = s.gpr[CpuState.RSI];
        long uc = s.gpr[CpuState.RDX];

        assertAll(() -> assertEquals(Signals.SIGSEGV, space.read32(info)), () -> assertEquals(1, space.read32(info + 8)),
                () -> assertEquals(0xdead000, space.read64(info + 16)),
                () -> assertEquals(0x400100, space.read64(uc + 40 + 16 * 8), "uc_mcontext.rip (REG_RIP = 16)"),
                () -> assertEquals(0x1000 + CpuState.RAX, space.read64(uc + 40 + 13 * 8), "REG_RAX = 13"),
                () -> assertEquals(0xdead000, space.read64(uc + 40 + 22 * 8), "REG_CR2 = 22"),
                () -> assertEquals(0x55, space.read64(uc + 296), "uc_sigmask"));
    }

    @Test
    void restore_afterHandlerReturn_bringsBackEveryRegisterAndTheMask() {
        long[] before = s.gpr.clone();
        long flagsBefore = Flags.get(s);
        push();
        s.gpr[CpuState.RBX] = 99;
        s.xmm[3] = 0;
        s.mxcsr = 0x1F80;
        s.gpr[CpuState.RSP] += 8; // the handler's RET popped pretcode; sigreturn runs there

        long mask = SignalFrame.restore(s, space);

        assertAll(() -> assertEquals(0x55, mask), () -> assertEquals(0x400100, s.rip),
                () -> assertEquals(before[CpuState.RBX], s.gpr[CpuState.RBX]),
                () -> assertEquals(before[CpuState.RSP], s.gpr[CpuState.RSP]),
                () -> assertEquals(0x1122_3344_5566_7788L, s.xmm[3]), () -> assertEquals(0x1FA0, s.mxcsr),
                () -> assertEquals(flagsBefore, Flags.get(s)));
    }

    @Test
    void push_onAltStack_placesTheFrameThere() {
        SignalFrame.push(s, space, action, new SignalFrame.Info(Signals.SIGSEGV, 1, 0, 0, 0, 14, 6, 0), 0,
                STACK - 0x8000, 0x4000, true);

        long rsp = s.gpr[CpuState.RSP];
        assertEquals(true, rsp < STACK - 0x4000 && rsp >= STACK - 0x8000);
    }
}
