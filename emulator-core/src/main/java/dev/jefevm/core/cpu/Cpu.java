package dev.jefevm.core.cpu;

import dev.jefevm.core.cpu.interp.Interpreter;
import dev.jefevm.core.cpu.jit.JitEngine;
import dev.jefevm.core.cpu.jit.JitOptions;
import dev.jefevm.core.cpu.jit.JitStats;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.core.platform.Platform;
import java.util.Arrays;

/**
 * One x86_64 logical processor run by the interpreter: its architectural state, the memory and
 * MMU it sees, the platform (ports, interrupts, time) it sits on, and the execution loop that
 * runs decoded basic blocks (see {@link Interpreter}). Single-threaded: only the vCPU thread
 * calls {@link #run(long)}; {@link #requestStop()} may be called from a device during a run.
 */
public final class Cpu {

    public final CpuState state;
    public final PhysicalMemory memory;
    public final Platform platform;
    public final Mmu mmu;

    private final Interpreter interpreter;
    private UserModeTraps userModeTraps;
    private JitEngine jit;

    /**
     * Test switch: with {@code -Djefevm.jit=true} every CPU runs on the JIT (synchronous
     * compilation, threshold {@code jefevm.jit.threshold}, default 2), so whole test suites can
     * be run through compiled code.
     */
    private static final boolean FORCE_JIT = Boolean.getBoolean("jefevm.jit");

    public Cpu(CpuState state, PhysicalMemory memory, Platform platform) {
        this.state = state;
        this.memory = memory;
        this.platform = platform;
        this.mmu = new Mmu(state, memory);
        this.interpreter = new Interpreter(this);
    }

    /**
     * Runs guest code until about {@code instructionBudget} instructions have retired (a block
     * in progress finishes first), the CPU halts with no interrupt to wake it, or a stop was
     * requested.
     */
    public RunResult run(long instructionBudget) {
        if (FORCE_JIT && jit == null) {
            useJit(new JitOptions(Integer.getInteger("jefevm.jit.threshold", 2),
                    JitOptions.DEFAULT_CODE_CACHE_BYTES, false));
        }
        return interpreter.run(instructionBudget);
    }

    /**
     * Switches this CPU to the JIT back end (hot code compiled to JVM bytecode); call before the
     * first {@link #run(long)}. The interpreter stays: it runs cold code and SYSTEM instructions.
     */
    public void useJit(JitOptions options) {
        if (jit != null) {
            return; // the options are fixed for the CPU's life
        }
        this.jit = new JitEngine(this, options, interpreter::codePageWritten);
        interpreter.setCompiledCodeRunner(jit);
    }

    /** The JIT's counters, or null when this CPU runs on the interpreter. */
    public JitStats jitStats() {
        return jit == null ? null : jit.stats();
    }

    /**
     * Installs (or, with null, removes) a host-side kernel that receives SYSCALL and exceptions
     * instead of the guest's own (user-mode emulation, see {@link UserModeTraps}).
     */
    public void setUserModeTraps(UserModeTraps traps) {
        this.userModeTraps = traps;
    }

    /** The installed host-side kernel, or null when the guest's IDT and MSRs handle everything. */
    public UserModeTraps userModeTraps() {
        return userModeTraps;
    }

    /**
     * Deterministic clock only: lets a halted CPU jump virtual time to the next timer deadline
     * inside {@link #run(long)} rather than return HALTED (for runs with no host input to wait for).
     */
    public void setIdleInRun(boolean on) {
        interpreter.setIdleInRun(on);
    }

    /** Makes the current (or next) {@link #run(long)} return {@link RunResult#STOPPED} after the current block. */
    public void requestStop() {
        interpreter.requestStop();
    }

    /**
     * Puts the processor in its power-up state (SDM Vol.3 9.1.1, table 9-1) and drops all cached
     * code and translations. The loader then sets up long mode as its protocol requires.
     */
    public void reset() {
        CpuState s = state;
        Arrays.fill(s.gpr, 0);
        s.gpr[CpuState.RDX] = 0x600; // processor signature: family 6
        s.rip = 0xFFF0;
        Flags.set(s, 0x2);
        for (int i = 0; i < 6; i++) {
            s.segSelector[i] = 0;
            s.segBase[i] = 0;
            s.segLimit[i] = 0xFFFF;
            s.segAttributes[i] = 0x93;
        }
        s.segSelector[CpuState.CS] = 0xF000;
        s.segBase[CpuState.CS] = 0xFFFF_0000L;
        s.segAttributes[CpuState.CS] = 0x9B;
        s.cpl = 0;
        s.gdtrBase = s.idtrBase = 0;
        s.gdtrLimit = s.idtrLimit = 0xFFFF;
        s.ldtrSelector = s.trSelector = 0;
        s.ldtrBase = s.trBase = 0;
        s.ldtrLimit = s.trLimit = 0xFFFF;
        s.cr0 = 0x6000_0010L;
        s.cr2 = s.cr3 = s.cr4 = s.cr8 = 0;
        Arrays.fill(s.dr, 0);
        s.dr[6] = 0xFFFF_0FF0L;
        s.dr[7] = 0x400;
        s.efer = 0;
        s.halted = false;
        s.interruptShadow = false;
        s.nmiBlocked = false;
        mmu.flushAll();
        invalidateAllCode();
    }

    /** Drops every cached decoded block (after the loader rewrites memory, or on a mode change). */
    public void invalidateAllCode() {
        interpreter.invalidateAllCode();
        if (jit != null) {
            jit.invalidateAll();
        }
    }
}
