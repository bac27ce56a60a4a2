package dev.jefevm.linuxuser.proc;

import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.linuxuser.fs.FdTable;
import dev.jefevm.linuxuser.mem.AddressSpace;
import dev.jefevm.linuxuser.signal.SignalAction;
import dev.jefevm.linuxuser.signal.Signals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One emulated Linux process: its address space, descriptor table, working directory, program,
 * signal dispositions and masks, its saved CPU context while another process runs, and its
 * place in the process tree (parent, children, exit status for wait4).
 */
public final class Process {

    /** Where the scheduler may take a process. */
    public enum State { RUNNABLE, BLOCKED, ZOMBIE }

    public final int pid;
    public Process parent;
    public final List<Process> children = new ArrayList<>();
    public AddressSpace space;
    public FdTable fds;
    public Path cwd;
    /** The host path of the running program (/proc/self/exe). */
    public Path exe;
    /** umask(2), applied to modes of created files. */
    public int umask = 022;
    public final CpuState saved = new CpuState();

    public State state = State.RUNNABLE;
    /** The kernel's progress count when the process blocked: it is worth re-running its call once this changes. */
    public long blockedAt;
    /** A vfork child the process waits for (until it execs or exits), or null. */
    public Process vforkChild;
    /** wait4 status word once a zombie (WIFEXITED / WIFSIGNALED encoding). */
    public int waitStatus;
    /** CLONE_CHILD_CLEARTID / set_tid_address: zeroed at exit. */
    public long clearChildTid;

    public final SignalAction[] actions = new SignalAction[Signals.NSIG + 1];
    public long blockedSignals;
    public long pendingSignals;
    /** sigaltstack: base, size and SS_DISABLE (2) flag. */
    public long altStackBase, altStackSize;
    public int altStackFlags = 2;
    /** si_pid / si_status of the last SIGCHLD queued, for its siginfo. */
    public int lastChildPid, lastChildStatus;
    /** rt_sigsuspend: the mask the next signal frame restores instead of the current one, or -1. */
    public long maskAfterHandler = -1;

    public Process(int pid) {
        this.pid = pid;
        Arrays.fill(actions, SignalAction.DEFAULT);
    }

    public boolean isZombie() {
        return state == State.ZOMBIE;
    }

    /** Queues {@code sig} (unless it is ignored, which discards it as Linux does). */
    public void raise(int sig) {
        SignalAction a = actions[sig];
        if (a.handler() == Signals.SIG_IGN || a.handler() == Signals.SIG_DFL && Signals.ignoredByDefault(sig)) {
            return;
        }
        pendingSignals |= Signals.bit(sig);
    }

    /** The lowest pending signal not blocked, or 0. */
    public int deliverableSignal() {
        long ready = pendingSignals & (~blockedSignals | Signals.UNBLOCKABLE);
        return ready == 0 ? 0 : Long.numberOfTrailingZeros(ready) + 1;
    }

    /** Status word for a normal exit (wait(2): WEXITSTATUS in bits 15:8). */
    public static int exitedStatus(int code) {
        return (code & 0xFF) << 8;
    }

    /** Status word for death by {@code sig} (WTERMSIG in bits 6:0). */
    public static int signaledStatus(int sig) {
        return sig & 0x7F;
    }

    /** What a shell reports for a status word: the exit code, or 128 + signal. */
    public static int shellStatus(int status) {
        return (status & 0x7F) == 0 ? (status >>> 8) & 0xFF : 128 + (status & 0x7F);
    }
}
