package dev.jefevm.core.cpu.interp;

import dev.jefevm.core.clock.VirtualClock;
import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.RunResult;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.decode.Instruction;
import dev.jefevm.core.cpu.decode.Op;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.cpu.system.InterruptDelivery;
import dev.jefevm.core.cpu.system.SystemExecutor;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;

/**
 * The interpreter's execution loop. Between blocks it fires the device timers that are due on
 * the {@link VirtualClock}, takes a pending NMI (unless one is still being handled: SDM Vol.3
 * 6.7.1) and then an external interrupt when INTR is asserted and RFLAGS.IF is set, neither
 * inside an interrupt shadow (SDM Vol.3 6.8.3). A halted CPU with IF set and nothing pending
 * fires the timers already due and runs on if one woke it; otherwise it returns HALTED and the
 * caller waits (until {@link VirtualClock#nextDeadline()} or host input) before running again.
 * With {@link #setIdleInRun(boolean)} a deterministic clock instead jumps to the next deadline
 * inside run(), for callers with no host input to wait for. HLT with IF clear returns HALTED at
 * once, so the machine loop can report a guest that stopped for good. Each block is found through the link
 * left in the block that ran before it (block chaining, see {@link Block}), or else by the
 * physical address of RIP in a {@link BlockCache} (decoded on a miss), and run instruction by
 * instruction, dispatched by the {@link FastPath} form chosen at decode time: RIP is set to the
 * next instruction before the executor runs; a {@link CpuFault} rolls RIP back to the
 * instruction's start and is delivered through the IDT (or to the CPU's {@link UserModeTraps}).
 *
 * <p>Self-modifying code: a store into a page holding cached code reaches
 * {@link #codePageWritten(long)}, which bumps the page's generation and raises a flag that the
 * loop checks after every instruction; the current block is then left, so the next instruction
 * is decoded afresh from the modified bytes.
 */
public final class Interpreter {

    /**
     * Real-time mode reads the host clock (System.nanoTime, some 20 ns) for due timers once per
     * this many blocks, a few microseconds of guest time, so the read costs under 1% of a block.
     */
    static final int REAL_TIME_CLOCK_CHECK_BLOCKS = 64;

    private final Cpu cpu;
    private final CpuState state;
    private final Platform platform;
    private final Mmu mmu;
    private final PhysicalMemory memory;
    private final BlockCache cache;
    private final BlockBuilder builder;
    private final VirtualClock clock;
    private final boolean deterministic;
    /** Deterministic mode: a halted CPU spends the wait for the next timer inside run(). */
    private boolean idleInRun;
    /** Blocks left before the real-time loop next reads the host clock for due timers. */
    private int blocksUntilClockCheck;
    private boolean codeWritten;
    /** Instructions of the current block already retired into the clock (before a SYSTEM instruction). */
    private int retiredEarly;
    private volatile boolean stopRequested;
    /** The block that just ran to its end, to chain the next lookup from; null after anything that may change CPL or RIP's mapping. */
    private Block previous;
    /** Compiled code tried before each block (the JIT), or null. */
    private CompiledCodeRunner compiledCode;

    public Interpreter(Cpu cpu) {
        this.cpu = cpu;
        this.state = cpu.state;
        this.platform = cpu.platform;
        this.mmu = cpu.mmu;
        this.memory = cpu.memory;
        this.cache = new BlockCache(memory);
        this.builder = new BlockBuilder(memory, mmu);
        this.clock = platform.clock();
        this.deterministic = clock.isDeterministic();
        memory.setCodeWriteListener(this::codePageWritten);
    }

    /** The code-write listener: page {@code frame} changed, its blocks are stale. */
    public void codePageWritten(long frame) {
        cache.invalidatePage(frame);
        codeWritten = true;
    }

    /**
     * With a deterministic clock, lets a halted CPU jump virtual time to the next timer deadline
     * inside run() instead of returning HALTED; only for callers that have no host input to
     * deliver while the guest waits (a headless run, a test), since input would wait behind the jump.
     */
    public void setIdleInRun(boolean on) {
        idleInRun = on;
    }

