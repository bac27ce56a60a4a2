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
import dev.jefevm.core.platform.Platform;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JIT back end of one CPU, run from the interpreter's loop ({@link CompiledCodeRunner}): the
 * loop takes timers and interrupts, then offers the CPU here. The unit for RIP is found through
 * the chaining slot of the exit the previous unit left by (checked against the page generation
 * and the translation key: MMU epoch and CPL, as the interpreter's block links), else through
 * the indirect-branch cache keyed by linear RIP and translation key, else by the physical
 * address of RIP (two-way tables). From a unit the engine goes on to the next one directly, in
 * a loop bounded by {@link #QUANTUM} instructions, without going back to the interpreter's loop.
 * Where there is no unit yet, the entry is counted and the interpreter runs the block; at
 * {@link JitOptions#threshold()} entries the trace is compiled, at once or on the shared
 * {@link BackgroundCompiler} thread (the interpreter goes on meanwhile; a result for a page
 * written since its snapshot is dropped).
 *
 * <p>Calls: a unit's first translation stops at calls. Once entered
 * {@link JitOptions#inlineThreshold()} times it is translated again, once, with its leaf callees
 * inlined: those of CALL rel, and of calls through a pointer in the call profile (a unit that
 * leaves by such a call reports the site; a site seen going to one target
 * {@link #MONOMORPHIC_CALLS} times in a row enters the profile, and the callee is inlined guarded
 * by its address). A unit with inlined callees holds code of their pages too: it is current only
 * while none of its pages has been written, and is found by address only while the callees'
 * linear pages still map to the frames their code was copied from.
 *
 * <p>Invalidation: pages holding units are marked code pages; a write to one (by the CPU or a
 * device, both through {@link PhysicalMemory}) bumps the page's generation, so its units are
 * stale everywhere at once, and raises {@link JitContext#codeWritten}, on which a running unit
 * leaves right after the store. Cache bound: when the bytecode of the units held would exceed
 * {@link JitOptions#codeCacheBytes()}, the older-entered half of the units is dropped with every
 * reference to them (their hidden classes unload), and everything if that is not enough.
 */
public final class JitEngine implements CompiledCodeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JitEngine.class);

    /** At most this many instructions per unit entry, so interrupts wait at most some 100 µs. */
    static final int QUANTUM = 1 << 16;
    /**
     * Instructions per trace: hot loops are small, and shorter traces mean less duplicated code
     * across the units of nearby entries and less HotSpot compile time (measured on the compute
     * benchmark: 192 cost more process CPU than 32-64, within noise of each other).
     */
    static final int MAX_TRACE = 64;
    private static final int TABLE_SIZE = 1 << 12;
    private static final int TABLE_MASK = TABLE_SIZE - 1;
    private static final int INDIRECT_SIZE = 1 << 12;
    private static final int INDIRECT_MASK = INDIRECT_SIZE - 1;
    private static final int QUEUED = -1;
    private static final int NEVER = Integer.MIN_VALUE;
    /**
     * A call through a pointer that leaves a unit for the same target this many times in a row
     * is taken as monomorphic: its target goes into the call profile, from which a hot unit's
     * second translation inlines that callee (if it is a leaf the trace can take).
     */
    static final int MONOMORPHIC_CALLS = 64;
    /**
     * At most about this many instructions per run of a unit: a loop inside a unit leaves at its
     * back edge after them and the engine enters the unit again at once (a chained transfer, some
     * nanoseconds). HotSpot then sees the unit's method called often and compiles it whole, where
     * a run of a whole {@link #QUANTUM} would have it compiled on-stack-replacement style at every
     * loop head first (on the compute benchmark at SCALE 16, HotSpot's OSR compile time fell from
     * 0.75 s to 0.3 s).
     */
    static final int SLICE = 512;

    private final Cpu cpu;
    private final CpuState state;
    private final Mmu mmu;
    private final PhysicalMemory memory;
    private final VirtualClock clock;
    private final Platform platform;
    private final JitOptions options;
    private final CodeWriteListener interpreterListener;
    private final JitContext ctx;
    private final UnitFactory factory;

    private final int[] pageGeneration;
    private final int[] unitsOnPage;
    private final CompiledUnit[] units = new CompiledUnit[TABLE_SIZE];
    private final long[] counterTag = new long[TABLE_SIZE];
    private final int[] counter = new int[TABLE_SIZE];
    private final long[] indirectRip = new long[INDIRECT_SIZE];
    private final int[] indirectKey = new int[INDIRECT_SIZE];
    private final CompiledUnit[] indirectUnit = new CompiledUnit[INDIRECT_SIZE];
    /** Calls through a pointer seen going to one target (RIP of the call to the target): what traces inline. */
    private final Map<Long, Long> callProfile = new HashMap<>();
    final ConcurrentLinkedQueue<CompiledUnit> finished = new ConcurrentLinkedQueue<>();
    /** Bumped by every flush: a background result from before it is dropped. */
    private int flushEpoch;
    private long cachedBytes;
    private int liveUnits;

    private CompiledUnit lastUnit;
    private int lastExit;
    /** The unit loop found no unit at {@link #missRip} (and counted the entry there). */
    private boolean missPending;
    private long missRip;

    private long unitsCompiled, bytecodeBytes, unitEntries, blocksInterpreted, chainedTransfers,
            indirectHits, indirectMisses, invalidations, evictions, retranslations;
    private final AtomicLong compileTime = new AtomicLong();

    public JitEngine(Cpu cpu, JitOptions options, CodeWriteListener interpreterListener) {
        this.cpu = cpu;
        this.state = cpu.state;
        this.mmu = cpu.mmu;
        this.memory = cpu.memory;
        this.clock = cpu.platform.clock();
        this.platform = cpu.platform;
        this.options = options;
        this.interpreterListener = interpreterListener;
        this.ctx = new JitContext(cpu);
        this.factory = new UnitFactory(ctx);
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

    /**
     * Makes room in the code cache: keeps the units of the table entered most recently (the
     * newer half by their last entry) and drops the others with every reference the engine
     * holds to them (table, indirect-branch cache, the kept units' exit slots), so their hidden
     * classes can unload; entries at a dropped unit count towards a new translation afresh.
     */
    private void evictOlderHalf() {
        Set<CompiledUnit> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        long[] ticks = new long[TABLE_SIZE];
        int n = 0;
        for (CompiledUnit u : units) {
            if (u != null && isCurrent(u)) {
                ticks[n++] = u.lastEntered;
            }
        }
        Arrays.sort(ticks, 0, n);
        long median = n == 0 ? Long.MAX_VALUE : ticks[n / 2];
        for (CompiledUnit u : units) {
            if (u != null && isCurrent(u) && u.lastEntered > median) {
                keep.add(u);
            }
        }
        Arrays.fill(unitsOnPage, 0);
        cachedBytes = 0;
        liveUnits = 0;
        for (int h = 0; h < TABLE_SIZE; h++) {
            CompiledUnit u = units[h];
            if (u == null) {
                continue;
            }
            if (keep.contains(u)) {
                countOnPages(u);
                cachedBytes += u.codeBytes;
                liveUnits++;
            } else {
                units[h] = null;
                forgetCounter(u.physStart);
                evictions++;
            }
        }
        for (int h = 0; h < INDIRECT_SIZE; h++) {
            if (indirectUnit[h] != null && !keep.contains(indirectUnit[h])) {
                indirectUnit[h] = null;
            }
        }
        for (CompiledUnit u : keep) {
            for (int k = 0; k < u.exitUnits.length; k++) {
                if (u.exitUnits[k] != null && !keep.contains(u.exitUnits[k])) {
                    u.exitUnits[k] = null;
                }
            }
            if (u.dynamicUnit != null && !keep.contains(u.dynamicUnit)) {
                u.dynamicUnit = null;
            }
        }
        if (lastUnit != null && !keep.contains(lastUnit)) {
            lastUnit = null;
        }
    }

    /** The entry at {@code phys} starts counting again (its unit was dropped; a queued mark would keep it interpreted). */
    private void forgetCounter(long phys) {
        for (int h : new int[] {slot(phys), altSlot(phys)}) {
            if (counterTag[h] == phys) {
                counterTag[h] = -1;
                counter[h] = 0;
            }
        }
    }

    public JitStats stats() {
        return new JitStats(unitsCompiled, bytecodeBytes, unitEntries, blocksInterpreted, chainedTransfers,
                indirectHits, indirectMisses, compileTime.get(), invalidations, evictions, retranslations);
    }

    /** True if no page the unit holds code of has been written since it was copied. */
    private boolean isCurrent(CompiledUnit u) {
        if (u.generation != pageGeneration[u.frame]) {
            return false;
        }
        for (int k = 0; k < u.extraFrame.length; k++) {
            if (u.extraGeneration[k] != pageGeneration[u.extraFrame[k]]) {
                return false;
            }
        }
        return true;
    }

    private void countOnPages(CompiledUnit u) {
        unitsOnPage[u.frame]++;
        for (int f : u.extraFrame) {
            unitsOnPage[f]++;
        }
    }

    /**
     * True if the linear pages of the unit's inlined callees still map to the frames their code
     * was copied from (the entry's page is looked up by its physical address anyway). Checked
     * once per translation key: the mappings cannot change without a TLB flush, which changes the
     * MMU epoch, and the key is what chaining slots and the caches are checked against.
     */
    private boolean mappingHolds(CompiledUnit u) {
        if (u.extraLinear.length == 0) {
            return true;
        }
        int key = mmu.epoch() << 2 | state.cpl;
        if (u.mapKey == key) {
            return true;
        }
        for (int k = 0; k < u.extraLinear.length; k++) {
            try {
                if (mmu.translate(u.extraLinear[k], Mmu.FETCH) >>> PhysicalMemory.PAGE_SHIFT != u.extraFrame[k]) {
                    return false;
                }
            } catch (CpuFault f) {
                return false;
            }
        }
        u.mapKey = key;
        return true;
    }

    private static int slot(long phys) {
        return (int) (phys ^ (phys >>> 12)) & TABLE_MASK;
    }

    /**
     * The second slot an entry may use (the tables are two-way): with one slot, two hot entries
     * that collide reset each other's counters forever and stay interpreted.
     */
    private static int altSlot(long phys) {
        return (int) ((phys * 0x9E37_79B9_7F4A_7C15L) >>> 52) & TABLE_MASK;
    }

    private boolean holds(int h, long phys, long rip) {
        CompiledUnit u = units[h];
        return u != null && u.physStart == phys && u.linearStart == rip && isCurrent(u) && mappingHolds(u);
    }

    /** The counter slot of {@code phys}: its own, else a free one, else the colder of the two (a queued or untranslatable mark is kept if it can be). */
    private int counterSlot(long phys) {
        int h1 = slot(phys);
        int h2 = altSlot(phys);
        if (counterTag[h1] == phys) {
            return h1;
        }
        if (counterTag[h2] == phys) {
            return h2;
        }
        int victim;
        if (counterTag[h1] == -1) {
            victim = h1;
        } else if (counterTag[h2] == -1) {
            victim = h2;
        } else {
            long c1 = counter[h1] < 0 ? Long.MAX_VALUE : counter[h1];
            long c2 = counter[h2] < 0 ? Long.MAX_VALUE : counter[h2];
            victim = c2 < c1 ? h2 : h1;
        }
        counterTag[victim] = phys;
        counter[victim] = 0;
        return victim;
    }

    @Override
    public int runCompiled(long budget) {
        if (!finished.isEmpty()) {
            installFinished();
        }
        CompiledUnit from = lastUnit;
        lastUnit = null;
        if (missPending) {
            // the unit loop found nothing here just now (and counted the entry): interpret
            missPending = false;
            if (state.rip == missRip) {
                blocksInterpreted++;
                return -1;
            }
        }
        CompiledUnit u = successor(from, lastExit);
        if (u == null) {
            blocksInterpreted++;
            return -1;
        }
        return enter(u, budget);
    }

    /**
     * The unit for the current RIP after leaving {@code from} by {@code fromExit} (null: not
     * from a unit): through the exit's chaining slot, else the indirect-branch cache, else by
     * the physical address (counting the entry); the exit's slot and the cache learn the answer.
     */
    private CompiledUnit successor(CompiledUnit from, int fromExit) {
        long rip = state.rip;
        int key = mmu.epoch() << 2 | state.cpl;
        int site = CompiledUnit.callSiteOf(fromExit);
        if (from != null && site >= 0) {
            profileCall(from, site, rip);
        }
        if (from != null && fromExit >= 0) {
            CompiledUnit linked = from.exitUnits[fromExit];
            // RIP is checked too: an interrupt or NMI delivered since the exit moved it to a handler
            if (linked != null && linked.linearStart == rip && from.exitKeys[fromExit] == key && isCurrent(linked)) {
                chainedTransfers++;
                return linked;
            }
        }
        if (from != null && fromExit < 0) {
            CompiledUnit cached = from.dynamicUnit;
            if (cached != null && from.dynamicRip == rip && from.dynamicKey == key && isCurrent(cached)) {
                indirectHits++;
                return cached;
            }
        }
        int h = indirectSlot(rip);
        CompiledUnit u = indirectUnit[h];
        if (u != null && indirectRip[h] == rip && indirectKey[h] == key && isCurrent(u)) {
            if (from != null && fromExit < 0) {
                indirectHits++;
            }
        } else {
            if (from != null && fromExit < 0) {
                indirectMisses++;
            }
            u = findOrCount(rip);
            if (u == null) {
                return null;
            }
            indirectRip[h] = rip;
            indirectKey[h] = key;
            indirectUnit[h] = u;
        }
        if (from != null && fromExit >= 0) {
            from.exitUnits[fromExit] = u;
            from.exitKeys[fromExit] = key;
        } else if (from != null) {
            from.dynamicUnit = u;
            from.dynamicRip = rip;
            from.dynamicKey = key;
        }
        return u;
    }

    /** The indirect-branch cache slot of {@code rip}: a multiplicative hash, so nearby return sites spread. */
    private static int indirectSlot(long rip) {
        return (int) ((rip * 0x9E37_79B9_7F4A_7C15L) >>> 52) & INDIRECT_MASK;
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
        int h1 = slot(phys);
        if (holds(h1, phys, rip)) {
            return units[h1];
        }
        int h2 = altSlot(phys);
        if (holds(h2, phys, rip)) {
            return units[h2];
        }
        int h = counterSlot(phys);
        int c = counter[h];
        if (c < 0) {
            return null; // queued, or not translatable
        }
        counter[h] = ++c;
        if (c < options.threshold()) {
            return null;
        }
        counter[h] = QUEUED;
        CodeSnapshot code = snapshot(rip, phys, false).seal();
        if (options.backgroundCompile()) {
            BackgroundCompiler.submit(this, code, rip, flushEpoch);
            return null;
        }
        CompiledUnit compiled = compile(code, rip, flushEpoch);
        if (compiled == null) {
            LOG.debug("no unit at {}: its first instruction is not translatable", Long.toHexString(rip));
            counter[h] = NEVER;
            return null;
        }
        return install(compiled) ? compiled : null;
    }

    /**
     * The code the trace at {@code rip} (physical {@code phys}) reads, not yet sealed: its page,
     * copied now, and with {@code inlineCalls} the pages of the callees it inlines with the call
     * profile's targets, copied when a trace built from it asks for them (each page is marked as
     * holding code first, so a write from now on bumps its generation). The caller seals it
     * before it goes to the compiler.
     */
    private CodeSnapshot snapshot(long rip, long phys, boolean inlineCalls) {
        CodeSnapshot.Source live = new CodeSnapshot.Source() {
            @Override
            public CodeSnapshot.Page fetch(long linearPage) {
                long pagePhys;
                try {
                    pagePhys = mmu.translate(linearPage, Mmu.FETCH);
                } catch (CpuFault f) {
                    return null; // not executable now: the call is not inlined
                }
                return memory.isRamFrame(pagePhys >>> PhysicalMemory.PAGE_SHIFT) ? copyPage(linearPage, pagePhys) : null;
            }

            @Override
            public long callTarget(long siteRip) {
                Long target = callProfile.get(siteRip);
                return target == null ? -1 : target;
            }
        };
        return new CodeSnapshot(copyPage(rip & -PhysicalMemory.PAGE_SIZE, phys & -PhysicalMemory.PAGE_SIZE), live,
                mmu.epoch() << 2 | state.cpl, inlineCalls);
    }

    private CodeSnapshot.Page copyPage(long linearPage, long physPage) {
        long frame = physPage >>> PhysicalMemory.PAGE_SHIFT;
        byte[] bytes = new byte[(int) PhysicalMemory.PAGE_SIZE];
        memory.markCodePage(frame); // from now on a write to the page bumps its generation
        memory.readBytes(frame << PhysicalMemory.PAGE_SHIFT, bytes, 0, bytes.length);
        return new CodeSnapshot.Page(linearPage, physPage, bytes, pageGeneration[(int) frame]);
    }

    /** Translates; safe on any thread (touches no CPU state). */
    CompiledUnit compile(CodeSnapshot code, long rip, int epoch) {
        long t0 = System.nanoTime();
        CompiledUnit u = factory.create(code, rip);
        compileTime.addAndGet(System.nanoTime() - t0);
        if (u != null) {
            u.flushEpoch = epoch;
            u.mapKey = code.translationKey;
        }
        return u;
    }

    /**
     * Notes that {@code from} left by call site {@code site} for {@code target}: after
     * {@link #MONOMORPHIC_CALLS} times in a row to one target the site enters the call profile.
     */
    private void profileCall(CompiledUnit from, int site, long target) {
        if (from.siteTarget[site] != target) {
            from.siteTarget[site] = target;
            from.siteRepeats[site] = 1;
            return;
        }
        if (++from.siteRepeats[site] != MONOMORPHIC_CALLS) {
            return;
        }
        callProfile.put(from.callSites[site], target);
    }

    /**
     * A unit entered {@link JitOptions#inlineThreshold()} times is translated again, once, with
     * its leaf callees inlined (if its trace reaches any): only hot code pays HotSpot for the
     * larger unit. The new unit replaces it when installed.
     */
    private void promote(CompiledUnit from) {
        from.retranslated = true;
        CodeSnapshot code = snapshot(from.linearStart, from.physStart, true);
        Trace t = new TraceBuilder().build(code, from.linearStart, MAX_TRACE); // fetches the callees' pages
        code.seal();
        if (t == null || !t.inlinesCalls()) {
            return; // nothing to inline: the same unit again would gain nothing
        }
        retranslations++;
        if (options.backgroundCompile()) {
            BackgroundCompiler.submit(this, code, from.linearStart, flushEpoch);
            return;
        }
        CompiledUnit u = compile(code, from.linearStart, flushEpoch);
        if (u != null) {
            install(u);
        }
    }

    private void installFinished() {
        CompiledUnit u;
        while ((u = finished.poll()) != null) {
            for (int h : new int[] {slot(u.physStart), altSlot(u.physStart)}) {
                if (counterTag[h] == u.physStart && counter[h] == QUEUED) {
                    counter[h] = 0;
                }
            }
            install(u);
        }
    }

    private boolean install(CompiledUnit u) {
        if (u.flushEpoch != flushEpoch || !isCurrent(u)) {
            return false; // a page changed (or everything was dropped) since the snapshot
        }
        if (cachedBytes + u.codeBytes > options.codeCacheBytes()) {
            evictOlderHalf();
            if (cachedBytes + u.codeBytes > options.codeCacheBytes()) {
                evictions += liveUnits;
                flush();
                u.generation = pageGeneration[u.frame];
                u.flushEpoch = flushEpoch;
            }
        }
        int h = slot(u.physStart);
        CompiledUnit there = units[h];
        if (there != null && isCurrent(there) && there.physStart != u.physStart) {
            int h2 = altSlot(u.physStart);
            CompiledUnit other = units[h2];
            if (other == null || !isCurrent(other) || other.physStart == u.physStart) {
                h = h2;
            }
        }
        CompiledUnit replaced = units[h];
        if (replaced != null && replaced.physStart == u.physStart && replaced.linearStart == u.linearStart
                && isCurrent(replaced)) {
            // a retranslation: the old unit is stale from now on wherever it is linked, and the
            // new one is not translated again
            replaced.generation = -1;
            cachedBytes -= replaced.codeBytes;
            liveUnits--;
            u.retranslated = true;
        }
        units[h] = u;
        countOnPages(u);
        cachedBytes += u.codeBytes;
        liveUnits++;
        unitsCompiled++;
        bytecodeBytes += u.codeBytes;
        memory.markCodePage(u.frame);
        for (int f : u.extraFrame) {
            memory.markCodePage(f);
        }
        return true;
    }

    /**
     * Runs {@code u} and then, without returning to the interpreter's loop, the units its exits
     * lead to, within {@code budget} and {@link #QUANTUM} instructions (the interrupt latency
     * bound, as a loop inside one unit); returns the instructions retired, or -1 if the budget
     * is too small for {@code u}. It returns to the loop when the next unit is not compiled or
     * does not fit the remaining limit, after a fault, a code write, or an instruction that
     * blocks interrupts for one more instruction (the loop handles the shadow).
     */
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
        CpuState s = state;
        int total = 0;
        while (true) {
            c.checkLimit = (int) Math.min(limit - total - u.instructionCount, SLICE);
            c.codeWritten = false;
            u.lastEntered = ++unitEntries;
            if (++u.entries == options.inlineThreshold() && !u.retranslated) {
                promote(u);
            }
            int exit;
            try {
                exit = u.run(c);
            } catch (CpuFault f) {
                s.rip = c.faultRip;
                clock.retire(c.retired);
                deliver(f);
                return total + c.retired;
            }
            clock.retire(c.retired);
            total += c.retired;
            if (c.codeWritten || s.interruptShadow) {
                return total;
            }
            // An interrupt raised meanwhile (an MMIO write such as a self-IPI, a device) is taken
            // at this unit boundary, as the interpreter takes it at a block boundary.
            if (platform.nmiPending() || ((s.rflagsControl & CpuState.IF) != 0 && platform.interruptPending())) {
                lastUnit = u;
                lastExit = exit;
                return total;
            }
            CompiledUnit next = successor(u, exit);
            if (next == null) {
                missPending = true;
                missRip = s.rip;
                return total;
            }
            if (limit - total < next.instructionCount) {
                lastUnit = u;
                lastExit = exit;
                return total;
            }
            u = next;
        }
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
