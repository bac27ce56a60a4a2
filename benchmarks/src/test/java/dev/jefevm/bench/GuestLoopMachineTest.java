package dev.jefevm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.CpuState;
import org.junit.jupiter.api.Test;

/** The benchmark measures real work: the guest loop computes what the same loop computes in Java. */
class GuestLoopMachineTest {

    @Test
    void run_computesTheSameRegistersAsAJavaModelOfTheLoop() {
        GuestLoopMachine machine = new GuestLoopMachine();

        long retired = machine.run(50_000);

        assertTrue(retired >= 50_000, "retired " + retired);
        LoopModel model = new LoopModel(0x1234_5678_9ABCL, GuestLoopMachine.DATA_BASE);
        model.step(retired);
        CpuState s = machine.cpu().state;
        assertEquals(model.rip, s.rip, "rip");
        assertEquals(model.rax, s.gpr[CpuState.RAX], "rax");
        assertEquals(model.rbx, s.gpr[CpuState.RBX], "rbx");
        assertEquals(model.rcx, s.gpr[CpuState.RCX], "rcx");
        assertEquals(model.rdx, s.gpr[CpuState.RDX], "rdx");
        assertEquals(model.rdi, s.gpr[CpuState.RDI], "rdi");
        assertEquals(model.r8, s.gpr[8], "r8");
        assertEquals(model.memory, machine.cpu().memory.read64(GuestLoopMachine.DATA_BASE + 8), "[rsi+8]");
    }

    /** The loop of {@link GuestLoopMachine#LOOP}, one instruction per step, by offset. */
    private static final class LoopModel {
        long rax, rbx, rcx, rdx, rdi, r8, memory, rip;
        boolean below, zero;

        LoopModel(long rbx, long rsi) {
            this.rbx = rbx;
            this.rip = GuestLoopMachine.CODE_BASE;
        }

        void step(long instructions) {
            for (long i = 0; i < instructions; i++) {
                long off = rip - GuestLoopMachine.CODE_BASE;
                rip = GuestLoopMachine.CODE_BASE + switch ((int) off) {
                    case 0x00 -> { rcx = 1_000_000; yield 0x07; }
                    case 0x07 -> { rax += rbx; yield 0x0a; }
                    case 0x0a -> { rbx ^= rax; yield 0x0d; }
                    case 0x0d -> { rdx = rax + rbx * 2 + 7; yield 0x12; }
                    case 0x12 -> { memory = rdx; yield 0x16; }
                    case 0x16 -> { rdi += memory; yield 0x1a; }
                    case 0x1a -> { rdx >>>= 3; yield 0x1e; }
                    case 0x1e -> { rdx &= 0xff; yield 0x25; }
                    case 0x25 -> { below = Long.compareUnsigned(rdx, 0x80) < 0; yield 0x2c; }
                    case 0x2c -> below ? 0x31 : 0x2e;
                    case 0x2e -> { r8++; yield 0x31; }
                    case 0x31 -> { rcx--; zero = rcx == 0; yield 0x34; }
                    case 0x34 -> zero ? 0x36 : 0x07;
                    case 0x36 -> 0x00;
                    default -> throw new IllegalStateException("offset " + off);
                };
            }
        }
    }
}
