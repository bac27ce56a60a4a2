package dev.jefevm.core.cpu.jit;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.interp.CompiledCodeRunner;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.cpu.system.InterruptDelivery;
import dev.jefevm.core.memory.CodeWriteListener;
import dev.jefevm.core.memory.PhysicalMemory;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JIT back end of one CPU, run from the interpreter's loop ({@link CompiledCodeRunner}): the
 * loop takes timers and interrupts, then offers the CPU here. The unit for RIP is found through
 * the chaining slot of the exit the previous unit left by (checked against the page generation
 * and the translation key: MMU epoch and CPL, as the interpreter's block links), else through
 * the indirect-branch cache keyed by linear RIP and translation key, else by the physical
 * address of RIP. Where there is no unit yet, the entry is counted and the interpreter runs the
 * block; at {@link JitOptions#threshold()} entries the trace is compiled, at once or on the
 * shared {@link BackgroundCompiler} thread (the interpreter goes on meanwhile; a result for a
 * page written since its snapshot is dropped).
 *
 * <p>Invalidation: pages holding units are marked code pages; a write to one (by the CPU or a
 * device, both through {@link PhysicalMemory}) bumps the page's generation, so its units are
 * stale everywhere at once, and raises {@link JitContext#codeWritten}, on which a running unit
 * leaves right after the store. Cache bound: when the bytecode of the units installed since the
 * last flush would exceed {@link JitOptions#codeCacheBytes()}, every unit is dropped (flush-all,
 * the simplest policy that bounds the hidden classes kept alive: dropped units are unreachable
 * and their classes unload).
 */
public final class JitEngine implements CompiledCodeRunner {

    /** At most this many instructions per unit entry, so interrupts wait at most some 100 µs. */
    static final int QUANTUM = 1 << 16;
    static final int MAX_TRACE = 192;
    private static final int TABLE_SIZE = 1 << 12;
    private static final int TABLE_MASK = TABLE_SIZE - 1;
    private static final int INDIRECT_SIZE = 1 << 10;
    private static final int INDIRECT_MASK = INDIRECT_SIZE - 1;
    private static final int QUEUED = -1;
    private static final int NEVER = Integer.MIN_VALUE;

    private final Cpu cpu;
    private final CpuState state;
    private final Mmu mmu;
    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final JitOptions options;
    private final CodeWriteListener interpreterListener;
    private final JitContext ctx;
    private final UnitFactory factory = new UnitFactory();

    private final int[] pageGeneration;
    private final int[] unitsOnPage;
    private final CompiledUnit[] units = new CompiledUnit[TABLE_SIZE];
    private final long[] counterTag = new long[TABLE_SIZE];
    private final int[] counter = new int[TABLE_SIZE];
    private final long[] indirectRip = new long[INDIRECT_SIZE];
    private final int[] indirectKey = new int[INDIRECT_SIZE];
    private final CompiledUnit[] indirectUnit = new CompiledUnit[INDIRECT_SIZE];
    final ConcurrentLinkedQueue<CompiledUnit> finished = new ConcurrentLinkedQueue<>();
    /** Bumped by every flush: a background result from before it is dropped. */
    private int flushEpoch;
    private long cachedBytes;
    private int liveUnits;

    private CompiledUnit lastUnit;
    private int lastExit;

    private long unitsCompiled, bytecodeBytes, unitEntries, blocksInterpreted, chainedTransfers,
            indirectHits, indirectMisses, invalidations, evictions;
    private final AtomicLong compileTime = new AtomicLong();

    public JitEngine(Cpu cpu, JitOptions options, CodeWriteListener interpreterListener) {
        this.cpu = cpu;
        this.state = cpu.state;
        this.mmu = cpu.mmu;
        this.memory = cpu.memory;
        this.clock = cpu.platform.clock();
        this.options = options;
        this.interpreterListener = interpreterListener;
        this.ctx = new JitContext(cpu);
        this.pageGeneration = new int[memory.frameLimit()];
        this.unitsOnPage = new int[memory.frameLimit()];
        Arrays.fill(counterTag, -1);
        memory.setCodeWriteListener(this::codePageWritten);
    }

    /** The code-write listener: the interpreter's blocks and this page's units are stale. */
    private void codePageWritten(long frame) {
        interpreterListener.codePageWritten(frame);
        if (frame >= 0 && frame < pageGeneration.length) {
            pageGeneration[(int) frame]++;
            invalidations += unitsOnPage[(int) frame];
            unitsOnPage[(int) frame] = 0;
        }
        ctx.codeWritten = true;
    }

    /** Drops every unit (the loader rewrote memory, or a mode change). */
    public void invalidateAll() {
        flush();
    }

    private void flush() {
        flushEpoch++;
        Arrays.fill(units, null);
        Arrays.fill(indirectUnit, null);
        Arrays.fill(counterTag, -1);
        Arrays.fill(unitsOnPage, 0);
        lastUnit = null;
        cachedBytes = 0;
        liveUnits = 0;
    }

    public JitStats stats() {
        return new JitStats(unitsCompiled, bytecodeBytes, unitEntries, blocksInterpreted, chainedTransfers,
                indirectHits, indirectMisses, compileTime.get(), invalidations, evictions);
    }

    private boolean isCurrent(CompiledUnit u) {
        return u.generation == pageGeneration[u.frame];
    }

    private static int slot(long phys) {
        return (int) (phys ^ (phys >>> 12)) & TABLE_MASK;
    }

    @Override
    public int runCompiled(long budget) {
        if (!finished.isEmpty()) {
            installFinished();
        }
        CpuState s = state;
        long rip = s.rip;
        int key = mmu.epoch() << 2 | s.cpl;
        CompiledUnit from = lastUnit;
        int fromExit = lastExit;
        lastUnit = null;
        CompiledUnit u = null;
        if (from != null && fromExit >= 0) {
            CompiledUnit linked = from.exitUnits[fromExit];
            // RIP is checked too: an interrupt or NMI delivered since the exit moved it to a handler
            if (linked != null && linked.linearStart == rip && from.exitKeys[fromExit] == key && isCurrent(linked)) {
                u = linked;
                chainedTransfers++;
            }
        }
        if (u == null) {
            int h = (int) (rip ^ (rip >>> 10)) & INDIRECT_MASK;
            CompiledUnit c = indirectUnit[h];
            if (c != null && indirectRip[h] == rip && indirectKey[h] == key && isCurrent(c)) {
                u = c;
                if (from != null && fromExit < 0) {
                    indirectHits++;
                }
            } else {
                if (from != null && fromExit < 0) {
                    indirectMisses++;
                }
                u = findOrCount(rip);
                if (u == null) {
                    blocksInterpreted++;
                    return -1;
                }
                indirectRip[h] = rip;
                indirectKey[h] = key;
                indirectUnit[h] = u;
            }
            if (from != null && fromExit >= 0) {
                from.exitUnits[fromExit] = u;
                from.exitKeys[fromExit] = key;
            }
        }
        return enter(u, budget);
    }

    /** The current unit at {@code rip}, or null after counting the entry (and compiling at the threshold). */
    private CompiledUnit findOrCount(long rip) {
        long phys;
        try {
            phys = mmu.translate(rip, Mmu.FETCH);
        } catch (CpuFault f) {
            return null; // the interpreter raises the fetch fault
        }
        long frame = phys >>> PhysicalMemory.PAGE_SHIFT;
        if (!memory.isRamFrame(frame)) {
            return null;
        }
        int h = slot(phys);
        CompiledUnit u = units[h];
        if (u != null && u.physStart == phys && u.linearStart == rip && isCurrent(u)) {
            return u;
        }
        if (counterTag[h] != phys) {
            counterTag[h] = phys;
            counter[h] = 0;
        }
        int c = counter[h];
        if (c < 0) {
            return null; // queued, or not translatable
        }
        counter[h] = ++c;
        if (c < options.threshold()) {
            return null;
        }
        counter[h] = QUEUED;
        byte[] page = new byte[(int) PhysicalMemory.PAGE_SIZE];
        memory.markCodePage(frame); // from now on a write to the page bumps its generation
        memory.readBytes(frame << PhysicalMemory.PAGE_SHIFT, page, 0, page.length);
        int generation = pageGeneration[(int) frame];
        if (options.backgroundCompile()) {
            BackgroundCompiler.submit(this, page, rip, phys, generation, flushEpoch);
            return null;
        }
        CompiledUnit compiled = compile(page, rip, phys, generation, flushEpoch);
        if (compiled == null) {
            counter[h] = NEVER;
            return null;
        }
        return install(compiled) ? compiled : null;
    }

    /** Translates; safe on any thread (touches no CPU state). */
    CompiledUnit compile(byte[] page, long rip, long phys, int generation, int epoch) {
        long t0 = System.nanoTime();
        CompiledUnit u = factory.create(page, rip, phys);
        compileTime.addAndGet(System.nanoTime() - t0);
        if (u != null) {
            u.generation = generation;
            u.flushEpoch = epoch;
        }
        return u;
    }

    private void installFinished() {
        CompiledUnit u;
        while ((u = finished.poll()) != null) {
            int h = slot(u.physStart);
            if (counterTag[h] == u.physStart && counter[h] == QUEUED) {
                counter[h] = 0;
            }
            install(u);
        }
    }

    private boolean install(CompiledUnit u) {
        if (u.flushEpoch != flushEpoch || pageGeneration[u.frame] != u.generation) {
            return false; // the page changed (or everything was dropped) since the snapshot
        }
        if (cachedBytes + u.codeBytes > options.codeCacheBytes()) {
            evictions += liveUnits;
            flush();
            u.generation = pageGeneration[u.frame];
            u.flushEpoch = flushEpoch;
        }
        int h = slot(u.physStart);
        units[h] = u;
        unitsOnPage[u.frame]++;
        cachedBytes += u.codeBytes;
        liveUnits++;
        unitsCompiled++;
        bytecodeBytes += u.codeBytes;
        memory.markCodePage(u.frame);
        return true;
    }

    /** Runs {@code u} within {@code budget}; returns the instructions retired, or -1 if the budget is too small for it. */
    private int enter(CompiledUnit u, long budget) {
        long limit = Math.min(budget, QUANTUM);
        if (clock.isDeterministic()) {
            long toDeadline = (clock.nextDeadline() - clock.nanos()) / VirtualClock.NANOS_PER_INSTRUCTION;
            limit = Math.min(limit, toDeadline);
        }
        if (limit < u.instructionCount) {
            blocksInterpreted++;
            return -1; // near the budget or a timer: the interpreter stops exactly where it must
        }
        JitContext c = ctx;
        c.checkLimit = (int) (limit - u.instructionCount);
        c.codeWritten = false;
        unitEntries++;
        int exit;
        try {
            exit = u.run(c);
        } catch (CpuFault f) {
            state.rip = c.faultRip;
            clock.retire(c.retired);
            deliver(f);
            return c.retired;
        }
        clock.retire(c.retired);
        if (!c.codeWritten) {
            lastUnit = u;
            lastExit = exit;
        }
        return c.retired;
    }

    /** A fault goes to the installed user-mode kernel if there is one, else through the IDT (as the interpreter). */
    private void deliver(CpuFault f) {
        UserModeTraps traps = cpu.userModeTraps();
        if (traps != null) {
            traps.exception(cpu, f);
        } else {
            InterruptDelivery.deliverFault(cpu, f);
        }
    }
}
