package dev.jefevm.core.platform;

import dev.jefevm.core.clock.VirtualClock;

/**
 * The one narrow window through which a CPU back end sees the board it sits on: port I/O, the
 * maskable interrupt line, time, and requests that end or restart the machine. Memory-mapped
 * devices are reached through {@link dev.jefevm.core.memory.PhysicalMemory}'s MMIO regions.
 * {@code emulator-core} knows no device; the board in {@code devices} implements this.
 */
public interface Platform {

    /** IN from {@code port}; {@code size} is 1, 2 or 4 bytes. Unclaimed ports read as all ones. */
    int ioRead(int port, int size);

    /** OUT to {@code port}; {@code size} is 1, 2 or 4 bytes. Unclaimed ports ignore writes. */
    void ioWrite(int port, int size, int value);

    /** True while the interrupt controller asserts INTR to the CPU (SDM Vol.3 6.3.2). */
    boolean interruptPending();

    /** The INTA cycle: returns the vector of the interrupt the CPU now takes. */
    int acknowledgeInterrupt();

    /** True while a non-maskable interrupt waits for the CPU (the local APIC's LINT1 or an NMI IPI). */
    default boolean nmiPending() {
        return false;
    }

    /** The CPU takes the pending NMI (vector 2); the platform clears it. */
    default void acknowledgeNmi() {
    }

    /**
     * True if the board implements model-specific register {@code msr} itself: the local APIC's
     * IA32_APIC_BASE (0x1B), IA32_TSC_DEADLINE (0x6E0) and the x2APIC range 0x800-0x8FF. The
     * CPU asks before its own MSR table.
     */
    default boolean ownsMsr(int msr) {
        return false;
    }

    /** RDMSR of a board-owned MSR; an invalid access throws {@code CpuFault.gp(0)}. */
    default long readMsr(int msr) {
        throw dev.jefevm.core.cpu.CpuFault.gp(0);
    }

    /** WRMSR of a board-owned MSR; an invalid access throws {@code CpuFault.gp(0)}. */
    default void writeMsr(int msr, long value) {
        throw dev.jefevm.core.cpu.CpuFault.gp(0);
    }

    /** The machine's virtual clock, which RDTSC and every timer read. */
    VirtualClock clock();

    /** Asks the machine loop to stop after the current instruction (power-off, reset, fault). */
    void requestStop(StopReason reason, String detail);

    /** Why a machine stopped running guest code. */
    enum StopReason {
        /** The guest powered off (ACPI S5); the VM exits with status 0. */
        POWER_OFF,
        /** The guest asked for a reset (0xCF9, keyboard controller, ACPI reset register). */
        RESET,
        /** The CPU met a fault it could not deliver (SDM Vol.3 6.15, interrupt 8: triple fault). */
        TRIPLE_FAULT,
        /** The host asked the machine to stop (end of input in a test, a signal, a limit). */
        HOST_REQUEST
    }
}
