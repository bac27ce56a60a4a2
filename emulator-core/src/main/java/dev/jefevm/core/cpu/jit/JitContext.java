package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * What a compiled unit sees of its CPU, as constants of its class (see {@link #constants()}):
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
    /** Guest RAM, its code-page map and the size of RAM from address 0: the memory fast path's direct access. */
    public final MemorySegment ram;
    public final byte[] codePages;
    public final long lowRam;

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
        this.ram = memory.ram();
        if (!ram.isNative()) {
            // JitMemory addresses RAM by the segment's base address
            throw new IllegalStateException("compiled code needs guest RAM in native memory");
        }
        this.codePages = memory.codePageMap();
        this.lowRam = memory.lowRamSize() & ~0xFFFL; // whole pages: an access that hits the TLB stays in its page
    }

    /**
     * The class data of this CPU's units, in the order of {@link UnitCompiler#CONSTANTS}: each
     * unit loads these with {@code ldc} of a dynamic constant, which HotSpot compiles as a
     * constant (array bases and lengths, field addresses), so they take no register in a loop.
     */
    List<Object> constants() {
        return List.of(this, state, gpr, memory, readTag, readPage, writeTag, writePage, ram, codePages, lowRam);
    }
}
