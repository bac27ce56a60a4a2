package dev.jefevm.loader.limine;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * Puts the CPU in the state the Limine protocol promises at kernel entry on x86-64 ("Machine
 * State at Entry"): 64-bit long mode with the loader's page tables, a GDT holding the seven
 * listed descriptors, CS = 0x28 and the data segments = 0x30, IF/DF/VM clear, RSP on the stack
 * with a 0 return address pushed, every other GPR zero. The protocol does not enable SSE
 * (its ABI is "System V without FP/SIMD"), so CR4.OSFXSR stays clear: the kernel enables it.
 */
final class EntryState {

    static final int CODE64_SELECTOR = 0x28, DATA64_SELECTOR = 0x30;
    static final int GDT_ENTRIES = 7;
    static final int GDT_LIMIT = GDT_ENTRIES * 8 - 1;

    // SDM Vol.3 3.4.5: access byte (P, DPL, S, type) and flags nibble (G, D/B, L, AVL).
    private static final int CODE_READ = 0x9A, DATA_WRITE = 0x92, ACCESSED = 0x01;
    private static final int FLAG_G = 0x8, FLAG_DB = 0x4, FLAG_L = 0x2;
    static final int CODE64_ATTRIBUTES = (FLAG_G | FLAG_L) << 8 | CODE_READ | ACCESSED;
    static final int DATA64_ATTRIBUTES = (FLAG_G | FLAG_DB) << 8 | DATA_WRITE | ACCESSED;

    // SDM Vol.3 2.5: control register and EFER bits.
    static final long CR0_PE = 1L, CR0_MP = 1L << 1, CR0_ET = 1L << 4, CR0_NE = 1L << 5, CR0_WP = 1L << 16, CR0_PG = 1L << 31;
    static final long CR4_PAE = 1L << 5, CR4_PGE = 1L << 7;
    static final long EFER_LME = 1L << 8, EFER_LMA = 1L << 10, EFER_NXE = 1L << 11;

    /** Protocol, "Caching": PAT0 WB, PAT1 WT, PAT2 UC-, PAT3 UC, PAT4 WP, PAT5 WC, PAT6 UC-, PAT7 UC. */
    static final long PAT = 0x0007_0105_0007_0406L;

    private EntryState() {
    }

    /** Writes the GDT at physical {@code gdt} (56 bytes). */
    static void writeGdt(PhysicalMemory memory, long gdt) {
        memory.write64(gdt, 0);
        memory.write64(gdt + 8, descriptor(0xFFFF, CODE_READ, 0));
        memory.write64(gdt + 16, descriptor(0xFFFF, DATA_WRITE, 0));
        memory.write64(gdt + 24, descriptor(0xF_FFFF, CODE_READ, FLAG_G | FLAG_DB));
        memory.write64(gdt + 32, descriptor(0xF_FFFF, DATA_WRITE, FLAG_G | FLAG_DB));
        memory.write64(gdt + CODE64_SELECTOR, descriptor(0xF_FFFF, CODE_READ | ACCESSED, FLAG_G | FLAG_L));
        memory.write64(gdt + DATA64_SELECTOR, descriptor(0xF_FFFF, DATA_WRITE | ACCESSED, FLAG_G | FLAG_DB));
    }

    /** A segment descriptor with base 0 (SDM Vol.3 Figure 3-8). */
    static long descriptor(long limit, int access, int flags) {
        return (limit & 0xFFFF) | ((limit >>> 16) & 0xF) << 48 | (long) access << 40 | (long) flags << 52;
    }

    /**
     * Sets {@code cpu} to the entry state: {@code rip} the entry point, {@code rsp} the stack
     * pointer after the pushed return address, {@code gdtLinear} the GDT's virtual address.
     */
    static void apply(CpuState cpu, long rip, long rsp, long cr3, long gdtLinear) {
        java.util.Arrays.fill(cpu.gpr, 0);
        cpu.gpr[CpuState.RSP] = rsp;
        cpu.rip = rip;
        Flags.set(cpu, 0x2); // IF, DF, VM clear; protocol leaves other flags undefined, zero is the tidy choice
        for (int s = 0; s < 6; s++) {
            boolean code = s == CpuState.CS;
            cpu.segSelector[s] = code ? CODE64_SELECTOR : DATA64_SELECTOR;
            cpu.segBase[s] = 0;
            cpu.segLimit[s] = 0xFFFF_FFFF;
            cpu.segAttributes[s] = code ? CODE64_ATTRIBUTES : DATA64_ATTRIBUTES;
        }
        cpu.cpl = 0;
        cpu.kernelGsBase = 0;
        cpu.gdtrBase = gdtLinear;
        cpu.gdtrLimit = GDT_LIMIT;
        cpu.idtrBase = 0;
        cpu.idtrLimit = 0;
        cpu.ldtrSelector = 0;
        cpu.ldtrBase = 0;
        cpu.ldtrLimit = 0;
        cpu.trSelector = 0;
        cpu.trBase = 0;
        cpu.trLimit = 0;
        cpu.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
        cpu.cr2 = 0;
        cpu.cr3 = cr3;
        cpu.cr4 = CR4_PAE | CR4_PGE;
        cpu.efer = EFER_LME | EFER_LMA | EFER_NXE;
        cpu.pat = PAT;
        cpu.halted = false;
        cpu.interruptShadow = false;
    }
}
