package dev.jefevm.core.cpu;

/**
 * The host-side kernel of user-mode emulation: when a {@link Cpu} has one installed
 * ({@link Cpu#setUserModeTraps}), SYSCALL and every exception no longer go through the guest's
 * MSRs and IDT but come here, the way a process's system calls and faults reach its operating
 * system. The Linux system-call layer implements it to run static Linux programs at CPL 3 with
 * no guest kernel at all; the conformance harness implements it to stop at the end of a test
 * sequence or at the exception the sequence raised.
 *
 * <p>Both methods run on the vCPU thread between instructions: they may change any state (the
 * registers, RIP, CR3 with a TLB flush) and may call {@link Cpu#requestStop()}.
 */
public interface UserModeTraps {

    /** SYSCALL was executed (SDM Vol.2 SYSCALL); RIP already points at the next instruction. */
    void systemCall(Cpu cpu);

    /**
     * The instruction at RIP raised {@code fault} (a fault: RIP is the faulting instruction, no
     * partial effect) or was INT n, INT3 or INT1 (a trap: RIP is the next instruction, and
     * {@code fault.vector} is n).
     */
    void exception(Cpu cpu, CpuFault fault);
}
