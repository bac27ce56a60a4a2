package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;

/**
 * What a compiled unit sees of its CPU, as plain public fields its bytecode reads once on entry:
 * the state, the register file, memory and the MMU with its TLB arrays (for the inlined
 * fast path), and the few words a unit and the {@link JitEngine} exchange: the back-edge limit
 * on entry, and on leaving (or faulting) the instructions retired and the faulting RIP.
 */
public final class JitContext {

    public final Cpu cpu;
    public final CpuState state;
    public final long[] gpr;
    public final PhysicalMemory memory;
    public final Mmu mmu;
    public final long[] readTag, readPage, writeTag, writePage;

    /** A loop's back edge leaves the unit once the instructions retired exceed this. */
    public int checkLimit;
    /** Set by the code-write listener; a unit leaves after the store (or helper) that set it. */
    public boolean codeWritten;
    /** Instructions retired by the unit: set on every exit and before every call that may fault. */
    public int retired;
    /** RIP of the instruction whose call may fault (valid with {@link #retired} when one does). */
    public long faultRip;

    JitContext(Cpu cpu) {
        this.cpu = cpu;
        this.state = cpu.state;
        this.gpr = cpu.state.gpr;
        this.memory = cpu.memory;
        this.mmu = cpu.mmu;
        this.readTag = mmu.tlbTags(Mmu.READ);
        this.readPage = mmu.tlbPages(Mmu.READ);
        this.writeTag = mmu.tlbTags(Mmu.WRITE);
        this.writePage = mmu.tlbPages(Mmu.WRITE);
    }
}