    /**
     * Installs (or, with null, removes) a back end that runs compiled code in place of decoded
     * blocks: before each block the loop offers it the CPU (outside an interrupt shadow).
     */
    public void setCompiledCodeRunner(CompiledCodeRunner runner) {
        this.compiledCode = runner;
    }

    public void requestStop() {
        stopRequested = true;
    }

    public void invalidateAllCode() {
        cache.clear();
        previous = null;
        codeWritten = true; // if called during a block, leave it: its remaining instructions may be stale
    }

    /**
     * Runs until {@code budget} instructions retired, HLT with nothing to wake the CPU, or a stop
     * request. Delivered faults and interrupts count one unit against the budget (not the clock),
     * so a guest stuck in a fault loop still returns control to the machine.
     */
    public RunResult run(long budget) {
        CpuState s = state;
        long spent = 0;
        previous = null; // the state may have been changed from outside since the last run
        blocksUntilClockCheck = 0; // the caller may have waited: look at the clock first
        while (spent < budget) {
            if (stopRequested) {
                stopRequested = false;
                return RunResult.STOPPED;
            }
            if (deterministic) {
                if (clock.nanos() >= clock.nextDeadline()) {
                    clock.runDueTimers();
                }
            } else if (--blocksUntilClockCheck < 0) {
                blocksUntilClockCheck = REAL_TIME_CLOCK_CHECK_BLOCKS;
                if (clock.nanos() >= clock.nextDeadline()) {
                    clock.runDueTimers();
                }
            }
            if (!s.interruptShadow) {
                if (!s.nmiBlocked && platform.nmiPending()) {
                    platform.acknowledgeNmi();
                    previous = null;
                    InterruptDelivery.deliverNmi(cpu); // wakes HLT; IF does not mask it
                    spent++;
                    continue;
                }
                if ((s.rflagsControl & CpuState.IF) != 0 && platform.interruptPending()) {
                    s.halted = false;
                    previous = null;
                    InterruptDelivery.deliverExternal(cpu, platform.acknowledgeInterrupt());
                    spent++;
                    continue;
                }
            }
            if (s.halted) {
                if (!idleUntilTimer()) {
                    return RunResult.HALTED;
                }
                spent++;
                continue;
            }
            if (compiledCode != null && !s.interruptShadow) {
                int ran = compiledCode.runCompiled(budget - spent);
                if (ran >= 0) {
                    previous = null;
                    spent += ran == 0 ? 1 : ran;
                    continue;
                }
            }
            int retired = runBlock(budget - spent);
            spent += retired == 0 ? 1 : retired;
        }
        if (stopRequested) {
            stopRequested = false;
            return RunResult.STOPPED;
        }
        return RunResult.BUDGET_EXHAUSTED;
    }

    /**
     * A halted CPU with nothing pending and IF set: fires the timers already due, or with
     * {@link #idleInRun} on a deterministic clock first spends the wait for the next one at once
     * (virtual time jumps to its deadline). Otherwise the wait is the caller's, and this returns
     * false so run() returns HALTED; also when IF is clear (only an NMI could wake the CPU: the
     * machine loop decides whether to wait for one).
     */
    private boolean idleUntilTimer() {
        if ((state.rflagsControl & CpuState.IF) == 0) {
            return false;
        }
        long next = clock.nextDeadline();
        if (deterministic && idleInRun && next != Long.MAX_VALUE) {
            clock.idleUntil(next);
        } else if (clock.nanos() < next) {
            return false;
        }
        clock.runDueTimers();
        return true;
    }

