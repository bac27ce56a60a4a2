package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A small machine for JIT tests: 4 MiB of RAM, no devices, a deterministic clock, 64-bit mode at
 * CPL 0 with identity paging from 2 MiB pages (tables at 0x1000-0x3FFF), code at {@link #CODE},
 * stack below {@link #STACK_TOP}. Built with the JIT (threshold 1, synchronous) or without.
 */
final class JitTestMachine {

    static final long CODE = 0x10000;
    static final long DATA = 0x40000;
    static final long STACK_TOP = 0x80000;

    final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    final VirtualClock clock = VirtualClock.deterministic();
    final CpuState state = new CpuState();
    final Cpu cpu;

    /**
     * Entries of a unit before its translation with callees inlined, in tests: just after a call
     * site's profile can have settled, so short test loops run inlined code too.
     */
    static final int INLINE_THRESHOLD = JitEngine.MONOMORPHIC_CALLS + 8;
    /** Translation at the first entry, no compiler thread. */
    static final JitOptions EAGER = new JitOptions(1, JitOptions.DEFAULT_CODE_CACHE_BYTES, false, INLINE_THRESHOLD);

    JitTestMachine(boolean jit) {
        this(jit ? EAGER : null);
    }

    /** A machine whose interrupt line rises every {@code interruptPeriod} retired instructions (vector 0x20). */
    JitTestMachine(boolean jit, long interruptPeriod) {
        this(jit ? EAGER : null, interruptPeriod);
    }

    JitTestMachine(JitOptions options) {
        this(options, 0);
    }

    JitTestMachine(JitOptions options, long interruptPeriod) {
        long[] nextInterrupt = {interruptPeriod};
        Platform platform = new Platform() {
            @Override
            public int ioRead(int port, int size) {
                return -1;
            }

            @Override
            public void ioWrite(int port, int size, int value) {
            }

            @Override
            public boolean interruptPending() {
                return interruptPeriod > 0 && clock.retiredInstructions() >= nextInterrupt[0];
            }

            @Override
            public int acknowledgeInterrupt() {
                nextInterrupt[0] = clock.retiredInstructions() + interruptPeriod;
                return 0x20;
            }

            @Override
            public VirtualClock clock() {
                return clock;
            }

            @Override
            public void requestStop(StopReason reason, String detail) {
            }
        };
        cpu = new Cpu(state, memory, platform);
        if (options != null) {
            cpu.useJit(options);
        }
        memory.write64(0x1000, 0x2000 | 3);
        memory.write64(0x2000, 0x3000 | 3);
        for (int i = 0; i < 512; i++) {
            memory.write64(0x3000 + i * 8L, ((long) i << 21) | 0x83);
        }
        state.cr0 = 0x8000_0011L;
        state.cr3 = 0x1000;
        state.cr4 = 0x20;
        state.efer = 0x500;
        state.segSelector[CpuState.CS] = 0x08;
        state.segAttributes[CpuState.CS] = 0xA9B;
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES}) {
            state.segSelector[seg] = 0x10;
            state.segAttributes[seg] = 0xC93;
        }
        state.rip = CODE;
        state.gpr[CpuState.RSP] = STACK_TOP;
        Flags.set(state, 0x2);
        cpu.mmu.flushAll();
    }

    void load(long address, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        memory.writeBytes(address, b, 0, b.length);
    }

    RunResult run(long budget) {
        return cpu.run(budget);
    }

    /** The architectural state worth comparing: GPRs, RIP, RFLAGS, CR2, retired instructions, and a data window. */
    String snapshot() {
        byte[] data = new byte[0x1000];
        memory.readBytes(DATA, data, 0, data.length);
        byte[] stack = new byte[0x100];
        memory.readBytes(STACK_TOP - 0x100, stack, 0, stack.length);
        return "gpr=" + Arrays.toString(state.gpr) + " rip=" + Long.toHexString(state.rip)
                + " rflags=" + Long.toHexString(Flags.get(state)) + " cr2=" + Long.toHexString(state.cr2)
                + " retired=" + clock.retiredInstructions()
                + " data=" + HexFormat.of().formatHex(data) + " stack=" + HexFormat.of().formatHex(stack);
    }
}
