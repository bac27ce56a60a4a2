package dev.jefevm.core.cpu.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.UserModeTraps;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Decoder robustness through a whole CPU (issue 3 item 6): random code rich in VEX prefixes,
 * 0F38/0F3A escapes and the legacy prefixes that must not precede VEX runs under a user-mode
 * kernel that skips one byte at every fault, the way a fuzzing signal handler would. Every
 * fault reaches the kernel as a guest exception vector, no host exception leaves
 * {@link Cpu#run}, and the run ends within its budget.
 */
class RandomVexCodePropertiesTest {

    private static final TestMachine MACHINE = new TestMachine();
    private static final int[] SPRINKLE = {0xC4, 0xC5, 0xC4, 0xC5, 0x0F, 0x38, 0x3A, 0x66, 0xF2, 0xF3, 0xF0, 0x48, 0x26};

    /** Records that every fault is an architectural vector and steps over the byte at RIP. */
    private static final class SkippingKernel implements UserModeTraps {
        boolean onlyArchitecturalVectors = true;

        @Override
        public void systemCall(Cpu cpu) {
        }

        @Override
        public void exception(Cpu cpu, CpuFault fault) {
            onlyArchitecturalVectors &= fault.vector >= 0 && fault.vector < 256;
            if (fault.vector < 32 && fault.vector != CpuFault.BP && fault.vector != CpuFault.OF) {
                cpu.state.rip++; // a fault leaves RIP at the faulting instruction
            }
        }
    }

    @Property(tries = 1000)
    void run_randomVexRichCode_givesOnlyGuestFaultsWithinBudget(@ForAll @Size(64) byte[] code, @ForAll long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < code.length; i++) {
            if (random.nextInt(3) == 0) {
                code[i] = (byte) SPRINKLE[random.nextInt(SPRINKLE.length)];
            }
        }
        TestMachine m = MACHINE;
        m.resetLongMode();
        SkippingKernel kernel = new SkippingKernel();
        m.cpu.setUserModeTraps(kernel);
        m.state.gpr[3] = TestMachine.DATA;
        m.memory.writeBytes(TestMachine.CODE, code, 0, code.length);
        long before = m.platform.clock.retiredInstructions();

        m.run(120);

        assertTrue(m.platform.clock.retiredInstructions() - before <= 120);
        assertTrue(kernel.onlyArchitecturalVectors);
    }
}
