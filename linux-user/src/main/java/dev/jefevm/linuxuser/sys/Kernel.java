package dev.jefevm.linuxuser.sys;

import dev.jefevm.core.cpu.Cpu;
import dev.jefevm.core.cpu.CpuFault;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.core.cpu.Flags;
import dev.jefevm.core.cpu.UserModeTraps;
import dev.jefevm.core.cpu.mmu.Mmu;
import dev.jefevm.core.memory.PhysicalMemory;
import dev.jefevm.linuxuser.LinuxUserException;
import dev.jefevm.linuxuser.elf.ElfImage;
import dev.jefevm.linuxuser.fs.FdTable;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.mem.FrameAllocator;
import dev.jefevm.linuxuser.mem.GuestFault;
import dev.jefevm.linuxuser.mem.GuestMemoryExhausted;
import dev.jefevm.linuxuser.proc.CpuContext;
import dev.jefevm.linuxuser.proc.Process;
import dev.jefevm.linuxuser.proc.ProgramLoader;
import dev.jefevm.linuxuser.signal.FaultSignals;
import dev.jefevm.linuxuser.signal.SignalAction;
import dev.jefevm.linuxuser.signal.SignalFrame;
import dev.jefevm.linuxuser.signal.Signals;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host-side Linux kernel of user-mode emulation: it owns the processes, receives their
 * system calls and faults from the one {@link Cpu} ({@link UserModeTraps}), and schedules them
 * round-robin in time slices. A process that would block (an empty pipe, wait4) has its SYSCALL
 * rewound so that it re-runs when something in the system has changed; when every live process
 * waits and nothing can change, the run stops with a deadlock error. Signals pending for a
 * process are delivered when it returns from a system call or is scheduled in.
 */
public final class Kernel implements UserModeTraps {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final long SLICE = 2_000_000;
    /** The value a system call returns to leave RAX as it is (execve, rt_sigreturn). */
    static final long KEEP_REGISTERS = Long.MIN_VALUE + 1;
    private static final int FIRST_PID = 100;

    final Cpu cpu;
    final PhysicalMemory memory;
    final FrameAllocator frames;
    final List<Process> processes = new ArrayList<>();
    final SecureRandom random = new SecureRandom();
    private final Syscalls syscalls;
    private final boolean strace;
    private Process current;
    private Process init;
    private int nextPid = FIRST_PID;
    /** Bumped by every completed system call and exit: blocked processes retry when it moved. */
    long progress;

    public Kernel(Cpu cpu, boolean strace) {
        this.cpu = cpu;
        this.memory = cpu.memory;
        this.frames = new FrameAllocator(cpu.memory);
        this.strace = strace;
        this.syscalls = new Syscalls(this);
        cpu.setUserModeTraps(this);
    }

    /** Creates the first process running {@code image} ({@code interpreter}: its dynamic loader, or null). */
    public void start(ElfImage image, ElfImage interpreter, Path exe, List<String> argv, List<String> env, Path cwd,
            FdTable fds) {
        Process p = newProcess(null);
        p.fds = fds;
        p.cwd = cwd;
        current = p;
        init = p;
        loadInitialState(cpu.state);
        exec(p, image, interpreter, exe, argv, env);
    }

    Process newProcess(Process parent) {
        Process p = new Process(nextPid++);
        p.parent = parent;
        if (parent != null) {
            parent.children.add(p);
        }
        processes.add(p);
        return p;
    }

    Process current() {
        return current;
    }

    Syscalls syscalls() {
        return syscalls;
    }

    /** The CPU state of a user process: 64-bit CPL 3 segments, long mode with paging, NX, SSE (SDM Vol.3 9.8.5). */
    private static void loadInitialState(CpuState s) {
        s.cr0 = 0x8005_0033L; // PG, WP, NE, ET, MP, PE
        s.cr4 = 0x1_0620L;    // FSGSBASE, OSXMMEXCPT, OSFXSR, PAE
        s.efer = 0xD01;       // NXE, LMA, LME, SCE
        s.cpl = 3;
        for (int seg = 0; seg < 6; seg++) {
            s.segSelector[seg] = 0x2B;
            s.segBase[seg] = 0;
            s.segLimit[seg] = 0xFFFF_FFFF;
            s.segAttributes[seg] = 0xCF3; // present, DPL 3, writable data, 4 KiB granular
        }
        s.segSelector[CpuState.CS] = 0x33;
        s.segAttributes[CpuState.CS] = 0xAFB; // present, DPL 3, code, L
    }

