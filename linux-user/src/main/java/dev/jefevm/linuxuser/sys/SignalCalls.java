package dev.jefevm.linuxuser.sys;

import dev.jefevm.linuxuser.proc.Process;
import dev.jefevm.linuxuser.signal.SignalAction;
import dev.jefevm.linuxuser.signal.SignalFrame;
import dev.jefevm.linuxuser.signal.Signals;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Signal system calls: rt_sigaction (kernel {@code struct sigaction}: handler, flags, restorer,
 * mask), rt_sigprocmask, rt_sigreturn, sigaltstack, rt_sigpending, rt_sigsuspend and pause.
 */
final class SignalCalls {

    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    private final Kernel kernel;

    SignalCalls(Kernel kernel) {
        this.kernel = kernel;
    }

    long sigaction(Process p, int sig, long act, long oldAct, long setSize) {
        if (sig < 1 || sig > Signals.NSIG || setSize != 8) {
            return -Errno.EINVAL;
        }
        if (act != 0 && (sig == Signals.SIGKILL || sig == Signals.SIGSTOP)) {
            return -Errno.EINVAL;
        }
        SignalAction old = p.actions[sig];
        SignalAction next = null;
        if (act != 0) {
            byte[] b = new byte[32];
            p.space.read(act, b, 0, 32);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            next = new SignalAction(bb.getLong(0), bb.getLong(8), bb.getLong(16), bb.getLong(24) & ~Signals.UNBLOCKABLE);
        }
        if (oldAct != 0) {
            byte[] b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(old.handler())
                    .putLong(old.flags()).putLong(old.restorer()).putLong(old.mask()).array();
            p.space.write(oldAct, b, 0, 32);
        }
        if (next != null) {
            p.actions[sig] = next;
            if (next.handler() == Signals.SIG_IGN
                    || next.handler() == Signals.SIG_DFL && Signals.ignoredByDefault(sig)) {
                p.pendingSignals &= ~Signals.bit(sig);
            }
        }
        return 0;
    }

    long sigprocmask(Process p, int how, long set, long oldSet, long setSize) {
        if (setSize != 8) {
            return -Errno.EINVAL;
        }
        long old = p.blockedSignals;
        if (set != 0) {
            long m = p.space.read64(set);
            switch (how) {
                case SIG_BLOCK -> p.blockedSignals |= m;
                case SIG_UNBLOCK -> p.blockedSignals &= ~m;
                case SIG_SETMASK -> p.blockedSignals = m;
                default -> {
                    return -Errno.EINVAL;
                }
            }
            p.blockedSignals &= ~Signals.UNBLOCKABLE;
        }
        if (oldSet != 0) {
            p.space.write64(oldSet, old);
        }
        return 0;
    }

    long sigreturn(Process p) {
        p.blockedSignals = SignalFrame.restore(kernel.cpu.state, p.space) & ~Signals.UNBLOCKABLE;
        return Kernel.KEEP_REGISTERS;
    }

    long sigaltstack(Process p, long ss, long oldSs) {
        long sp = kernel.cpu.state.gpr[4];
        boolean on = p.altStackFlags == 0 && sp > p.altStackBase && sp <= p.altStackBase + p.altStackSize;
        if (ss != 0) {
            if (on) {
                return -Errno.EPERM;
            }
            long base = p.space.read64(ss);
            int flags = p.space.read32(ss + 8);
            long size = p.space.read64(ss + 16);
            if ((flags & ~SS_DISABLE) != 0) {
                return -Errno.EINVAL;
            }
            if ((flags & SS_DISABLE) == 0 && size < 2048) {
                return -Errno.ENOMEM;
            }
            if (oldSs != 0) {
                writeStack(p, oldSs, on);
            }
            p.altStackFlags = flags & SS_DISABLE;
            p.altStackBase = (flags & SS_DISABLE) != 0 ? 0 : base;
            p.altStackSize = (flags & SS_DISABLE) != 0 ? 0 : size;
            return 0;
        }
        if (oldSs != 0) {
            writeStack(p, oldSs, on);
        }
        return 0;
    }

    private static void writeStack(Process p, long at, boolean on) {
        byte[] b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(p.altStackBase)
                .putInt(on ? SS_ONSTACK : p.altStackFlags).putInt(0).putLong(p.altStackSize).array();
        p.space.write(at, b, 0, 24);
    }

    long sigpending(Process p, long set) {
        p.space.write64(set, p.pendingSignals & p.blockedSignals);
        return 0;
    }

    /** rt_sigsuspend: waits under {@code mask} for a signal; the handler's return restores the old mask. */
    long sigsuspend(Process p, long maskPtr) {
        long mask = p.space.read64(maskPtr) & ~Signals.UNBLOCKABLE;
        long ready = p.pendingSignals & ~mask;
        if (ready == 0) {
            return Errno.BLOCK;
        }
        p.maskAfterHandler = p.blockedSignals;
        p.blockedSignals = mask;
        return -Errno.EINTR;
    }
}
