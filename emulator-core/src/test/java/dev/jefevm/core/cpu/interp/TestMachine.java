package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import java.util.HexFormat;

/**
 * A tiny machine for CPU tests: 4 MiB of RAM, a platform with no devices, and a CPU in 64-bit
 * long mode at CPL 0 with identity paging built from 2 MiB pages (PML4 at 0x1000, PDPT at
 * 0x2000, PD at 0x3000). Code goes at {@link #CODE}, the stack grows down from {@link #STACK_TOP}.
 */
final class TestMachine {

    static final long CODE = 0x10000;
    static final long DATA = 0x40000;
    static final long STACK_TOP = 0x80000;

    final PhysicalMemory memory = new PhysicalMemory(4 << 20);
    final TestPlatform platform = new TestPlatform();
    final CpuState state = new CpuState();
    final Cpu cpu;

    /** A platform with no devices: ports float high, no interrupts, a deterministic clock. */
    static final class TestPlatform implements Platform {
        final VirtualClock clock = VirtualClock.deterministic();
        StopReason stopReason;
        /** The vector the interrupt controller asserts, or -1 for none. */
        int pendingVector = -1;

        @Override
        public int ioRead(int port, int size) {
            return -1;
        }

        @Override
        public void ioWrite(int port, int size, int value) {
        }

        @Override
        public boolean interruptPending() {
            return pendingVector >= 0;
        }

        @Override
        public int acknowledgeInterrupt() {
            int v = pendingVector;
            pendingVector = -1;
            return v;
        }

        /** True while an NMI waits; the CPU's acknowledgement clears it and counts it. */
        boolean nmi;
        int nmisAcknowledged;

        @Override
        public boolean nmiPending() {
            return nmi;
        }

        @Override
        public void acknowledgeNmi() {
            nmi = false;
            nmisAcknowledged++;
        }

        @Override
        public VirtualClock clock() {
            return clock;
        }

        @Override
        public void requestStop(StopReason reason, String detail) {
            stopReason = reason;
        }
    }

    TestMachine() {
        cpu = new Cpu(state, memory, platform);
        resetLongMode();
    }

    /** Rebuilds the identity page tables and puts the CPU in 64-bit mode at {@link #CODE}, ring 0, IF clear. */
    void resetLongMode() {
        // identity map the first 1 GiB with 2 MiB pages: P | RW
        memory.write64(0x1000, 0x2000 | 3);
        memory.write64(0x2000, 0x3000 | 3);
        for (int i = 0; i < 512; i++) {
            memory.write64(0x3000 + i * 8L, ((long) i << 21) | 0x83);
        }
        java.util.Arrays.fill(state.gpr, 0);
        state.cr0 = 0x8000_0011L; // PG, ET, PE
        state.cr3 = 0x1000;
        state.cr4 = 0x20; // PAE
        state.efer = 0x500; // LME, LMA
        state.cpl = 0;
        state.segSelector[CpuState.CS] = 0x08;
        state.segAttributes[CpuState.CS] = 0xA9B; // present, code, L
        for (int seg : new int[] {CpuState.SS, CpuState.DS, CpuState.ES}) {
            state.segSelector[seg] = 0x10;
            state.segAttributes[seg] = 0xC93;
        }
        state.rip = CODE;
        state.gpr[CpuState.RSP] = STACK_TOP;
        state.halted = false;
        state.interruptShadow = false;
        Flags.set(state, 0x2);
        cpu.mmu.flushAll();
        platform.stopReason = null;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    void load(long address, String hexBytes) {
        byte[] b = hex(hexBytes);
        memory.writeBytes(address, b, 0, b.length);
    }

    /** Loads {@code hexBytes} at {@link #CODE} and points RIP at it. */
    void code(String hexBytes) {
        load(CODE, hexBytes);
        state.rip = CODE;
    }

    RunResult run(long budget) {
        return cpu.run(budget);
    }

    long reg(int r) {
        return state.gpr[r];
    }
}