    /** Replaces {@code p}'s program (execve): a fresh address space and register state, handlers reset. */
    void exec(Process p, ElfImage image, ElfImage interpreter, Path exe, List<String> argv, List<String> env) {
        AddressSpace old = p.space;
        AddressSpace space = new AddressSpace(memory, frames);
        byte[] rnd = new byte[16];
        random.nextBytes(rnd);
        ProgramLoader.Entry entry;
        try {
            entry = ProgramLoader.load(image, interpreter, space, argv, env, exe.toString(), rnd);
        } catch (RuntimeException e) { // GuestMemoryExhausted, or GuestFault for arguments past the stack
            space.destroy();
            throw e;
        }
        p.space = space;
        p.exe = exe;
        if (old != null) {
            old.destroy();
        }
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (p.actions[sig].handler() != Signals.SIG_IGN) {
                p.actions[sig] = SignalAction.DEFAULT;
            }
        }
        p.altStackFlags = 2;
        p.altStackBase = p.altStackSize = 0;
        p.fds.closeOnExec();
        CpuState s = cpu.state;
        java.util.Arrays.fill(s.gpr, 0);
        java.util.Arrays.fill(s.xmm, 0);
        s.rip = entry.rip();
        s.gpr[CpuState.RSP] = entry.rsp();
        Flags.set(s, 0x202);
        s.segBase[CpuState.FS] = 0;
        s.segBase[CpuState.GS] = 0;
        s.mxcsr = 0x1F80;
        s.fpuControl = 0x037F;
        s.fpuStatus = 0;
        s.fpuTagWord = 0;
        s.cr3 = space.root();
        cpu.mmu.flushAll();
        releaseVforkParent(p);
    }

    void releaseVforkParent(Process child) {
        for (Process q : processes) {
            if (q.vforkChild == child) {
                q.vforkChild = null;
            }
        }
    }

    // ------------------------------------------------------------------ scheduling

    /** Runs until the first process exits; returns its wait status word. */
    public int run() throws LinuxUserException {
        while (!init.isZombie()) {
            Process next = pickNext();
            if (next == null) {
                throw new LinuxUserException("deadlock: every process is waiting (" + describeBlocked() + ")");
            }
            switchTo(next);
            if (next.state == Process.State.BLOCKED) {
                next.state = Process.State.RUNNABLE;
                if (next.deliverableSignal() != 0) {
                    interruptBlockedCall(next);
                }
            }
            deliverSignals(next);
            if (current.isZombie() || current.state != Process.State.RUNNABLE || current.vforkChild != null) {
                continue;
            }
            cpu.run(SLICE);
        }
        return init.waitStatus;
    }

    private Process pickNext() {
        int n = processes.size();
        int start = current == null ? 0 : Math.max(processes.indexOf(current), 0);
        for (int i = 1; i <= n; i++) {
            Process p = processes.get((start + i) % n);
            if (eligible(p)) {
                return p;
            }
        }
        return null;
    }

    private boolean eligible(Process p) {
        if (p.isZombie() || p.vforkChild != null) {
            return false;
        }
        return p.state == Process.State.RUNNABLE || p.blockedAt != progress || p.deliverableSignal() != 0;
    }

    private String describeBlocked() {
        StringBuilder b = new StringBuilder();
        for (Process p : processes) {
            if (!p.isZombie()) {
                b.append(b.isEmpty() ? "" : ", ").append("pid ").append(p.pid).append(" in ")
                        .append(SyscallNames.name((int) p.saved.gpr[CpuState.RAX]));
            }
        }
        return b.toString();
    }

    private void switchTo(Process next) {
        if (next == current) {
            return;
        }
        if (current != null && !current.isZombie()) {
            CpuContext.copy(cpu.state, current.saved);
        }
        CpuContext.copy(next.saved, cpu.state);
        cpu.mmu.flushAll();
        current = next;
    }

    /** A blocked call meets a signal: -EINTR, or re-run after the handler with SA_RESTART. */
    private void interruptBlockedCall(Process p) {
        int sig = p.deliverableSignal();
        SignalAction a = p.actions[sig];
        if (a.handler() != Signals.SIG_DFL && a.handler() != Signals.SIG_IGN && (a.flags() & Signals.SA_RESTART) != 0) {
            return;
        }
        cpu.state.rip += 2;
        cpu.state.gpr[CpuState.RAX] = -Errno.EINTR;
    }

    // ------------------------------------------------------------------ traps from the CPU

    @Override
    public void systemCall(Cpu c) {
        CpuState s = c.state;
        Process p = current;
        int nr = (int) s.gpr[CpuState.RAX];
        long a0 = s.gpr[CpuState.RDI], a1 = s.gpr[CpuState.RSI], a2 = s.gpr[CpuState.RDX];
        long a3 = s.gpr[10], a4 = s.gpr[8], a5 = s.gpr[9];
        long result;
        try {
            result = syscalls.dispatch(p, nr, a0, a1, a2, a3, a4, a5);
        } catch (GuestFault f) {
            result = -Errno.EFAULT;
        } catch (GuestMemoryExhausted e) {
            outOfMemory(p);
            return;
        } catch (RuntimeException e) {
            // A bug of this layer, not of the program: it gets EIO and the run goes on, with the cause logged.
            LOG.warn("pid {}: {} failed inside jefevm ({}): returning -EIO", p.pid, SyscallNames.name(nr), e.toString());
            LOG.debug("system call failure", e);
            result = -Errno.EIO;
        }
        if (result == Errno.BLOCK) {
            s.rip -= 2; // re-run the SYSCALL (0F 05) when scheduled again
            p.state = Process.State.BLOCKED;
            p.blockedAt = progress;
            c.requestStop();
            return;
        }
        progress++;
        if (result != KEEP_REGISTERS && current == p) {
            s.gpr[CpuState.RAX] = result;
        }
        if (strace) {
            LOG.info("[{}] {}(0x{}, 0x{}, 0x{}, 0x{}) = {}", p.pid, SyscallNames.name(nr), Long.toHexString(a0),
                    Long.toHexString(a1), Long.toHexString(a2), Long.toHexString(a3),
                    result == KEEP_REGISTERS ? "?" : Long.toString(result));
        }
        if (p.isZombie() || p.vforkChild != null) {
            c.requestStop();
            return;
        }
        deliverSignals(p);
        if (p.isZombie()) {
            c.requestStop();
        }
    }

    @Override
    public void exception(Cpu c, CpuFault fault) {
        Process p = current;
        CpuState s = c.state;
        int vector = fault.vector;
        if (vector == CpuFault.PF) {
            boolean write = (fault.errorCode & Mmu.PF_W) != 0;
            boolean fetch = (fault.errorCode & Mmu.PF_I) != 0;
            try {
                if (p.space.handleFault(fault.faultAddress, write, fetch)) {
                    return; // the instruction runs again with the page mapped
                }
            } catch (GuestMemoryExhausted e) {
                outOfMemory(p);
                return;
            }
            int code = (fault.errorCode & Mmu.PF_P) != 0 ? 2 : 1; // SEGV_ACCERR : SEGV_MAPERR
            forceSignal(p, new SignalFrame.Info(Signals.SIGSEGV, code, fault.faultAddress, 0, 0, 14,
                    fault.errorCode | Mmu.PF_U, fault.faultAddress));
            return;
        }
        // Linux's IDT lets user code through only the #BP and #OF gates (DPL 3); INT n of any other
        // vector meets a DPL 0 gate: #GP(n*8+2) at the INT instruction (SDM Vol.3 6.12.1.1).
        boolean gateRefused = fault.software && vector != CpuFault.BP && vector != CpuFault.OF;
        SignalFrame.Info info = FaultSignals.of(fault, s, gateRefused);
        if (gateRefused) {
            s.rip -= 2; // CD ib: back to the INT instruction
        }
        forceSignal(p, info);
    }

    /** No frame left for {@code p}: it is killed with SIGKILL, as by the Linux OOM killer, and the user is told why. */
    private void outOfMemory(Process p) {
        LOG.warn("pid {} killed: guest RAM exhausted ({} MiB for all processes; a larger --memory may help)", p.pid,
                memory.ramSize() >> 20);
        terminate(p, Process.signaledStatus(Signals.SIGKILL));
        cpu.requestStop();
    }

    /** A synchronous fault's signal: delivered now; blocked or ignored means the process dies (Linux force_sig). */
    private void forceSignal(Process p, SignalFrame.Info info) {
        int sig = info.signo();
        SignalAction a = p.actions[sig];
        if ((p.blockedSignals & Signals.bit(sig)) != 0 || a.handler() == Signals.SIG_IGN) {
            p.actions[sig] = SignalAction.DEFAULT;
            a = SignalAction.DEFAULT;
        }
        if (a.handler() == Signals.SIG_DFL) {
            LOG.debug("pid {} killed by signal {} at rip 0x{}", p.pid, sig, Long.toHexString(cpu.state.rip));
            terminate(p, Process.signaledStatus(sig));
            cpu.requestStop();
            return;
        }
        handle(p, sig, a, info);
    }

    /** Delivers pending unblocked signals to the running process {@code p}. */
    void deliverSignals(Process p) {
        while (!p.isZombie()) {
            int sig = p.deliverableSignal();
            if (sig == 0) {
                return;
            }
            p.pendingSignals &= ~Signals.bit(sig);
            SignalAction a = p.actions[sig];
            if (a.handler() == Signals.SIG_IGN || a.handler() == Signals.SIG_DFL && Signals.ignoredByDefault(sig)) {
                continue;
            }
            if (a.handler() == Signals.SIG_DFL || sig == Signals.SIGKILL) {
                terminate(p, Process.signaledStatus(sig));
                cpu.requestStop();
                return;
            }
            SignalFrame.Info info = sig == Signals.SIGCHLD
                    ? new SignalFrame.Info(sig, p.lastChildStatus >= 0 ? 1 : 2, p.lastChildPid, 0, p.lastChildStatus, 0, 0, 0)
                    : new SignalFrame.Info(sig, 0, 0, 0, 0, 0, 0, 0);
            handle(p, sig, a, info);
            return; // one frame at a time; the rest after sigreturn
        }
    }

    private void handle(Process p, int sig, SignalAction a, SignalFrame.Info info) {
        CpuState s = cpu.state;
        long sp = s.gpr[CpuState.RSP];
        boolean onAlt = p.altStackFlags == 0 && (a.flags() & Signals.SA_ONSTACK) != 0
                && !(sp > p.altStackBase && sp <= p.altStackBase + p.altStackSize);
        try {
            long restoreMask = p.maskAfterHandler >= 0 ? p.maskAfterHandler : p.blockedSignals;
            p.maskAfterHandler = -1;
            SignalFrame.push(s, p.space, a, info, restoreMask, p.altStackBase, p.altStackSize, onAlt);
        } catch (GuestFault f) {
            terminate(p, Process.signaledStatus(Signals.SIGSEGV));
            cpu.requestStop();
            return;
        }
        p.blockedSignals |= a.mask() | ((a.flags() & Signals.SA_NODEFER) != 0 ? 0 : Signals.bit(sig));
        p.blockedSignals &= ~Signals.UNBLOCKABLE;
        if ((a.flags() & Signals.SA_RESETHAND) != 0) {
            p.actions[sig] = SignalAction.DEFAULT;
        }
    }

    // ------------------------------------------------------------------ process end

    /** Ends {@code p} with wait status {@code status}: files closed, memory freed, parent told. */
    void terminate(Process p, int status) {
        if (p.isZombie()) {
            return;
        }
        if (p.clearChildTid != 0) {
            try {
                p.space.write32(p.clearChildTid, 0);
            } catch (GuestFault ignored) {
                // the program unmapped its own tid word: nothing to clear
            }
        }
        p.fds.closeAll();
        p.space.destroy();
        p.state = Process.State.ZOMBIE;
        p.waitStatus = status;
        progress++;
        releaseVforkParent(p);
        for (Process child : p.children) {
            child.parent = null;
            if (child.isZombie()) {
                processes.remove(child);
            }
        }
        p.children.clear();
        Process parent = p.parent;
        if (parent == null) {
            if (p != init) {
                processes.remove(p);
            }
        } else {
            parent.lastChildPid = p.pid;
            parent.lastChildStatus = status;
            parent.raise(Signals.SIGCHLD);
        }
    }

    /** Removes a waited-for zombie. */
    void reap(Process zombie) {
        processes.remove(zombie);
        if (zombie.parent != null) {
            zombie.parent.children.remove(zombie);
        }
    }

    /** Logs an unknown call once per number. */
    private final java.util.Set<Integer> reported = new java.util.HashSet<>();

    void reportUnknown(int nr) {
        if (reported.add(nr)) {
            LOG.warn("unimplemented system call {} ({}): returning -ENOSYS", nr, SyscallNames.name(nr));
        }
    }
}