    /** The block at {@code rip}: the one linked from the previous block if still valid, else through the TLB and the cache. */
    private Block lookup(long rip) {
        Block prev = previous;
        if (prev != null) {
            Block b = prev.successor(rip, linkKey());
            if (b != null && cache.isCurrent(b)) {
                return b;
            }
        }
        Block b = lookupUnlinked(rip);
        if (prev != null && b.linkable) {
            prev.link(rip, linkKey(), b);
        }
        return b;
    }

    /**
     * What a link's translation depends on besides RIP: the MMU epoch (no flush since) and the
     * CPL (user and supervisor fetches are allowed different pages, SDM Vol.3 4.6).
     */
    private int linkKey() {
        return mmu.epoch() << 2 | state.cpl;
    }

    private Block lookupUnlinked(long rip) {
        long phys = mmu.translate(rip, Mmu.FETCH);
        if (cache.cacheable(phys)) {
            Block b = cache.get(phys);
            if (b != null) {
                return b;
            }
            int generation = cache.generation(phys);
            b = builder.build(rip, phys, generation);
            if (builder.cacheable) {
                memory.markCodePage(phys >>> PhysicalMemory.PAGE_SHIFT);
                if (cache.generation(phys) == generation) {
                    b.linkable = b.forms[b.forms.length - 1] != FastPath.SYSTEM;
                    cache.put(b);
                }
            }
            return b;
        }
        return builder.build(rip, phys, 0);
    }

    /** Runs (part of) one block; returns the number of instructions retired. */
    private int runBlock(long budget) {
        CpuState s = state;
        long start = s.rip;
        Block block;
        try {
            block = lookup(start);
        } catch (CpuFault f) {
            previous = null;
            deliver(f);
            return 0;
        }
        Instruction[] insns = block.instructions;
        int[] forms = block.forms;
        int n = insns.length;
        boolean shadow = s.interruptShadow;
        if (shadow) {
            n = 1; // the instruction after STI / MOV SS runs alone, then interrupts are allowed
        }
        if (n > budget) {
            n = (int) budget;
        }
        codeWritten = false;
        int i = 0;
        try {
            while (i < n) {
                Instruction insn = insns[i];
                start = s.rip;
                s.rip = start + insn.length;
                int form = forms[i];
                if (form != FastPath.SYSTEM) {
                    FastPath.execute(cpu, insn, form);
                } else {
                    clock.retire(i); // RDTSC and port I/O see the time up to this instruction
                    retiredEarly = i;
                    executeSystem(insn);
                }
                i++;
                if (codeWritten) {
                    break;
                }
            }
        } catch (CpuFault f) {
            previous = null;
            s.rip = start;
            if (shadow) {
                s.interruptShadow = false;
            }
            clock.retire(i - retiredEarly);
            retiredEarly = 0;
            deliver(f);
            return i;
        }
        if (shadow) {
            s.interruptShadow = false;
        }
        previous = block.linkable && i == insns.length && !codeWritten ? block : null;
        clock.retire(i - retiredEarly);
        retiredEarly = 0;
        return i;
    }

    /** A fault goes to the installed user-mode kernel if there is one, else through the IDT. */
    private void deliver(CpuFault f) {
        UserModeTraps traps = cpu.userModeTraps();
        if (traps != null) {
            traps.exception(cpu, f);
        } else {
            InterruptDelivery.deliverFault(cpu, f);
        }
    }

    private void executeSystem(Instruction insn) {
        CpuState s = state;
        boolean ifWasClear = (s.rflagsControl & CpuState.IF) == 0;
        Op op = insn.op;
        if (op == Op.IRET) {
            s.nmiBlocked = false; // SDM Vol.3 6.7.1: IRET ends NMI blocking, even an IRET that faults
        }
        SystemExecutor.execute(cpu, insn);
        // SDM Vol.3 6.8.3: STI (when IF was clear), MOV SS and POP SS block interrupts for one instruction
        if ((op == Op.STI && ifWasClear)
                || ((op == Op.MOV_TO_SREG || op == Op.POP_SREG) && insn.reg0 == CpuState.SS)) {
            s.interruptShadow = true;
        }
    }
}
